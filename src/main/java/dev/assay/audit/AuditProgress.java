package dev.assay.audit;

import jakarta.enterprise.context.ApplicationScoped;

import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Where each running audit is. Progress is not evidence: it lives in memory, and after a restart
 * a resumed audit starts again from the first stage.
 */
@ApplicationScoped
public class AuditProgress {

    /** The stages of an audit job, in order, with the share of the work done when each begins. */
    public enum Stage {
        QUEUED(0), LOADING(5), COMPUTING_METRICS(10), SIGNING_REPORT(75), RENDERING_PDF(85), DONE(100), ERROR(100);

        private final int percent;

        Stage(int percent) {
            this.percent = percent;
        }

        public int percent() {
            return percent;
        }

        public String id() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }
    }

    private final Map<String, Stage> stages = new ConcurrentHashMap<>();

    void enter(String auditId, Stage stage) {
        if (stage == Stage.DONE || stage == Stage.ERROR) {
            stages.remove(auditId);
        } else {
            stages.put(auditId, stage);
        }
    }

    /** The stage of an audit with the given stored status: finished runs need no memory. */
    public Stage of(AuditRun run) {
        return switch (run.status()) {
            case DONE -> Stage.DONE;
            case ERROR -> Stage.ERROR;
            default -> stages.getOrDefault(run.id(), Stage.QUEUED);
        };
    }
}
