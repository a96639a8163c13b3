package dev.assay.it;

import jakarta.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Policy packs over HTTP: list, read, validate with line and column, store new versions (admin only). */
@ExtendWith(LibertyServer.class)
class PolicyIT {

    private static final String PACK = """
            id: it-pack
            version: 1.0.0
            title: Integration test pack
            rules:
              - id: dp
                metric: demographic_parity_ratio
                scope: protected
                threshold: {comparator: ">=", value: 0.8}
                severity: block
                cites:
                  - regulation: test
            """;

    @Test
    void builtInPacksAreListedAndReadable() throws Exception {
        Api auditor = Api.withRoles("auditor");
        List<String> ids = auditor.get("/api/v1/policies").json().getJsonArray("policies").getValuesAs(JsonObject.class)
                .stream().map(p -> p.getString("id")).toList();
        assertTrue(ids.containsAll(List.of("eeoc-four-fifths", "nyc-ll144", "model-performance")), ids.toString());
        Api.Reply yaml = auditor.get("/api/v1/policies/nyc-ll144");
        assertEquals(200, yaml.status());
        assertTrue(yaml.text().contains("6 RCNY"));
    }

    @Test
    void validateReportsEveryErrorWithLineAndColumn() throws Exception {
        Api owner = Api.withRoles("model-owner");
        JsonObject ok = owner.send("POST", "/api/v1/policies/validate", "application/yaml", PACK.getBytes()).json();
        assertTrue(ok.getBoolean("valid"), ok.toString());
        JsonObject bad = owner.send("POST", "/api/v1/policies/validate", "application/yaml",
                PACK.replace("severity: block", "severity: fatal").replace("version: 1.0.0", "version: one").getBytes()).json();
        assertEquals(false, bad.getBoolean("valid"));
        var errors = bad.getJsonArray("errors").getValuesAs(JsonObject.class);
        JsonObject severity = errors.stream().filter(e -> "/rules/0/severity".equals(e.getString("pointer", null))).findFirst().orElseThrow();
        assertEquals(9, severity.getInt("line"));
        assertEquals(15, severity.getInt("column"));
        assertTrue(errors.stream().anyMatch(e -> "/version".equals(e.getString("pointer", null)) && e.getInt("line") == 2));
        JsonObject syntax = owner.send("POST", "/api/v1/policies/validate", "application/yaml", "id: [unclosed\n".getBytes()).json();
        assertEquals(false, syntax.getBoolean("valid"));
        assertTrue(syntax.getJsonArray("errors").getJsonObject(0).containsKey("line"));
    }

    @Test
    void storingVersionsIsForAdminsAndVersionsAreImmutable() throws Exception {
        Api admin = Api.withRoles("admin");
        Api auditor = Api.withRoles("auditor");
        byte[] pack = PACK.getBytes(StandardCharsets.UTF_8);
        assertEquals(403, auditor.send("PUT", "/api/v1/policies/it-pack", "application/yaml", pack).status());
        Api.Reply created = admin.send("PUT", "/api/v1/policies/it-pack", "application/yaml", pack);
        assertEquals(201, created.status(), created.text());
        assertEquals(200, admin.send("PUT", "/api/v1/policies/it-pack", "application/yaml",
                ("# the same pack, reformatted\n" + PACK).getBytes()).status());
        assertEquals(409, admin.send("PUT", "/api/v1/policies/it-pack", "application/yaml",
                PACK.replace("value: 0.8", "value: 0.9").getBytes()).status());
        assertEquals(201, admin.send("PUT", "/api/v1/policies/it-pack", "application/yaml",
                PACK.replace("value: 0.8", "value: 0.9").replace("version: 1.0.0", "version: 1.1.0").getBytes()).status());
        assertEquals(422, admin.send("PUT", "/api/v1/policies/other-id", "application/yaml", pack).status());
        var versions = admin.get("/api/v1/policies/it-pack/versions").json().getJsonArray("versions").getValuesAs(JsonObject.class);
        assertEquals(List.of("1.1.0", "1.0.0"), versions.stream().map(v -> v.getString("version")).toList());
        assertTrue(admin.get("/api/v1/policies/it-pack").text().contains("value: 0.9"), "the newest version is served");
    }
}
