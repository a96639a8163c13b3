package dev.assay.api;

import dev.assay.audit.AuditProgress;
import dev.assay.ledger.LedgerChain;
import dev.assay.ledger.LedgerEntry;
import dev.assay.policy.StoredPolicy;
import dev.assay.report.ReportSigner;
import dev.assay.security.ApiToken;
import dev.assay.security.Role;
import dev.assay.security.UserAccount;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import org.junit.jupiter.api.Test;

import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static dev.assay.api.Fixtures.*;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** Transitional: the old hand-built JSON against the new records, byte for byte. */
class OldVsNewTest {

    final Map<String, String> outputs = new LinkedHashMap<>();

    void same(String name, JsonObject old, Object view) {
        String neu = ViewJson.JSONB.toJson(view);
        outputs.put(name, neu);
        assertEquals(old.toString(), neu, name);
    }

    @Test
    void all() throws Exception {
        var v = version();
        var d = dataset();
        same("dataset", Views.dataset(d, v), DatasetView.of(d, v));
        same("auditQueued", Views.audit(queued(), null, AuditProgress.Stage.QUEUED),
                AuditView.of(queued(), null, AuditProgress.Stage.QUEUED));
        same("auditRunning", Views.audit(running(), null, AuditProgress.Stage.COMPUTING_METRICS),
                AuditView.of(running(), null, AuditProgress.Stage.COMPUTING_METRICS));
        same("auditFailed", Views.audit(failed(), null, AuditProgress.Stage.ERROR),
                AuditView.of(failed(), null, AuditProgress.Stage.ERROR));
        same("auditDone", Views.audit(done(), result(), AuditProgress.Stage.DONE),
                AuditView.of(done(), result(), AuditProgress.Stage.DONE));
        same("gate", Views.gate(gate()), GateView.of(gate()));
        same("noGate", Views.gate(noGate()), GateView.of(noGate()));
        same("waiverPending", Views.waiver(pendingWaiver()), WaiverView.of(pendingWaiver()));
        same("waiverApproved", Views.waiver(approvedWaiver()), WaiverView.of(approvedWaiver()));
        JsonArrayBuilder wl = Json.createArrayBuilder();
        List.of(approvedWaiver(), pendingWaiver()).forEach(w -> wl.add(Views.waiver(w)));
        same("waivers", Json.createObjectBuilder().add("waivers", wl).build(),
                new WaiversView(List.of(WaiverView.of(approvedWaiver()), WaiverView.of(pendingWaiver()))));

        // ModelResource.list
        JsonArrayBuilder models = Json.createArrayBuilder();
        models.add(Json.createObjectBuilder().add("model", "credit-risk").add("owner", "risk-ml@example.com").add("versions", 3)
                .add("latestVersion", v.version()).add("gate", Views.gate(gate())));
        same("models", Json.createObjectBuilder().add("models", models).build(),
                new ModelsView(List.of(new ModelView("credit-risk", "risk-ml@example.com", 3, v.version(), GateView.of(gate())))));
        // ModelResource.version
        JsonArrayBuilder ds = Json.createArrayBuilder().add(Views.dataset(d, v));
        JsonArrayBuilder as = Json.createArrayBuilder()
                .add(Json.createObjectBuilder().add("id", "audit-2").add("status", "DONE").add("decision", Json.createValue("FAIL"))
                        .add("createdAt", T0.toString()))
                .add(Json.createObjectBuilder().add("id", "audit-1").add("status", "QUEUED").add("decision", JsonValue.NULL)
                        .add("createdAt", T1.toString()));
        JsonObject oldVersion = Json.createObjectBuilder().add("model", v.modelName()).add("version", v.version())
                .add("card", v.cardDocument()).add("cardSha256", v.cardSha256()).add("createdAt", v.createdAt().toString())
                .add("createdBy", v.createdBy()).add("datasets", ds).add("audits", as).add("gate", Views.gate(noGate())).build();
        same("version", oldVersion, new VersionView(v.modelName(), v.version(), v.cardDocument(), v.cardSha256(),
                v.createdAt(), v.createdBy(), List.of(DatasetView.of(d, v)),
                List.of(new VersionView.Audit("audit-2", "DONE", "FAIL", T0), new VersionView.Audit("audit-1", "QUEUED", null, T1)),
                GateView.of(noGate())));

        // PolicyResource
        StoredPolicy builtIn = policy(true);
        StoredPolicy uploaded = policy(false);
        JsonArrayBuilder pl = Json.createArrayBuilder().add(oldPolicy(builtIn)).add(oldPolicy(uploaded));
        same("policies", Json.createObjectBuilder().add("policies", pl).build(),
                new PoliciesView(List.of(PolicyView.of(builtIn), PolicyView.of(uploaded))));
        same("policyVersions", Json.createObjectBuilder().add("versions", Json.createArrayBuilder().add(oldPolicy(uploaded))).build(),
                new PolicyVersionsView(List.of(PolicyView.of(uploaded))));
        same("policy", oldPolicy(uploaded), PolicyView.of(uploaded));
        var p = builtIn.policy();
        same("validateOk", Json.createObjectBuilder().add("valid", true).add("id", p.id()).add("version", p.version())
                        .add("sha256", p.sha256()).add("errors", JsonValue.EMPTY_JSON_ARRAY).build(),
                new PolicyCheckView(true, p.id(), p.version(), p.sha256(), List.of()));
        List<FieldError> errs = List.of(FieldError.atLine(9, 15L, "severity must be one of block, warn"),
                new FieldError("/version", 2L, null, "is required"), FieldError.at("/rules/0", "unknown metric \"x\""));
        JsonArrayBuilder eb = Json.createArrayBuilder();
        errs.forEach(e -> eb.add(e.toJson()));
        same("validateBad", Json.createObjectBuilder().add("valid", false).add("errors", eb).build(),
                new PolicyCheckView(false, null, null, null, errs.stream().map(PolicyCheckView.Error::of).toList()));
        same("validateMessage", Json.createObjectBuilder().add("valid", false)
                        .add("errors", Json.createArrayBuilder().add(Json.createObjectBuilder().add("message", "Empty pack"))).build(),
                new PolicyCheckView(false, null, null, null, List.of(new PolicyCheckView.Error(null, null, null, "Empty pack"))));
        JsonArrayBuilder lines = Json.createArrayBuilder()
                .add(Json.createObjectBuilder().add("audit", "audit-2").add("model", "credit-risk").add("version", "1.4.0")
                        .add("before", "PASS").add("after", "FAIL").add("changed", true))
                .add(Json.createObjectBuilder().add("audit", "audit-3").add("model", "loan").add("version", "2.0.0")
                        .add("before", "WARN").add("after", "WARN").add("changed", false));
        same("backtest", Json.createObjectBuilder().add("policy", Json.createObjectBuilder().add("id", p.id())
                        .add("version", p.version()).add("sha256", p.sha256())).add("changed", 1).add("audits", lines).build(),
                new BacktestView(new PolicyRef(p.id(), p.version(), p.sha256()), 1, List.of(
                        new BacktestView.Line("audit-2", "credit-risk", "1.4.0", "PASS", "FAIL", true),
                        new BacktestView.Line("audit-3", "loan", "2.0.0", "WARN", "WARN", false))));

        // LedgerResource
        List<LedgerEntry> entries = List.of(ledgerEntry(1, "{\"decision\":\"FAIL\",\"value\":0.6,\"n\":10,\"x\":null}"),
                ledgerEntry(2, "\"plain\""));
        JsonArrayBuilder eo = Json.createArrayBuilder();
        for (LedgerEntry e : entries) {
            eo.add(Json.createObjectBuilder().add("seq", e.seq()).add("kind", e.kind()).add("subject", e.subject())
                    .add("actor", e.actor()).add("at", e.recordedAt().toString())
                    .add("payload", Json.createReader(new StringReader(e.payload())).readValue())
                    .add("prev", e.prevHash()).add("hash", e.hash()));
        }
        same("ledgerPage", Json.createObjectBuilder().add("entries", eo).add("next", "/api/v1/ledger?after=2&limit=2").build(),
                new LedgerPageView(entries.stream().map(LedgerPageView.Entry::of).toList(), "/api/v1/ledger?after=2&limit=2"));
        same("ledgerEnd", Json.createObjectBuilder().add("entries", JsonValue.EMPTY_JSON_ARRAY).add("next", JsonValue.NULL).build(),
                new LedgerPageView(List.of(), null));
        for (var lv : List.of(new LedgerChain.Verification(true, 12, null, "every entry and link checks out"),
                new LedgerChain.Verification(false, 2, 2L, "entry 2 was changed after it was written"))) {
            same("ledgerVerify" + lv.valid(), Json.createObjectBuilder().add("valid", lv.valid()).add("entries", lv.entries())
                    .add("firstBad", lv.firstBadSeq() == null ? JsonValue.NULL : Json.createValue(lv.firstBadSeq()))
                    .add("reason", lv.reason()).build(), LedgerVerificationView.of(lv));
        }

        // KeyResource.rotate
        same("rotate", Json.createObjectBuilder().add("keyId", "key-3")
                        .add("keys", Json.createArrayBuilder().add("key-1").add("key-2").add("key-3")).build(),
                new KeyRotationView("key-3", List.of("key-1", "key-2", "key-3")));

        // VerifyResource
        for (var rv : List.of(new ReportSigner.Verification(true, "key-2026", T2, "signature valid"),
                new ReportSigner.Verification(false, null, null, "not a JWS"))) {
            same("verify" + rv.valid(), Json.createObjectBuilder().add("valid", rv.valid())
                    .add("keyId", rv.keyId() == null ? JsonValue.NULL : Json.createValue(rv.keyId()))
                    .add("signedAt", rv.signedAt() == null ? JsonValue.NULL : Json.createValue(rv.signedAt().toString()))
                    .add("reason", rv.reason()).build(), VerificationView.of(rv));
        }

        // TokenResource
        for (Instant expiresAt : new Instant[]{null, T2}) {
            var answer = Json.createObjectBuilder().add("id", "tok-1").add("name", "ci").add("token", "assay_secret")
                    .add("roles", Json.createArrayBuilder(List.of("model-owner", "ci-gate")));
            if (expiresAt != null) {
                answer.add("expiresAt", expiresAt.toString());
            }
            same("issued" + expiresAt, answer.build(),
                    new IssuedTokenView("tok-1", "ci", "assay_secret", List.of("model-owner", "ci-gate"), expiresAt));
        }
        List<ApiToken> tokens = List.of(token(false, false), token(true, false), token(true, true));
        var tl = Json.createArrayBuilder();
        tokens.forEach(t -> {
            var b = Json.createObjectBuilder().add("id", t.id()).add("name", t.name())
                    .add("roles", Json.createArrayBuilder(t.roles().stream().map(Role::id).toList()))
                    .add("createdBy", t.createdBy()).add("createdAt", t.createdAt().toString());
            if (t.expiresAt() != null) {
                b.add("expiresAt", t.expiresAt().toString());
            }
            if (t.revokedAt() != null) {
                b.add("revokedAt", t.revokedAt().toString()).add("revokedBy", t.revokedBy());
            }
            tl.add(b);
        });
        same("tokens", Json.createObjectBuilder().add("tokens", tl).build(),
                new TokensView(tokens.stream().map(TokenView::of).toList()));

        // UserResource
        for (String pw : new String[]{null, "Generated-Password-1"}) {
            var answer = Json.createObjectBuilder().add("username", "carol")
                    .add("roles", Json.createArrayBuilder(List.of("auditor")));
            if (pw != null) {
                answer.add("password", pw);
            }
            same("createdUser" + (pw != null), answer.build(), new CreatedUserView("carol", List.of("auditor"), pw));
        }
        List<UserAccount> users = List.of(user(null, false), user("admin", true));
        var ul = Json.createArrayBuilder();
        users.forEach(u -> {
            var b = Json.createObjectBuilder().add("username", u.username())
                    .add("roles", Json.createArrayBuilder(u.roles().stream().map(Role::id).toList()))
                    .add("createdAt", u.createdAt().toString());
            if (u.createdBy() != null) {
                b.add("createdBy", u.createdBy());
            }
            if (u.disabledAt() != null) {
                b.add("disabledAt", u.disabledAt().toString());
            }
            ul.add(b);
        });
        same("users", Json.createObjectBuilder().add("users", ul).build(),
                new UsersView(users.stream().map(UserView::of).toList()));

        StringBuilder out = new StringBuilder();
        outputs.forEach((k, val) -> out.append(k).append('\t').append(val).append('\n'));
        Files.writeString(Path.of("target/views-literals.tsv"), out);
    }

    private static JsonObject oldPolicy(StoredPolicy p) {
        return Json.createObjectBuilder()
                .add("id", p.policyId()).add("version", p.version()).add("sha256", p.sha256())
                .add("title", p.title()).add("builtIn", p.builtIn()).add("createdAt", p.createdAt().toString()).build();
    }
}
