package dev.assay.api;

import dev.assay.audit.AuditProgress;
import dev.assay.audit.GateService;
import dev.assay.failure.FieldError;
import dev.assay.ledger.LedgerChain;
import dev.assay.report.ReportSigner;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import static dev.assay.api.Fixtures.*;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The API's answers, byte for byte. The expected JSON is what the hand-built JSON-P code wrote before
 * the answers became records (both outputs were compared equal on these objects when the records came
 * in): clients that compare bytes, not only values, see no change. Serialized with {@link ViewJson#JSONB},
 * the configuration the server's JSON-B provider gets, by Yasson, the implementation Liberty bundles.
 */
class ResponseViewsTest {

    private static void assertJson(String expected, Object view) {
        assertEquals(expected, ViewJson.JSONB.toJson(view));
    }

    /** Doubles as JSON-P wrote them (1.0E+10, 0.000015), undefined statistics null, quartileSample and numeric only when known. */
    @Test
    void datasetAnswer() {
        assertJson("""
                {"id":"ds-1","sha256":"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",\
                "rows":1000,"role":"evaluation","format":"CSV","bytes":123456789,"model":"credit-risk",\
                "version":"1.4.0","createdAt":"2026-03-01T09:31:02.123456Z","createdBy":"token:ci \\"bot\\"",\
                "columns":[{"name":"income","type":"DOUBLE","nulls":3,"nonFinite":1,"numeric":{"mean":52000.5,\
                "std":1.0E+10,"min":0.000015,"p25":0.6,"median":1.0,"p75":1234567.0,"max":1.0E+7}},{"name":"score",\
                "type":"DOUBLE","nulls":0,"nonFinite":0,"numeric":{"mean":0.25,"std":null,"min":0.0,"p25":null,\
                "median":null,"p75":null,"max":0.5,"quartileSample":100000}},{"name":"age","type":"BIGINT",\
                "nulls":0,"nonFinite":0,"numeric":{"mean":42.0,"std":null,"min":42.0,"p25":42.0,"median":42.0,\
                "p75":42.0,"max":42.0}},{"name":"sex","type":"VARCHAR","nulls":0,"nonFinite":0}]}\
                """,
                DatasetView.of(dataset(), version()));
    }

    /** Not finished: decision and times null, no error, no report; only the pinned hashes of the policies. */
    @Test
    void auditBeforeItEnds() {
        assertJson("""
                {"id":"audit-1","status":"QUEUED","progress":{"stage":"queued","percent":0},"decision":null,\
                "createdAt":"2026-03-01T09:30:00Z","createdBy":"alice","startedAt":null,"finishedAt":null,\
                "reasons":[],"findings":[],"metrics":[],"inputs":{"dataset":{"id":"ds-1",\
                "sha256":"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"},\
                "policies":[{"sha256":"eeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeee"},\
                {"sha256":"ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff"}],\
                "modelCard":{"sha256":"cccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccc"},\
                "approvedVersion":null}}\
                """,
                AuditView.of(queued(), null, AuditProgress.Stage.QUEUED));
        assertJson("""
                {"id":"audit-1","status":"RUNNING","progress":{"stage":"computing-metrics","percent":10},\
                "decision":null,"createdAt":"2026-03-01T09:30:00Z","createdBy":"alice",\
                "startedAt":"2026-03-01T09:31:02.123456Z","finishedAt":null,"reasons":[],"findings":[],"metrics":[],\
                "inputs":{"dataset":{"id":"ds-1",\
                "sha256":"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"},\
                "policies":[{"sha256":"eeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeee"},\
                {"sha256":"ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff"}],\
                "modelCard":{"sha256":"cccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccc"},\
                "approvedVersion":null}}\
                """,
                AuditView.of(running(), null, AuditProgress.Stage.COMPUTING_METRICS));
    }

    /** A failed run says why. */
    @Test
    void failedAudit() {
        assertJson("""
                {"id":"audit-1","status":"ERROR","progress":{"stage":"error","percent":100},"decision":null,\
                "createdAt":"2026-03-01T09:30:00Z","createdBy":"alice","startedAt":"2026-03-01T09:31:02.123456Z",\
                "finishedAt":"2026-03-01T09:32:00.500Z","error":"DuckDB: out of memory \\"here\\"\\nline two",\
                "reasons":[],"findings":[],"metrics":[],"inputs":{"dataset":{"id":"ds-1",\
                "sha256":"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"},\
                "policies":[{"sha256":"eeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeee"},\
                {"sha256":"ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff"}],\
                "modelCard":{"sha256":"cccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccc"},\
                "approvedVersion":null}}\
                """,
                AuditView.of(failed(), null, AuditProgress.Stage.ERROR));
    }

    /** The report's reasons, findings and metrics embedded as signed (0.70, 1.0, 1E-25 kept), the links to the signed artefacts. */
    @Test
    void finishedAudit() {
        assertJson("""
                {"id":"audit-2","status":"DONE","progress":{"stage":"done","percent":100},"decision":"FAIL",\
                "createdAt":"2026-03-01T09:30:00Z","createdBy":"bob","startedAt":"2026-03-01T09:31:02.123456Z",\
                "finishedAt":"2026-03-01T09:32:00.500Z","reasons":["four-fifths-impact-ratio"],\
                "findings":[{"rule":"four-fifths-impact-ratio","policy":"eeoc-four-fifths","metric":"impact_ratio",\
                "scope":"sex","group":"Female","value":0.6,"ci":[0.512,0.70],"threshold":0.8,"outcome":"fail",\
                "severity":"block"}],"metrics":[{"metric":"selection_rate","scope":null,"group":null,"value":1.0,\
                "ci":null,"n":1000},{"metric":"roc_auc","scope":"race","group":"x","value":null,\
                "undefined":"no ranked rows","n":0,"p":1E-25}],"inputs":{"dataset":{"id":"ds-1",\
                "sha256":"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"},\
                "policies":[{"id":"eeoc-four-fifths","version":"1.0.0",\
                "sha256":"eeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeee"}],\
                "modelCard":{"sha256":"cccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccc"},\
                "approvedVersion":{"audit":"audit-0","version":"1.3.0"}},\
                "report":{"json":"/api/v1/audits/audit-2/report","jws":"/api/v1/audits/audit-2/report.jws",\
                "sha256":"dddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddd",\
                "attestation":"/api/v1/audits/audit-2/attestation","keyId":"key-2026"}}\
                """,
                AuditView.of(done(), result(), AuditProgress.Stage.DONE));
    }

    /** With an audit and waivers; without, audit and report are null. */
    @Test
    void gateAnswer() {
        assertJson("""
                {"decision":"WARN","audit":"audit-2","reasons":["four-fifths-impact-ratio"],"waivers":[{"id":"w-2",\
                "rule":"four-fifths-impact-ratio","status":"approved",\
                "justification":"Accepted until the re-sample lands.","requestedBy":"token:owner",\
                "requestedAt":"2026-03-01T09:30:00Z","expiresAt":"2026-03-08T09:30:00Z",\
                "decision":{"outcome":"approved","by":"token:auditor","comment":"Fine until then.",\
                "at":"2026-03-01T09:31:02.123456Z"}},{"id":"w-1","rule":"four-fifths-impact-ratio",\
                "status":"pending","justification":"Re-sampling \\"Female\\" applicants; see TICKET-12.",\
                "requestedBy":"token:owner","requestedAt":"2026-03-01T09:30:00Z",\
                "expiresAt":"2026-03-31T09:30:00Z"}],"report":"/api/v1/audits/audit-2/report","expiresAt":null}\
                """,
                GateView.of(gate()));
        assertJson("""
                {"decision":"NONE","audit":null,"reasons":[],"waivers":[],"report":null,"expiresAt":null}\
                """,
                GateView.of(noGate()));
        // An audit whose pack says how long it stays valid: past that instant, FAIL for that one reason.
        assertJson("""
                {"decision":"FAIL","audit":"audit-2","reasons":["audit expired"],"waivers":[],\
                "report":"/api/v1/audits/audit-2/report","expiresAt":"2027-03-01T09:30:00Z"}\
                """,
                GateView.of(new GateService.Gate("FAIL", "audit-2", List.of("audit expired"), List.of(), Set.of(),
                        Instant.parse("2027-03-01T09:30:00Z"), "PASS")));
    }

    /** A decision only once decided. */
    @Test
    void waiversAnswer() {
        assertJson("""
                {"id":"w-1","rule":"four-fifths-impact-ratio","status":"pending",\
                "justification":"Re-sampling \\"Female\\" applicants; see TICKET-12.","requestedBy":"token:owner",\
                "requestedAt":"2026-03-01T09:30:00Z","expiresAt":"2026-03-31T09:30:00Z"}\
                """,
                WaiverView.of(pendingWaiver()));
        assertJson("""
                {"id":"w-2","rule":"four-fifths-impact-ratio","status":"approved",\
                "justification":"Accepted until the re-sample lands.","requestedBy":"token:owner",\
                "requestedAt":"2026-03-01T09:30:00Z","expiresAt":"2026-03-08T09:30:00Z",\
                "decision":{"outcome":"approved","by":"token:auditor","comment":"Fine until then.",\
                "at":"2026-03-01T09:31:02.123456Z"}}\
                """,
                WaiverView.of(approvedWaiver()));
        assertJson("""
                {"waivers":[{"id":"w-2","rule":"four-fifths-impact-ratio","status":"approved",\
                "justification":"Accepted until the re-sample lands.","requestedBy":"token:owner",\
                "requestedAt":"2026-03-01T09:30:00Z","expiresAt":"2026-03-08T09:30:00Z",\
                "decision":{"outcome":"approved","by":"token:auditor","comment":"Fine until then.",\
                "at":"2026-03-01T09:31:02.123456Z"}},{"id":"w-1","rule":"four-fifths-impact-ratio",\
                "status":"pending","justification":"Re-sampling \\"Female\\" applicants; see TICKET-12.",\
                "requestedBy":"token:owner","requestedAt":"2026-03-01T09:30:00Z",\
                "expiresAt":"2026-03-31T09:30:00Z"}]}\
                """,
                new WaiversView(List.of(WaiverView.of(approvedWaiver()), WaiverView.of(pendingWaiver()))));
    }

    /** The list of models, as ModelResource builds it. */
    @Test
    void modelsAnswer() {
        assertJson("""
                {"models":[{"model":"credit-risk","owner":"risk-ml@example.com","versions":3,\
                "latestVersion":"1.4.0","gate":{"decision":"WARN","audit":"audit-2",\
                "reasons":["four-fifths-impact-ratio"],"waivers":[{"id":"w-2","rule":"four-fifths-impact-ratio",\
                "status":"approved","justification":"Accepted until the re-sample lands.",\
                "requestedBy":"token:owner","requestedAt":"2026-03-01T09:30:00Z","expiresAt":"2026-03-08T09:30:00Z",\
                "decision":{"outcome":"approved","by":"token:auditor","comment":"Fine until then.",\
                "at":"2026-03-01T09:31:02.123456Z"}},{"id":"w-1","rule":"four-fifths-impact-ratio",\
                "status":"pending","justification":"Re-sampling \\"Female\\" applicants; see TICKET-12.",\
                "requestedBy":"token:owner","requestedAt":"2026-03-01T09:30:00Z",\
                "expiresAt":"2026-03-31T09:30:00Z"}],"report":"/api/v1/audits/audit-2/report","expiresAt":null}}]}\
                """,
                new ModelsView(List.of(new ModelView("credit-risk", "risk-ml@example.com", 3, "1.4.0", GateView.of(gate())))));
    }

    /** The card embedded as stored (0.50 and the escaped text kept), an unfinished audit with a null decision. */
    @Test
    void versionAnswer() {
        var v = version();
        assertJson("""
                {"model":"credit-risk","version":"1.4.0","card":{"model":"credit-risk","version":"1.4.0",\
                "owner":"risk-ml@example.com","threshold":0.50,"riskTier":"high","columns":{"protected":["sex",\
                "race"]},"note":"café \\"q\\""},\
                "cardSha256":"cccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccc",\
                "createdAt":"2026-03-01T09:30:00Z","createdBy":"alice","datasets":[{"id":"ds-1",\
                "sha256":"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa","rows":1000,\
                "role":"evaluation","format":"CSV","bytes":123456789,"model":"credit-risk","version":"1.4.0",\
                "createdAt":"2026-03-01T09:31:02.123456Z","createdBy":"token:ci \\"bot\\"",\
                "columns":[{"name":"income","type":"DOUBLE","nulls":3,"nonFinite":1,"numeric":{"mean":52000.5,\
                "std":1.0E+10,"min":0.000015,"p25":0.6,"median":1.0,"p75":1234567.0,"max":1.0E+7}},{"name":"score",\
                "type":"DOUBLE","nulls":0,"nonFinite":0,"numeric":{"mean":0.25,"std":null,"min":0.0,"p25":null,\
                "median":null,"p75":null,"max":0.5,"quartileSample":100000}},{"name":"age","type":"BIGINT",\
                "nulls":0,"nonFinite":0,"numeric":{"mean":42.0,"std":null,"min":42.0,"p25":42.0,"median":42.0,\
                "p75":42.0,"max":42.0}},{"name":"sex","type":"VARCHAR","nulls":0,"nonFinite":0}]}],\
                "audits":[{"id":"audit-2","status":"DONE","decision":"FAIL","createdAt":"2026-03-01T09:30:00Z"},\
                {"id":"audit-1","status":"QUEUED","decision":null,"createdAt":"2026-03-01T09:31:02.123456Z"}],\
                "gate":{"decision":"NONE","audit":null,"reasons":[],"waivers":[],"report":null,"expiresAt":null}}\
                """,
                new VersionView(v.modelName(), v.version(), v.cardDocument(), v.cardSha256(), v.createdAt(),
                        v.createdBy(), List.of(DatasetView.of(dataset(), v)), List.of(new VersionView.Audit("audit-2", "DONE", "FAIL", T0),
                        new VersionView.Audit("audit-1", "QUEUED", null, T1)), GateView.of(noGate())));
    }

    /** Pack versions: listed, by version, one stored. */
    @Test
    void policiesAnswer() {
        assertJson("""
                {"policies":[{"id":"eeoc-four-fifths","version":"1.0.0",\
                "sha256":"f5bb01ab9d4f69e92b044ed457869b9a40dfc8a53f7544f5a59c5e212a71e266",\
                "title":"EEOC four-fifths rule (adverse impact)","builtIn":true,\
                "createdAt":"2026-03-01T09:31:02.123456Z"},{"id":"eeoc-four-fifths","version":"1.0.0",\
                "sha256":"f5bb01ab9d4f69e92b044ed457869b9a40dfc8a53f7544f5a59c5e212a71e266",\
                "title":"EEOC four-fifths rule (adverse impact)","builtIn":false,\
                "createdAt":"2026-03-01T09:31:02.123456Z"}]}\
                """,
                new PoliciesView(List.of(PolicyView.of(policy(true)), PolicyView.of(policy(false)))));
        assertJson("""
                {"versions":[{"id":"eeoc-four-fifths","version":"1.0.0",\
                "sha256":"f5bb01ab9d4f69e92b044ed457869b9a40dfc8a53f7544f5a59c5e212a71e266",\
                "title":"EEOC four-fifths rule (adverse impact)","builtIn":false,\
                "createdAt":"2026-03-01T09:31:02.123456Z"}]}\
                """,
                new PolicyVersionsView(List.of(PolicyView.of(policy(false)))));
        assertJson("""
                {"id":"eeoc-four-fifths","version":"1.0.0",\
                "sha256":"f5bb01ab9d4f69e92b044ed457869b9a40dfc8a53f7544f5a59c5e212a71e266",\
                "title":"EEOC four-fifths rule (adverse impact)","builtIn":false,\
                "createdAt":"2026-03-01T09:31:02.123456Z"}\
                """,
                PolicyView.of(policy(false)));
    }

    /** A valid pack names itself; an invalid one has only its errors, each with what is known of where. */
    @Test
    void policyCheck() {
        var p = policy(true).policy();
        assertJson("""
                {"valid":true,"id":"eeoc-four-fifths","version":"1.0.0",\
                "sha256":"f5bb01ab9d4f69e92b044ed457869b9a40dfc8a53f7544f5a59c5e212a71e266","errors":[]}\
                """,
                new PolicyCheckView(true, p.id(), p.version(), p.sha256(), List.of()));
        assertJson("""
                {"valid":false,"errors":[{"line":9,"column":15,"message":"severity must be one of block, warn"},\
                {"pointer":"/version","line":2,"message":"is required"},{"pointer":"/rules/0",\
                "message":"unknown metric \\"x\\""}]}\
                """,
                new PolicyCheckView(false, null, null, null, Stream.of(FieldError.atLine(9, 15L, "severity must be one of block, warn"),
                        new FieldError("/version", 2L, null, "is required"), FieldError.at("/rules/0", "unknown metric \"x\""))
                        .map(PolicyCheckView.Error::of).toList()));
        assertJson("""
                {"valid":false,"errors":[{"message":"Empty pack"}]}\
                """,
                new PolicyCheckView(false, null, null, null, List.of(new PolicyCheckView.Error(null, null, null, "Empty pack"))));
    }

    /** Decisions before and with a candidate pack. */
    @Test
    void backtest() {
        var p = policy(true).policy();
        assertJson("""
                {"policy":{"id":"eeoc-four-fifths","version":"1.0.0",\
                "sha256":"f5bb01ab9d4f69e92b044ed457869b9a40dfc8a53f7544f5a59c5e212a71e266"},"changed":1,\
                "audits":[{"audit":"audit-2","model":"credit-risk","version":"1.4.0","before":"PASS","after":"FAIL",\
                "changed":true},{"audit":"audit-3","model":"loan","version":"2.0.0","before":"WARN","after":"WARN",\
                "changed":false}]}\
                """,
                new BacktestView(new PolicyRef(p.id(), p.version(), p.sha256()), 1, List.of(
                        new BacktestView.Line("audit-2", "credit-risk", "1.4.0", "PASS", "FAIL", true),
                        new BacktestView.Line("audit-3", "loan", "2.0.0", "WARN", "WARN", false))));
    }

    /** Payloads embedded as stored; next is null on the last page; firstBad null for an intact chain. */
    @Test
    void ledger() {
        assertJson("""
                {"entries":[{"seq":1,"kind":"audit.finished","subject":"audit-2","actor":"token:ci",\
                "at":"2026-03-01T09:31:02.123456Z","payload":{"decision":"FAIL","value":0.6,"n":10,"x":null},\
                "prev":"0000000000000000000000000000000000000000000000000000000000000000",\
                "hash":"1111111111111111111111111111111111111111111111111111111111111111"},{"seq":2,\
                "kind":"audit.finished","subject":"audit-2","actor":"token:ci","at":"2026-03-01T09:31:02.123456Z",\
                "payload":"plain","prev":"0000000000000000000000000000000000000000000000000000000000000000",\
                "hash":"1111111111111111111111111111111111111111111111111111111111111111"}],\
                "next":"/api/v1/ledger?after=2&limit=2"}\
                """,
                new LedgerPageView(Stream.of(ledgerEntry(1, "{\"decision\":\"FAIL\",\"value\":0.6,\"n\":10,\"x\":null}"),
                        ledgerEntry(2, "\"plain\"")).map(LedgerPageView.Entry::of).toList(), "/api/v1/ledger?after=2&limit=2"));
        assertJson("""
                {"entries":[],"next":null}\
                """,
                new LedgerPageView(List.of(), null));
        assertJson("""
                {"valid":true,"entries":12,"firstBad":null,"reason":"every entry and link checks out"}\
                """,
                LedgerVerificationView.of(new LedgerChain.Verification(true, 12, null, "every entry and link checks out")));
        assertJson("""
                {"valid":false,"entries":2,"firstBad":2,"reason":"entry 2 was changed after it was written"}\
                """,
                LedgerVerificationView.of(new LedgerChain.Verification(false, 2, 2L, "entry 2 was changed after it was written")));
    }

    /** The new key and every published one. */
    @Test
    void keyRotation() {
        assertJson("""
                {"keyId":"key-3","keys":["key-1","key-2","key-3"]}\
                """,
                new KeyRotationView("key-3", List.of("key-1", "key-2", "key-3")));
    }

    /** keyId and signedAt null when unknown (API.md). */
    @Test
    void verification() {
        assertJson("""
                {"valid":true,"keyId":"key-2026","signedAt":"2026-03-01T09:32:00.500Z","reason":"signature valid"}\
                """,
                VerificationView.of(new ReportSigner.Verification(true, "key-2026", T2, "signature valid")));
        assertJson("""
                {"valid":false,"keyId":null,"signedAt":null,"reason":"not a JWS"}\
                """,
                VerificationView.of(new ReportSigner.Verification(false, null, null, "not a JWS")));
    }

    /** expiresAt, revokedAt and revokedBy only when set; the secret only when issued. */
    @Test
    void tokensAnswer() {
        assertJson("""
                {"id":"tok-1","name":"ci","user":"ci-bot","token":"assay_secret","roles":["model-owner","ci-gate"]}\
                """,
                new IssuedTokenView("tok-1", "ci", "ci-bot", "assay_secret", List.of("model-owner", "ci-gate"), null));
        assertJson("""
                {"id":"tok-1","name":"ci","user":"ci-bot","token":"assay_secret","roles":["model-owner","ci-gate"],\
                "expiresAt":"2026-03-01T09:32:00.500Z"}\
                """,
                new IssuedTokenView("tok-1", "ci", "ci-bot", "assay_secret", List.of("model-owner", "ci-gate"), T2));
        assertJson("""
                {"tokens":[{"id":"tok-1","name":"ci pipeline","user":"ci-bot","roles":["model-owner","ci-gate"],"createdBy":"admin",\
                "createdAt":"2026-03-01T09:30:00Z"},{"id":"tok-1","name":"ci pipeline","user":"ci-bot","roles":["model-owner",\
                "ci-gate"],"createdBy":"admin","createdAt":"2026-03-01T09:30:00Z",\
                "expiresAt":"2026-03-01T09:32:00.500Z"},{"id":"tok-1","name":"ci pipeline","user":"ci-bot","roles":["model-owner",\
                "ci-gate"],"createdBy":"admin","createdAt":"2026-03-01T09:30:00Z",\
                "expiresAt":"2026-03-01T09:32:00.500Z","revokedAt":"2026-03-01T09:32:00.500Z","revokedBy":"admin"}]}\
                """,
                new TokensView(Stream.of(token(false, false), token(true, false), token(true, true)).map(TokenView::of).toList()));
    }

    /** A generated password only when generated; createdBy and disabledAt only when set. */
    @Test
    void usersAnswer() {
        assertJson("""
                {"username":"carol","roles":["auditor"]}\
                """,
                new CreatedUserView("carol", List.of("auditor"), null));
        assertJson("""
                {"username":"carol","roles":["auditor"],"password":"Generated-Password-1"}\
                """,
                new CreatedUserView("carol", List.of("auditor"), "Generated-Password-1"));
        assertJson("""
                {"users":[{"username":"carol","roles":["auditor"],"createdAt":"2026-03-01T09:30:00Z"},\
                {"username":"carol","roles":["auditor"],"createdAt":"2026-03-01T09:30:00Z","createdBy":"admin",\
                "disabledAt":"2026-03-01T09:31:02.123456Z"}]}\
                """,
                new UsersView(Stream.of(user(null, false), user("admin", true)).map(UserView::of).toList()));
    }
}
