package dev.assay.api;

import dev.assay.monitoring.WindowService;
import jakarta.json.bind.annotation.JsonbNillable;
import jakarta.json.bind.annotation.JsonbPropertyOrder;

import java.time.Instant;
import java.util.List;

/**
 * A closed window (API.md): its interval, rows, label coverage (labeled rows over rows), the decision of its
 * latest audit ({@code NONE} while that audit runs) and that audit; {@code status} is the audit's status and
 * {@code earlierAudits} the window's earlier audits, oldest first (labels that came after an audit give the
 * window a new one; the earlier stay).
 */
@JsonbPropertyOrder({"start", "end", "rows", "labeledRows", "labelCoverage", "decision", "audit", "status", "earlierAudits"})
public record WindowView(Instant start, Instant end, Long rows, Long labeledRows, Double labelCoverage, String decision,
                         @JsonbNillable String audit, String status, List<String> earlierAudits) {

    static WindowView of(WindowService.Window w) {
        return new WindowView(w.start(), w.end(), w.rows(), w.labeledRows(), w.labelCoverage(), w.decision(), w.audit(),
                w.status(), w.earlierAudits());
    }
}
