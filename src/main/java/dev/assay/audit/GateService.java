package dev.assay.audit;

import dev.assay.policy.Decision;
import dev.assay.registry.ModelVersion;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.List;
import java.util.Optional;

/** The gate of a model version: the decision of its latest finished audit. */
@ApplicationScoped
public class GateService {

    @Inject
    AuditRepository audits;

    /** NONE when no audit of the version has finished. */
    public record Gate(String decision, String auditId, List<String> reasons) {

        public boolean meets(Decision.Verdict required) {
            if (decision.equals("NONE")) {
                return false;
            }
            Decision.Verdict actual = Decision.Verdict.valueOf(decision);
            return actual.ordinal() <= required.ordinal();
        }
    }

    public Gate of(ModelVersion version) {
        Optional<AuditRun> latest = audits.latestDone(version.id());
        if (latest.isEmpty()) {
            return new Gate("NONE", null, List.of());
        }
        AuditResult result = audits.result(latest.get().id()).orElseThrow();
        return new Gate(result.verdict().name(), latest.get().id(), result.reasons());
    }
}
