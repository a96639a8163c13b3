package dev.assay.it.incontainer;

import dev.assay.audit.AuditRequest;
import dev.assay.audit.AuditRun;
import dev.assay.audit.AuditService;
import dev.assay.audit.GateChanges;
import dev.assay.audit.GateService;
import dev.assay.demo.DemoSeeder;
import dev.assay.failure.Conflict;
import dev.assay.it.incontainer.Faults.InjectedFailure;
import dev.assay.it.incontainer.Faults.Point;
import dev.assay.ledger.Ledger;
import dev.assay.ledger.LedgerEntry;
import dev.assay.registry.ModelRegistry;
import dev.assay.registry.ModelVersion;
import dev.assay.security.Caller;
import dev.assay.security.Role;
import dev.assay.waiver.WaiverDecision;
import dev.assay.waiver.WaiverService;
import dev.assay.waiver.WaiverStatus;
import jakarta.inject.Inject;
import jakarta.transaction.UserTransaction;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import javax.naming.InitialContext;
import javax.naming.NamingException;
import javax.sql.DataSource;
import java.io.File;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What HTTP cannot reach, inside the real server: the transactions of an audit's result, of ledger appends and of
 * waiver decisions, with a failure injected after a real write ({@link Faults}). The services are the server's own
 * CDI beans on its real database (H2, or PostgreSQL with {@code -Dassay.it.db=postgres}); the state is read back
 * with SQL on that database and through the services, and the ledger chain is verified after every failure.
 * The demo's loan-approval is there, audited by the server's worker: 1.0.0 fails the four-fifths rule, 1.1.0 passes.
 */
@ExtendWith(ArquillianExtension.class)
class RollbackIT {

    private static final Caller OWNER = new Caller("owner", Set.of(Role.MODEL_OWNER));
    private static final Caller AUDITOR = new Caller("auditor", Set.of(Role.AUDITOR));
    private static final String JUSTIFICATION = "The affected group is below the reporting threshold this quarter";
    private static final Duration WAIT = Duration.ofMinutes(5);

    /** The built WAR, as the assay server runs it, with the fault points and this class added. */
    @Deployment
    static WebArchive deployment() {
        File war = new File(System.getProperty("assay.war", "target/assay.war"));
        return ShrinkWrap.create(WebArchive.class, "assay-incontainer.war")
                .merge(ShrinkWrap.createFromZipFile(WebArchive.class, war))
                .addClasses(RollbackIT.class, Faults.class, Faults.InjectedFailure.class, Faults.Point.class,
                        FailingLedgerRepository.class, FailingAuditRepository.class, FailingWaiverRepository.class);
    }

    @Inject
    ModelRegistry registry;

    @Inject
    AuditService audits;

    @Inject
    GateService gates;

    @Inject
    GateChanges gateChanges;

    @Inject
    WaiverService waivers;

    @Inject
    Ledger ledger;

    @Inject
    Faults faults;

    private ModelVersion failing;
    private ModelVersion passing;

    @BeforeEach
    void demoAudited() throws InterruptedException {
        failing = registry.get(DemoSeeder.MODEL, "1.0.0");
        passing = registry.get(DemoSeeder.MODEL, "1.1.0");
        // The demo's audits run on the server's worker after start-up: the tests begin from their results.
        for (ModelVersion v : List.of(failing, passing)) {
            for (AuditRun run : audits.ofVersion(v.id())) {
                assertTrue(audits.await(run.id(), WAIT).ended(), "the demo's audit " + run.id() + " did not end");
            }
        }
        // 1.0.0's gate is FAIL until the decision test approves its waiver (WARN after): its rule fails either way.
        assertFalse(gates.of(failing).failingRules().isEmpty());
        assertEquals("PASS", gates.of(passing).decision());
    }

    @AfterEach
    void disarm() {
        faults.disarmAll();
    }

    // 1. An audit's result is written whole or not at all.

    @Test
    void anAuditWhoseResultWriteFailsLeavesNoResultAndCompletesLaterOnce() throws Exception {
        auditFailsThenCompletesOnce(List.of("false_positive_rate"), Point.AUDIT_RESULT, id -> true);
    }

    @Test
    void anAuditWhoseCompletionEntryFailsLeavesNoResultAndCompletesLaterOnce() throws Exception {
        // The last write of the completion: the result, the run's DONE and the gate's move come before it.
        auditFailsThenCompletesOnce(List.of("equalized_odds_difference"), Point.LEDGER_APPEND, "audit.completed"::equals);
    }

    /**
     * An audit run by the server's worker (the real engine, signing and completion) whose completion fails at
     * {@code point}: nothing of the completion stays (no result row, the run not DONE, no audit.completed entry, the
     * gate as it was); the worker records the failure (ERROR, audit.failed) in a transaction of its own. Asked again,
     * the same inputs are audited anew and complete once; asked a third time they are that one audit.
     */
    private void auditFailsThenCompletesOnce(List<String> metrics, Point point, java.util.function.Predicate<String> key)
            throws Exception {
        GateState gateBefore = GateState.of(gates.of(passing));
        Chain chainBefore = chain();
        AuditRequest request = new AuditRequest(List.of("eeoc-four-fifths"), null, null, metrics);

        faults.arm(point, key);
        AuditRun failed = audits.await(audits.start(passing, request, OWNER).id(), WAIT);
        assertFalse(faults.armed(point), "the fault at " + point + " was never reached");
        assertEquals(AuditRun.Status.ERROR, failed.status(), "the failed completion left the run " + failed.status());
        assertTrue(failed.error().contains("injected failure"), failed.error());
        assertEquals(0, count("SELECT COUNT(*) FROM audit_result WHERE audit_id = ?", failed.id()));
        assertEquals(0, count("SELECT COUNT(*) FROM audit_report_pdf WHERE audit_id = ?", failed.id()));
        assertEquals(0, count("SELECT COUNT(*) FROM audit_run WHERE id = ? AND status = 'DONE'", failed.id()));
        assertEquals(List.of("audit.failed", "audit.requested"), kindsAbout(failed.id()));
        assertEquals(gateBefore, GateState.of(gates.of(passing)));
        assertChainGrewBy(chainBefore, 2);

        AuditRun again = audits.start(passing, request, OWNER);
        assertNotEquals(failed.id(), again.id(), "a failed audit is not reused for the same inputs");
        assertEquals(AuditRun.Status.DONE, audits.await(again.id(), WAIT).status());
        assertEquals(1, count("SELECT COUNT(*) FROM audit_result WHERE audit_id = ?", again.id()));
        assertEquals(List.of("audit.completed", "audit.requested"), kindsAbout(again.id()));
        assertEquals(again.id(), audits.start(passing, request, OWNER).id(), "the same inputs again are the same audit");
        assertEquals(again.id(), gates.of(passing).auditId());
        assertEquals("PASS", gates.of(passing).decision());
        assertEquals(List.of("audit.completed", "audit.requested"), kindsAbout(again.id()));
        assertChainGrewBy(chainBefore, 4);
    }

    /**
     * The completion fails after its result row, and so does recording the failure (at its audit.failed entry): the
     * run is left RUNNING, as a server that died there would leave it, with nothing of either transaction written. Its
     * claim is no longer renewed; once the lease lapses the queue gives the run out again, and it completes, once.
     */
    @Test
    void anAuditWhoseCompletionAndFailureBothFailIsTakenUpAgainAndCompletesOnce() throws Exception {
        GateState gateBefore = GateState.of(gates.of(passing));
        Chain chainBefore = chain();
        AuditRequest request = new AuditRequest(List.of("eeoc-four-fifths"), null, null, List.of("equal_opportunity_difference"));

        faults.arm(Point.AUDIT_RESULT, id -> true);
        faults.arm(Point.LEDGER_APPEND, "audit.failed"::equals);
        AuditRun run = audits.start(passing, request, OWNER);
        Instant deadline = Instant.now().plus(WAIT);
        while ((faults.armed(Point.AUDIT_RESULT) || faults.armed(Point.LEDGER_APPEND)) && Instant.now().isBefore(deadline)) {
            Thread.sleep(20);
        }
        assertFalse(faults.armed(Point.AUDIT_RESULT) || faults.armed(Point.LEDGER_APPEND), "the faults were never reached");
        // One statement, so the run is seen as the failed attempt left it, before its lease lapses and it runs again.
        assertEquals(1, count("SELECT COUNT(*) FROM audit_run r WHERE r.id = ? AND r.status = 'RUNNING' AND r.attempts = 1"
                + " AND NOT EXISTS (SELECT 1 FROM audit_result x WHERE x.audit_id = r.id)", run.id()));
        assertEquals(List.of("audit.requested"), kindsAbout(run.id()));
        assertEquals(gateBefore, GateState.of(gates.of(passing)));
        assertChainGrewBy(chainBefore, 1);

        AuditRun ended = audits.await(run.id(), WAIT);
        assertEquals(AuditRun.Status.DONE, ended.status());
        assertEquals(2, ended.attempts());
        assertEquals(1, count("SELECT COUNT(*) FROM audit_result WHERE audit_id = ?", run.id()));
        assertEquals(List.of("audit.completed", "audit.requested"), kindsAbout(run.id()));
        assertEquals(run.id(), audits.start(passing, request, OWNER).id(), "the same inputs again are the same audit");
        assertEquals(run.id(), gates.of(passing).auditId());
        assertChainGrewBy(chainBefore, 2);
    }

    // 2. A ledger entry commits with the business write it records, and only with it.

    @Test
    void aFailedLedgerAppendRollsBackTheWaiverRequestAndTheAuditItRecords() throws Exception {
        Chain chainBefore = chain();
        long waiversBefore = count("SELECT COUNT(*) FROM waiver");
        long runsBefore = count("SELECT COUNT(*) FROM audit_run");
        GateService.Gate gate = gates.of(failing);
        String rule = gate.failingRules().iterator().next();

        faults.arm(Point.LEDGER_APPEND, "waiver.requested"::equals);
        assertThrows(InjectedFailure.class, () -> gateChanges.requestWaiver(failing, rule, JUSTIFICATION,
                Instant.now().plus(Duration.ofDays(30)), gate.failingRules(), OWNER));
        assertEquals(waiversBefore, count("SELECT COUNT(*) FROM waiver"));

        faults.arm(Point.LEDGER_APPEND, "audit.requested"::equals);
        assertThrows(InjectedFailure.class, () -> audits.start(failing,
                new AuditRequest(List.of("eeoc-four-fifths"), null, null, List.of("demographic_parity_difference")), OWNER));
        assertEquals(runsBefore, count("SELECT COUNT(*) FROM audit_run"));

        assertChainGrewBy(chainBefore, 0);
        assertEquals(GateState.of(gate), GateState.of(gates.of(failing)));
    }

    @Test
    void aRolledBackWaiverRequestLeavesNoLedgerEntryAndTheChainGoesOn() throws Exception {
        Chain chainBefore = chain();
        GateService.Gate gate = gates.of(failing);
        String rule = gate.failingRules().iterator().next();
        Instant expires = Instant.now().plus(Duration.ofDays(30));

        // The request joins its caller's transaction; the caller fails after it, and the whole transaction goes.
        UserTransaction tx = InitialContext.doLookup("java:comp/UserTransaction");
        tx.begin();
        String id;
        try {
            id = gateChanges.requestWaiver(failing, rule, JUSTIFICATION, expires, gate.failingRules(), OWNER).waiver().id();
            assertEquals(List.of("waiver.requested"), kindsAbout(id), "inside the transaction the entry is written");
        } finally {
            tx.rollback();
        }
        assertEquals(0, count("SELECT COUNT(*) FROM waiver WHERE id = ?", id));
        assertEquals(List.of(), kindsAbout(id));
        assertChainGrewBy(chainBefore, 0);

        // The next entry takes the number and link the rolled-back one had taken, and the chain still verifies.
        String next = gateChanges.requestWaiver(failing, rule, JUSTIFICATION, expires, gate.failingRules(), OWNER).waiver().id();
        List<LedgerEntry> about = ledger.about(List.of(next));
        assertEquals(1, about.size());
        assertEquals(chainBefore.seq() + 1, about.get(0).seq());
        assertEquals(chainBefore.hash(), about.get(0).prevHash());
        assertChainGrewBy(chainBefore, 1);
    }

    // 3. A waiver decision is made whole or not at all: the waiver, the ledger and the gate as they were.

    @Test
    void aWaiverDecisionThatFailsMidwayChangesNothingAndIsDecidedOnceLater() throws Exception {
        GateService.Gate gate = gates.of(failing);
        assertEquals("FAIL", gate.decision());
        assertEquals(1, gate.failingRules().size(), "the demo's 1.0.0 fails one rule: " + gate.failingRules());
        String rule = gate.failingRules().iterator().next();
        String id = gateChanges.requestWaiver(failing, rule, JUSTIFICATION, Instant.now().plus(Duration.ofDays(30)),
                gate.failingRules(), OWNER).waiver().id();
        GateState gateBefore = GateState.of(gates.of(failing));
        Chain chainBefore = chain();

        record Attempt(WaiverDecision.Ruling ruling, Point point, java.util.function.Predicate<String> key) {
        }
        for (Attempt attempt : List.of(
                new Attempt(WaiverDecision.Ruling.APPROVED, Point.WAIVER_DECISION, id::equals),
                new Attempt(WaiverDecision.Ruling.APPROVED, Point.LEDGER_APPEND, "waiver.approved"::equals),
                new Attempt(WaiverDecision.Ruling.REJECTED, Point.WAIVER_DECISION, id::equals),
                new Attempt(WaiverDecision.Ruling.REJECTED, Point.LEDGER_APPEND, "waiver.rejected"::equals))) {
            faults.arm(attempt.point(), attempt.key());
            assertThrows(InjectedFailure.class, () -> gateChanges.decideWaiver(id, attempt.ruling(), "Reviewed", AUDITOR),
                    attempt.toString());
            assertEquals(WaiverStatus.PENDING, waivers.get(id).status(), attempt.toString());
            assertEquals(0, count("SELECT COUNT(*) FROM waiver_decision WHERE waiver_id = ?", id), attempt.toString());
            assertEquals(List.of("waiver.requested"), kindsAbout(id), attempt.toString());
            assertEquals(gateBefore, GateState.of(gates.of(failing)), attempt.toString());
            assertChainGrewBy(chainBefore, 0);
        }

        // Unhindered, the approval is made once, and moves the gate the failed attempts left alone.
        assertEquals(WaiverStatus.APPROVED, gateChanges.decideWaiver(id, WaiverDecision.Ruling.APPROVED, "Reviewed", AUDITOR).status());
        assertEquals(1, count("SELECT COUNT(*) FROM waiver_decision WHERE waiver_id = ?", id));
        assertEquals(List.of("waiver.approved", "waiver.requested"), kindsAbout(id));
        assertEquals("WARN", gates.of(failing).decision());
        assertThrows(Conflict.class, () -> gateChanges.decideWaiver(id, WaiverDecision.Ruling.REJECTED, "Again", AUDITOR));
        assertEquals(List.of("waiver.approved", "waiver.requested"), kindsAbout(id));
        assertChainGrewBy(chainBefore, 1);
    }

    /** What a gate says, comparable across reads (a waiver's view holds its entity, which has no equality of its own). */
    record GateState(String decision, String auditId, List<String> reasons, Set<String> failingRules,
                     Map<String, WaiverStatus> waivers) {

        static GateState of(GateService.Gate gate) {
            Map<String, WaiverStatus> waivers = new TreeMap<>();
            gate.waivers().forEach(w -> waivers.put(w.waiver().id(), w.status()));
            return new GateState(gate.decision(), gate.auditId(), gate.reasons(), gate.failingRules(), waivers);
        }
    }

    /** The chain's head as stored, and how many entries there are. */
    record Chain(long seq, String hash, long entries) {
    }

    private Chain chain() throws Exception {
        try (Connection c = database().getConnection();
             PreparedStatement s = c.prepareStatement("SELECT seq, hash FROM ledger_head WHERE id = 1");
             ResultSet r = s.executeQuery()) {
            assertTrue(r.next());
            return new Chain(r.getLong(1), r.getString(2), count("SELECT COUNT(*) FROM ledger_entry"));
        }
    }

    /** The chain has {@code added} more entries than {@code before}, its head names the last, and every link verifies. */
    private void assertChainGrewBy(Chain before, long added) throws Exception {
        Chain now = chain();
        assertEquals(before.entries() + added, now.entries(), "ledger entries");
        assertEquals(now.entries(), now.seq(), "the head names the last entry");
        if (added == 0) {
            assertEquals(before.hash(), now.hash(), "the head's hash");
        }
        var verification = ledger.verify();
        assertTrue(verification.valid(), verification.reason());
        assertEquals(now.entries(), verification.entries());
    }

    /** The kinds of the ledger entries about {@code subject}, newest first. */
    private List<String> kindsAbout(String subject) {
        return ledger.about(List.of(subject)).stream().map(LedgerEntry::kind).toList();
    }

    private static long count(String sql, Object... args) throws SQLException, NamingException {
        try (Connection c = database().getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                s.setObject(i + 1, args[i]);
            }
            try (ResultSet r = s.executeQuery()) {
                r.next();
                return r.getLong(1);
            }
        }
    }

    private static DataSource database() throws NamingException {
        return InitialContext.doLookup("jdbc/assay");
    }
}
