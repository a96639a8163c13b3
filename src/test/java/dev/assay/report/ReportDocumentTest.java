package dev.assay.report;

import dev.assay.infrastructure.CanonicalJson;
import dev.assay.policy.Decision;
import dev.assay.policy.Outcome;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The report document reads what it writes, and writes signed reports back byte for byte. */
class ReportDocumentTest {

    private static final Path SAMPLES = Path.of("reports", "samples");

    @Test
    void signedSamplesReadBackToTheSameCanonicalBytes() throws Exception {
        for (String version : List.of("1.0.0", "1.1.0")) {
            String json = Files.readString(SAMPLES.resolve("loan-approval-" + version + ".report.json"));
            ReportDocument document = ReportDocument.parse(json);
            assertEquals(json, CanonicalJson.string(document.toJson()), version);
        }
    }

    @Test
    void typedViewsOfTheFailingSample() throws Exception {
        ReportDocument document = ReportDocument.parse(Files.readString(SAMPLES.resolve("loan-approval-1.0.0.report.json")));
        assertEquals(Decision.Verdict.FAIL, document.decision());
        assertEquals(List.of("four-fifths-impact-ratio"), document.reasons());
        assertTrue(document.ruleEffects().contains(new Decision.RuleEffect("four-fifths-impact-ratio", Outcome.FAIL)));
        // The gate and the audit agree: the report's effects decide what the report says.
        assertEquals(new Decision(document.decision(), document.reasons()), Decision.decide(document.ruleEffects()));
        assertEquals("eeoc-four-fifths", document.policyRefs().get(0).id());
        assertEquals(64, document.dataset().sha256().length());
        assertNull(document.approvedVersion());
    }

    @Test
    void aPartialDocumentIsReadLeniently() {
        ReportDocument document = ReportDocument.parse(PadesTest.REPORT);
        assertEquals(Decision.Verdict.FAIL, document.decision());
        assertEquals(4, document.findings().size());
        assertTrue(document.waivers().size() == 1 && document.metrics().size() == 2);
        assertNull(document.rounding());
        assertNull(document.model().registeredAt());
    }
}
