package dev.assay.portal;

import dev.assay.failure.Failure;
import dev.assay.ledger.LedgerEntry;
import dev.assay.registry.ModelRegistry;
import dev.assay.waiver.WaiverService;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;

import java.io.StringReader;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * Where the portal shows a ledger entry's subject: an audit's page (its run, sign-offs and comments), a version's
 * page (its registration, datasets, waivers, a refused deployment), a deployment's page (its deployments and windows), a model's page (its
 * owners), a policy's page. Kinds without a page of their own (tokens, users, keys, receivers, production batches)
 * have no link. Made for one page of entries: the versions it looks up are kept until the page is rendered.
 */
final class LedgerLinks {

    private final ModelRegistry registry;
    private final WaiverService waivers;
    private final Map<String, String> versionLinks = new HashMap<>();

    LedgerLinks(ModelRegistry registry, WaiverService waivers) {
        this.registry = registry;
        this.waivers = waivers;
    }

    /** The page of {@code e}'s subject, or null when the portal has none (or the subject is gone). */
    String of(LedgerEntry e) {
        String s = e.subject();
        String kind = e.kind();
        try {
            if (kind.equals("version.registered") && s.indexOf('@') > 0) {
                return "/portal/models/" + VersionPages.enc(s.substring(0, s.indexOf('@'))) + "/versions/"
                        + VersionPages.enc(s.substring(s.indexOf('@') + 1));
            }
            if (kind.equals("model.owners")) {
                return ModelPages.link(s);
            }
            if (kind.startsWith("dataset.")) {
                return version(text(e, "modelVersion"), "#datasets");
            }
            if (kind.startsWith("audit.") || kind.startsWith("review.")) {
                // Requested, completed, failed, signed off, commented: the audit's own page.
                return "/portal/audits/" + VersionPages.enc(s);
            }
            if (kind.startsWith("waiver.")) {
                return version(waivers.get(s).waiver().modelVersionId(), "#waivers");
            }
            if (kind.equals("deployment.refused")) {
                return version(s, "");
            }
            if (kind.startsWith("deployment.")) {
                return "/portal/deployments/" + VersionPages.enc(s);
            }
            if (kind.equals("window.audited")) {
                String deployment = text(e, "deployment");
                return deployment == null ? null : "/portal/deployments/" + VersionPages.enc(deployment);
            }
            if (kind.equals("policy.stored") && s.indexOf('@') > 0) {
                return "/portal/policies/" + VersionPages.enc(s.substring(0, s.lastIndexOf('@')));
            }
        } catch (Failure gone) {
            // A subject the portal cannot find (a row removed outside Assay) is listed without a link rather than failing the page.
            return null;
        }
        return null;
    }

    private String version(String versionId, String anchor) {
        if (versionId == null) {
            return null;
        }
        String link = versionLinks.computeIfAbsent(versionId, (Function<String, String>) id -> VersionPages.link(registry.byId(id)));
        return link + anchor;
    }

    private static String text(LedgerEntry e, String key) {
        try (JsonReader r = Json.createReader(new StringReader(e.payload()))) {
            JsonObject p = r.readObject();
            return p.get(key) instanceof JsonString t ? t.getString() : null;
        } catch (RuntimeException notAnObject) {
            return null;
        }
    }
}
