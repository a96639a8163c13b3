package dev.assay;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import java.util.List;
import java.util.stream.Stream;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * The layering DESIGN.md promises, checked with ArchUnit on the production classes (what the JVM
 * links, so a fully qualified name in a method body counts as much as an import):
 *
 * <pre>
 *   api, portal, web, demo (and the root package: start-up, readiness)      the edge: HTTP lives here
 *   cli                                                                     the command-line client: beside the edge,
 *                                                                           speaks HTTP to it; nothing depends on it
 *     -> monitoring                                                         after release: runs ordinary audits
 *     -> audit, waiver, report                                              services
 *       -> policy -> metric -> stats                                        the computation
 *   registry, dataset, ledger, security                                     the foundation, used by the above
 *     -> infrastructure -> failure                                          plumbing; failure is the bottom
 * </pre>
 *
 * Within metric/, a family (fairness, performance, quality, privacy, drift, documentation) imports
 * neither another family nor the engine; the shared counts, the scan interface and the metric base
 * are not families. No two top-level packages depend on each other. The families' SQL is spelled by
 * their engine's dialect (metric.scan.SqlDialect), never by DuckDB's quoting or dialect directly.
 */
class ArchitectureTest {

    static final List<String> FAMILIES = List.of("fairness", "performance", "quality", "privacy", "drift", "documentation");

    static JavaClasses classes;

    @BeforeAll
    static void importClasses() {
        classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages("dev.assay");
    }

    @Test
    void layers() {
        ArchRule rule = layeredArchitecture().consideringOnlyDependenciesInLayers()
                .layer("Edge").definedBy("dev.assay.api..", "dev.assay.portal..", "dev.assay.web..", "dev.assay.demo..")
                .layer("Client").definedBy("dev.assay.cli..")
                .layer("Root").definedBy("dev.assay")
                .layer("Monitoring").definedBy("dev.assay.monitoring..")
                .layer("Services").definedBy("dev.assay.audit..", "dev.assay.waiver..", "dev.assay.report..", "dev.assay.review..")
                .layer("Policy").definedBy("dev.assay.policy..")
                .layer("Metric").definedBy("dev.assay.metric..")
                .layer("Stats").definedBy("dev.assay.stats..")
                .layer("Foundation").definedBy("dev.assay.registry..", "dev.assay.dataset..", "dev.assay.ledger..",
                        "dev.assay.security..", "dev.assay.alert..")
                .layer("Infrastructure").definedBy("dev.assay.infrastructure..")
                .layer("Failure").definedBy("dev.assay.failure..")
                .whereLayer("Edge").mayOnlyBeAccessedByLayers("Root")
                .whereLayer("Root").mayNotBeAccessedByAnyLayer()
                .whereLayer("Client").mayNotBeAccessedByAnyLayer()
                .whereLayer("Monitoring").mayOnlyBeAccessedByLayers("Edge", "Root")
                .whereLayer("Services").mayOnlyBeAccessedByLayers("Edge", "Root", "Monitoring", "Client")
                .whereLayer("Policy").mayOnlyBeAccessedByLayers("Edge", "Root", "Monitoring", "Services")
                .whereLayer("Metric").mayOnlyBeAccessedByLayers("Edge", "Root", "Monitoring", "Services", "Policy")
                .whereLayer("Stats").mayOnlyBeAccessedByLayers("Edge", "Root", "Monitoring", "Services", "Policy", "Metric")
                .whereLayer("Foundation").mayOnlyBeAccessedByLayers("Edge", "Root", "Monitoring", "Services", "Policy", "Client")
                .whereLayer("Infrastructure").mayOnlyBeAccessedByLayers("Edge", "Root", "Monitoring", "Services", "Policy",
                        "Metric", "Foundation", "Client")
                .because("DESIGN.md: api, portal, demo -> monitoring -> audit, waiver, report -> policy -> metric -> stats; "
                        + "registry, dataset, ledger, security -> infrastructure; the command-line client (cli) beside the edge, "
                        + "used by nothing of the server");
        rule.check(classes);
    }

    @Test
    void failureIsTheBottom() {
        noClasses().that().resideInAPackage("dev.assay.failure..")
                .should().dependOnClassesThat().resideOutsideOfPackages("dev.assay.failure..", "java..")
                .because("domain code throws transport-free failures that only the edge maps to HTTP")
                .check(classes);
    }

    @Test
    void onlyTheEdgeKnowsHttp() {
        noClasses().that().resideOutsideOfPackages("dev.assay.api..", "dev.assay.portal..", "dev.assay.web..")
                .should().dependOnClassesThat().resideInAnyPackage("jakarta.ws.rs..", "jakarta.servlet..")
                .because("nothing below api/ and portal/ knows HTTP (DESIGN.md)")
                .check(classes);
    }

    @Test
    void noCyclesBetweenPackages() {
        slices().matching("dev.assay.(*)..").should().beFreeOfCycles().check(classes);
    }

    @Test
    void noCyclesBetweenMetricPackages() {
        slices().matching("dev.assay.metric.(*)..").should().beFreeOfCycles().check(classes);
    }

    /** The metric base, the shared counts and every family: quoting, like every construct engines spell differently, is the dialect's. */
    @Test
    void familiesQuoteThroughTheirEnginesDialect() {
        String[] packages = Stream.concat(Stream.of("dev.assay.metric", "dev.assay.metric.counts.."),
                FAMILIES.stream().map(f -> "dev.assay.metric." + f + "..")).toArray(String[]::new);
        noClasses().that().resideInAnyPackage(packages)
                .should().dependOnClassesThat().haveFullyQualifiedName("dev.assay.infrastructure.Sql")
                .orShould().accessField("dev.assay.infrastructure.ValueMatch", "DUCKDB")
                .because("SQL text goes through ScanEngine.dialect(), so a second engine needs no change to any family")
                .check(classes);
    }

    /** DuckDB's dialect is for DuckDB's engine (and AggregationPlan.sql(Table), the DuckDB text the bench reads): no family names it. */
    @Test
    void noFamilyNamesDuckDbsDialect() {
        noClasses().that().resideInAnyPackage(FAMILIES.stream().map(f -> "dev.assay.metric." + f + "..").toArray(String[]::new))
                .should().dependOnClassesThat().haveFullyQualifiedName("dev.assay.metric.scan.DuckDbDialect")
                .because("a family takes its dialect from the engine that runs its scans")
                .check(classes);
    }

    @TestFactory
    Stream<DynamicTest> noFamilyImportsAnotherFamilyOrTheEngine() {
        return FAMILIES.stream().map(family -> DynamicTest.dynamicTest(family, () -> {
            String[] others = Stream.concat(FAMILIES.stream().filter(f -> !f.equals(family)), Stream.of("engine"))
                    .map(f -> "dev.assay.metric." + f + "..").toArray(String[]::new);
            noClasses().that().resideInAPackage("dev.assay.metric." + family + "..")
                    .should().dependOnClassesThat().resideInAnyPackage(others)
                    .because("a metric family is one folder; the engine collects families, families know only the shared base")
                    .check(classes);
        }));
    }
}
