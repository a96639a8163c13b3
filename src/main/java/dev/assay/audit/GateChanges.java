package dev.assay.audit;

import dev.assay.alert.Alerts;
import dev.assay.alert.Event;
import dev.assay.alert.EventType;
import dev.assay.infrastructure.Clocks;
import dev.assay.registry.ModelRegistry;
import dev.assay.registry.ModelVersion;
import dev.assay.security.Caller;
import dev.assay.waiver.WaiverDecision;
import dev.assay.waiver.WaiverService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.transaction.Transactional;

import java.time.Clock;
import java.time.Instant;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * The changes that can move a version's gate (an audit finishing, a waiver decided), each with its
 * {@code gate.changed} event when the decision moved: published in the change's own transaction, so the
 * event exists exactly when the change does. (A waiver's expiry moves the gate by the clock; its
 * {@code waiver.expiring} notice comes ahead of it.)
 */
@ApplicationScoped
public class GateChanges {

    @Inject
    GateService gates;

    @Inject
    Alerts alerts;

    @Inject
    WaiverService waivers;

    @Inject
    ModelRegistry registry;

    @Inject
    jakarta.enterprise.event.Event<GateInputsChanged> inputsChanged;

    Clock clock = Clocks.UTC_MICROS;

    /** Runs {@code change} of {@code version} in the caller's transaction; publishes gate.changed if the decision moved. */
    <T> T around(ModelVersion version, String cause, Supplier<T> change) {
        GateService.Gate before = gates.of(version);
        // From here until this transaction completes, the gate is read afresh (the "after" below included).
        inputsChanged.fire(new GateInputsChanged(version.id()));
        T result = change.get();
        GateService.Gate after = gates.of(version);
        if (!before.decision().equals(after.decision())) {
            alerts.publish(new Event(UUID.randomUUID().toString(), EventType.GATE_CHANGED, clock.instant(),
                    version.modelName() + "@" + version.version(),
                    details(version, before.decision(), after.decision(), after.auditId(), cause)));
        }
        return result;
    }

    /** A {@code gate.changed} event's fields, wherever the change comes from (a change here, an audit's expiry). */
    static jakarta.json.JsonObject details(ModelVersion version, String before, String after, String auditId, String cause) {
        return Json.createObjectBuilder().add("model", version.modelName()).add("version", version.version())
                .add("before", before).add("after", after).add("audit", auditId == null ? "" : auditId).add("cause", cause).build();
    }

    /**
     * A waiver requested (it shows in the gate as pending). {@code failingRules} are those that fail the
     * version's latest decision, the only rules a waiver may name.
     */
    @Transactional
    public WaiverService.View requestWaiver(ModelVersion version, String rule, String justification, Instant expiresAt,
                                            Set<String> failingRules, Caller caller) {
        return around(version, "waiver requested", () -> waivers.request(version, rule, justification, expiresAt,
                failingRules, caller));
    }

    /** A waiver decided (four eyes in {@link WaiverService#decide}), and the gate's change told. */
    @Transactional
    public WaiverService.View decideWaiver(String id, WaiverDecision.Ruling outcome, String comment, Caller caller) {
        ModelVersion version = registry.byId(waivers.get(id).waiver().modelVersionId());
        return around(version, "waiver " + id + " " + outcome.name().toLowerCase(java.util.Locale.ROOT),
                () -> waivers.decide(id, outcome, comment, caller));
    }
}
