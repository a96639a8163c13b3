package dev.assay.monitoring;

import dev.assay.ledger.Ledger;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.transaction.Transactional;

/** A window audit's row and its ledger entry, in one transaction. */
@ApplicationScoped
public class WindowRecords {

    @Inject
    MonitoringRepository repository;

    @Inject
    Ledger ledger;

    @Transactional
    public void add(WindowAudit w, String actor) {
        repository.add(w);
        ledger.append("window.audited", w.id(), actor, Json.createObjectBuilder()
                .add("deployment", w.deploymentId()).add("start", w.start().toString()).add("end", w.end().toString())
                .add("rows", w.rows()).add("labeledRows", w.labeledRows()).add("dataset", w.datasetId())
                .add("audit", w.auditId()).build());
    }
}
