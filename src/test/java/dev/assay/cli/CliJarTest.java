package dev.assay.cli;

import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

import javax.xml.parsers.DocumentBuilderFactory;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * target/assay-cli.jar holds exactly the server classes the client reaches (src/assembly/cli.xml names them), and
 * none of those needs JPA, CDI, Jakarta REST, servlets or the engines: a class in the jar that did would fail
 * with NoClassDefFoundError on a CI runner, and one more than needed would be dead weight that hides the next.
 * Annotations are the exception: the JVM reads them only when asked, so an entity's mapping annotations are
 * inert without JPA on the class path (LedgerEntry, the chain's entry).
 */
class CliJarTest {

    private static final List<String> SERVER_ONLY = List.of("jakarta.persistence", "jakarta.enterprise", "jakarta.inject",
            "jakarta.ws.rs", "jakarta.servlet", "jakarta.transaction", "jakarta.annotation", "org.hibernate", "org.flywaydb",
            "org.duckdb", "org.thymeleaf");

    private static JavaClasses classes;
    private static Set<String> reached;
    private static Set<String> beyond;
    private static List<Pattern> included;

    @BeforeAll
    static void read() throws Exception {
        // The packages the client may reach (importing all of dev.assay takes seconds more); a reach beyond them fails below.
        classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages(
                "dev.assay.cli", "dev.assay.report", "dev.assay.ledger", "dev.assay.dataset", "dev.assay.infrastructure", "dev.assay.failure");
        reached = new TreeSet<>();
        beyond = new TreeSet<>();
        Deque<JavaClass> todo = new ArrayDeque<>();
        classes.stream().filter(c -> c.getPackageName().equals("dev.assay.cli")).forEach(todo::add);
        while (!todo.isEmpty()) {
            JavaClass c = todo.pop();
            if (!reached.add(c.getName())) {
                continue;
            }
            for (Dependency d : c.getDirectDependenciesFromSelf()) {
                JavaClass target = d.getTargetClass().getBaseComponentType();
                if (target.getPackageName().startsWith("dev.assay") && !classes.contain(target.getName())) {
                    beyond.add(d.getDescription());
                } else if (target.getPackageName().startsWith("dev.assay") && !reached.contains(target.getName())) {
                    todo.push(classes.get(target.getName()));
                }
            }
            // Its nested and synthetic classes too (a switch on an enum reads a synthetic Outer$1 ArchUnit does not report).
            classes.stream().filter(n -> n.getName().startsWith(c.getName() + "$") && !reached.contains(n.getName())).forEach(todo::push);
        }
        Element fileSet = (Element) DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(Path.of("src", "assembly", "cli.xml").toFile()).getElementsByTagName("fileSet").item(0);
        NodeList includes = fileSet.getElementsByTagName("include");
        included = new ArrayList<>();
        for (int i = 0; i < includes.getLength(); i++) {
            included.add(glob(includes.item(i).getTextContent().strip()));
        }
    }

    /** An Ant pattern of the descriptor as a regular expression: {@code **} any path, {@code *} within a folder. */
    private static Pattern glob(String ant) {
        StringBuilder re = new StringBuilder();
        for (int i = 0; i < ant.length(); i++) {
            char c = ant.charAt(i);
            if (c == '*' && i + 1 < ant.length() && ant.charAt(i + 1) == '*') {
                re.append(".*");
                i++;
            } else if (c == '*') {
                re.append("[^/]*");
            } else {
                re.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return Pattern.compile(re.toString());
    }

    private static String file(String className) {
        return className.replace('.', '/') + ".class";
    }

    private static boolean packed(String className) {
        return included.stream().anyMatch(p -> p.matcher(file(className)).matches());
    }

    @Test
    void theJarPacksEveryServerClassTheClientReachesAndNoOther() {
        assertEquals(Set.of(), beyond, "the client reaches packages it should not need (or this test's import must grow)");
        Set<String> missing = new TreeSet<>();
        reached.stream().filter(c -> !packed(c)).forEach(missing::add);
        assertEquals(Set.of(), missing, "reached by the client but not in src/assembly/cli.xml");
        Set<String> extra = new TreeSet<>();
        classes.stream().map(JavaClass::getName).filter(c -> packed(c) && !reached.contains(c)).forEach(extra::add);
        assertEquals(Set.of(), extra, "in src/assembly/cli.xml but never reached by the client");
        assertTrue(reached.contains("dev.assay.report.OfflineVerifier") && reached.contains("dev.assay.ledger.LedgerExport"),
                "the client reuses the offline verifiers: " + reached);
    }

    @Test
    void nothingTheClientReachesNeedsTheServersContainer() {
        List<String> needs = new ArrayList<>();
        for (String name : reached) {
            for (Dependency d : classes.get(name).getDirectDependenciesFromSelf()) {
                JavaClass target = d.getTargetClass().getBaseComponentType();
                if (SERVER_ONLY.stream().anyMatch(p -> target.getPackageName().startsWith(p)) && !target.isAnnotation()) {
                    needs.add(d.getDescription());
                }
            }
        }
        assertEquals(List.of(), needs);
    }
}
