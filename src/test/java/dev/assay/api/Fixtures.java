package dev.assay.api;

import dev.assay.audit.AuditResult;
import dev.assay.audit.AuditRun;
import dev.assay.audit.GateService;
import dev.assay.dataset.ColumnProfile;
import dev.assay.dataset.Dataset;
import dev.assay.dataset.DatasetFormat;
import dev.assay.ledger.LedgerEntry;
import dev.assay.policy.Decision;
import dev.assay.policy.PolicyParser;
import dev.assay.policy.StoredPolicy;
import dev.assay.registry.ModelVersion;
import dev.assay.security.ApiToken;
import dev.assay.security.Role;
import dev.assay.security.UserAccount;
import dev.assay.waiver.Waiver;
import dev.assay.waiver.WaiverDecision;
import dev.assay.waiver.WaiverService;
import dev.assay.waiver.WaiverStatus;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * Representative domain objects for the response views: every optional field both present and absent,
 * nulls the contract shows, text that needs escaping, and doubles JSON-P and JSON-B spell differently.
 */
final class Fixtures {

    static final Instant T0 = Instant.parse("2026-03-01T09:30:00Z");
    static final Instant T1 = Instant.parse("2026-03-01T09:31:02.123456Z");
    static final Instant T2 = Instant.parse("2026-03-01T09:32:00.5Z");

    private Fixtures() {
    }

    static ModelVersion version() {
        return new ModelVersion("mv-1", "credit-risk", "1.4.0",
                "{\"model\":\"credit-risk\",\"version\":\"1.4.0\",\"owner\":\"risk-ml@example.com\",\"threshold\":0.50,"
                        + "\"riskTier\":\"high\",\"columns\":{\"protected\":[\"sex\",\"race\"]},\"note\":\"caf\u00e9 \\\"q\\\"\"}",
                "c".repeat(64), "alice", T0);
    }

    static Dataset dataset() {
        var numeric = new ColumnProfile("income", "DOUBLE", 3, 1,
                new ColumnProfile.Numeric(52000.5, 1.0E10, 1.5E-5, 0.6, 1.0, 1234567.0, 1.0E7, null));
        var sampled = new ColumnProfile("score", "DOUBLE", 0, 0,
                new ColumnProfile.Numeric(0.25, null, 0.0, null, null, null, 0.5, 100000L));
        var single = new ColumnProfile("age", "BIGINT", 0, 0,
                new ColumnProfile.Numeric(42.0, null, 42.0, 42.0, 42.0, 42.0, 42.0, null));
        var text = new ColumnProfile("sex", "VARCHAR", 0);
        return new Dataset("ds-1", "mv-1", Dataset.Role.EVALUATION, "a".repeat(64), DatasetFormat.CSV, 123456789L, 1000,
                List.of(numeric, sampled, single, text), "token:ci \"bot\"", T1);
    }

    static String pinned(boolean approved) {
        return "{\"baseline\":\"\",\"dataset\":\"" + "a".repeat(64) + "\",\"metrics\":[],\"modelCard\":\"" + "c".repeat(64)
                + "\",\"modelVersion\":\"mv-1\",\"parameters\":{},\"policies\":[\"" + "e".repeat(64) + "\",\"" + "f".repeat(64)
                + "\"]" + (approved ? ",\"approved\":{\"audit\":\"audit-0\",\"version\":\"1.3.0\"}" : "") + "}";
    }

    static AuditRun queued() {
        return new AuditRun("audit-1", "mv-1", "ds-1", null, pinned(false), "9".repeat(64), "alice", T0);
    }

    static AuditRun running() {
        AuditRun run = queued();
        call(run, "claimed", "server-1", T1, T1.plusSeconds(60));
        return run;
    }

    static AuditRun failed() {
        AuditRun run = running();
        call(run, "failed", T2, "DuckDB: out of memory \"here\"\nline two");
        return run;
    }

    static AuditRun done() {
        AuditRun run = new AuditRun("audit-2", "mv-1", "ds-1", null, pinned(true), "8".repeat(64), "bob", T0);
        call(run, "claimed", "server-1", T1, T1.plusSeconds(60));
        call(run, "finished", T2);
        return run;
    }

    static AuditResult result() {
        String report = "{\"dataset\":{\"id\":\"ds-1\",\"sha256\":\"" + "a".repeat(64) + "\"},"
                + "\"policies\":[{\"id\":\"eeoc-four-fifths\",\"version\":\"1.0.0\",\"sha256\":\"" + "e".repeat(64)
                + "\",\"title\":\"EEOC\"}],"
                + "\"reasons\":[\"four-fifths-impact-ratio\"],"
                + "\"findings\":[{\"rule\":\"four-fifths-impact-ratio\",\"policy\":\"eeoc-four-fifths\",\"metric\":\"impact_ratio\","
                + "\"scope\":\"sex\",\"group\":\"Female\",\"value\":0.6,\"ci\":[0.512,0.70],\"threshold\":0.8,\"outcome\":\"fail\","
                + "\"severity\":\"block\"}],"
                + "\"metrics\":[{\"metric\":\"selection_rate\",\"scope\":null,\"group\":null,\"value\":1.0,\"ci\":null,\"n\":1000},"
                + "{\"metric\":\"roc_auc\",\"scope\":\"race\",\"group\":\"x\",\"value\":null,\"undefined\":\"no ranked rows\",\"n\":0,"
                + "\"p\":1e-25}]}";
        return new AuditResult("audit-2", new Decision(Decision.Verdict.FAIL, List.of("four-fifths-impact-ratio")), report,
                "d".repeat(64), "eyJ..sig", "key-2026", "{}", T2, null);
    }

    static WaiverService.View pendingWaiver() {
        Waiver w = new Waiver("w-1", "mv-1", "four-fifths-impact-ratio", "Re-sampling \"Female\" applicants; see TICKET-12.",
                T0.plusSeconds(86400 * 30), "owner", "token:owner", T0);
        return new WaiverService.View(w, null, WaiverStatus.PENDING);
    }

    static WaiverService.View approvedWaiver() {
        Waiver w = new Waiver("w-2", "mv-1", "four-fifths-impact-ratio", "Accepted until the re-sample lands.",
                T0.plusSeconds(86400 * 7), "owner", "token:owner", T0);
        return new WaiverService.View(w, new WaiverDecision("w-2", WaiverDecision.Ruling.APPROVED, "token:auditor",
                "Fine until then.", T1), WaiverStatus.APPROVED);
    }

    static GateService.Gate gate() {
        return new GateService.Gate("WARN", "audit-2", List.of("four-fifths-impact-ratio"),
                List.of(approvedWaiver(), pendingWaiver()), Set.of("four-fifths-impact-ratio"));
    }

    static GateService.Gate noGate() {
        return new GateService.Gate("NONE", null, List.of(), List.of(), Set.of());
    }

    static StoredPolicy policy(boolean builtIn) {
        try {
            var policy = PolicyParser.parse(Files.readString(Path.of("policies/eeoc-four-fifths.yaml")));
            return new StoredPolicy(policy, builtIn, builtIn ? "system" : "admin", T1);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static LedgerEntry ledgerEntry(long seq, String payload) {
        return new LedgerEntry(seq, "audit.finished", "audit-2", "token:ci", T1, payload, "0".repeat(64), "1".repeat(64));
    }

    static ApiToken token(boolean expiring, boolean revoked) {
        ApiToken t = new ApiToken("tok-1", "ci pipeline", "h", EnumSet.of(Role.CI_GATE, Role.MODEL_OWNER), "ci-bot", "admin", T0,
                expiring ? T2 : null);
        if (revoked) {
            call(t, "revoke", T2, "admin");
        }
        return t;
    }

    static UserAccount user(String createdBy, boolean disabled) {
        UserAccount u = new UserAccount("carol", "hash", EnumSet.of(Role.AUDITOR), T0, createdBy);
        if (disabled) {
            call(u, "disable", T1);
        }
        return u;
    }

    /** Moves an entity to a state its package sets (a run that started, a revoked token), without a database. */
    private static void call(Object target, String method, Object... args) {
        for (Method m : target.getClass().getDeclaredMethods()) {
            if (m.getName().equals(method) && m.getParameterCount() == args.length) {
                try {
                    m.setAccessible(true);
                    m.invoke(target, args);
                    return;
                } catch (ReflectiveOperationException e) {
                    throw new IllegalStateException(e);
                }
            }
        }
        throw new IllegalArgumentException(method);
    }
}
