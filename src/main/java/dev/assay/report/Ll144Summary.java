package dev.assay.report;

import dev.assay.failure.NotFound;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;

/**
 * The summary of a bias audit that NYC Local Law 144 asks an employer to publish before it uses an automated
 * employment decision tool (NYC Admin. Code § 20-871(a)(2); 6 RCNY § 5-303(a)): the date of the most recent bias
 * audit, the source and explanation of the data it used, the number of individuals of unknown category, and for every
 * category of sex, race/ethnicity and their intersection the number of applicants, the selection or scoring rate and
 * the impact ratio (6 RCNY § 5-301); and the tool's distribution date. Everything is read from the signed report of
 * an audit that applied the {@value #POLICY} pack, so the summary says what the signature covers; the tables are
 * the report's {@link RateTable}s of that pack, small cells suppressed as everywhere else.
 *
 * @param distributionDate the card's {@code distributionDate} (ISO date the tool was, or will be, first used); null
 *                         when the card does not state it (the summary then says so, for the employer to add)
 * @param auditDate        the day (UTC) the audit completed: 6 RCNY § 5-303's "date of the most recent bias audit"
 * @param dataSource       the card's {@code evaluationData}: the source and explanation of the data; null when absent
 * @param reportSha256     SHA-256 of the signed report's canonical JSON, for a reader to verify the numbers against
 */
public record Ll144Summary(String model, String version, String distributionDate, LocalDate auditDate, Instant completedAt,
                           String auditId, String dataSource, long rows, String datasetSha256, String reportSha256, String keyId,
                           List<RateTable> tables) {

    /** The built-in pack whose rules the summary reports. */
    public static final String POLICY = "nyc-ll144";

    public Ll144Summary {
        tables = List.copyOf(tables);
    }

    /**
     * @param report       the signed report, read back
     * @param reportSha256 the SHA-256 of its canonical JSON
     * @throws NotFound when the audit did not apply the {@value #POLICY} pack: it has no bias-audit summary
     */
    public static Ll144Summary of(ReportDocument report, String reportSha256) {
        boolean applied = report.policies().stream().anyMatch(p -> POLICY.equals(p.getString("id", null)));
        if (!applied) {
            throw new NotFound("Audit " + report.audit().id() + " did not apply the " + POLICY
                    + " pack, so it has no NYC Local Law 144 bias-audit summary; audit the version with it");
        }
        JsonObject card = report.model().card();
        String distribution = card != null && card.get("distributionDate") instanceof JsonString d ? d.getString() : null;
        String source = card != null && card.containsKey("evaluationData") && card.get("evaluationData") != JsonValue.NULL
                ? PdfReport.readable(card.get("evaluationData")) : null;
        Instant completed = report.audit().completedAt();
        return new Ll144Summary(report.model().name(), report.model().version(), distribution,
                completed == null ? null : LocalDate.ofInstant(completed, ZoneOffset.UTC), completed, report.audit().id(),
                source == null || source.isBlank() ? null : source, report.dataset().rows(), report.dataset().sha256(), reportSha256,
                report.signing() == null ? null : report.signing().keyId(),
                RateTable.of(report).stream().filter(t -> POLICY.equals(t.policy())).toList());
    }

    /** What the summary says where the card states no distribution date. */
    public String distributionDateText() {
        return distributionDate != null ? distributionDate
                : "not stated in the model card (add distributionDate to the card, or state it when publishing)";
    }

    /** What the summary says where the card states no source of its evaluation data. */
    public String dataSourceText() {
        return dataSource != null ? dataSource : "not stated in the model card (evaluationData)";
    }

    /** The table's heading: which rates, by which attribute or intersection. */
    public static String heading(RateTable t) {
        return (t.rateMetric().equals("scoring_rate") ? "Scoring rates" : "Selection rates") + " and impact ratios by "
                + t.scope().replace("*", " × ");
    }
}
