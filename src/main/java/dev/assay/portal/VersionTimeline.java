package dev.assay.portal;

import dev.assay.ledger.LedgerEntry;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;

import java.io.StringReader;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * What happened to one model version, newest first, as its version page shows it: registered, datasets uploaded or
 * registered by reference, audits requested, completed (with their decision), failed or signed off, waivers requested,
 * approved or rejected, deployments made, ended or refused. Built from the version's ledger entries alone, so the trail a reader
 * sees is the hash-chained one, with the time and the actor each entry recorded. Production windows' audits are not
 * the version's release trail: they are on each deployment's page, linked from its deployment events.
 * Comments on an audit are its review, on the audit's page, not events of the version.
 */
public final class VersionTimeline {

    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'", Locale.ROOT)
            .withZone(ZoneOffset.UTC);

    private VersionTimeline() {
    }

    /**
     * One event: when (the instant, and in words), its kind as the ledger names it, what happened in a sentence, who
     * did it, the decision of a completed audit (else null) and where to read more (else null).
     */
    public record Event(Instant at, String when, String kind, String what, String actor, String decision, String link) {

        /** The decision in a word with its icon: colour never carries it alone. */
        public String badge() {
            return decision == null ? null : Page.badge(decision);
        }
    }

    /**
     * The events of {@code entries} (the ledger entries about the version and its datasets, audits, waivers and
     * deployments, in any order), newest first; entries of kinds that are no part of a version's trail are left out.
     *
     * @param versionLink the version page, for links to its sections
     */
    static List<Event> of(String versionLink, List<LedgerEntry> entries) {
        List<Event> events = new ArrayList<>();
        for (LedgerEntry e : entries.stream().sorted(Comparator.comparing(LedgerEntry::recordedAt)
                .thenComparing(LedgerEntry::seq).reversed()).toList()) {
            JsonObject p = payload(e);
            String s = e.subject();
            String audit = "/portal/audits/" + VersionPages.enc(s);
            String deployment = "/portal/deployments/" + VersionPages.enc(s);
            Event event = switch (e.kind()) {
                case "version.registered" -> event(e, "Registered (model card SHA-256 " + abbrev(text(p, "cardSha256")) + ")"
                        + (text(p, "artifact").isEmpty() ? "" : ", certifying artifact " + text(p, "artifact")), null, null);
                case "dataset.ingested" -> event(e, "Dataset uploaded: " + dataset(p), null, versionLink + "#datasets");
                case "dataset.referenced" -> event(e, "Dataset registered by reference: " + dataset(p), null, versionLink + "#datasets");
                case "audit.requested" -> event(e, "Audit " + abbrev(s) + " requested", null, audit);
                case "audit.completed" -> event(e, "Audit " + abbrev(s) + " completed: " + text(p, "decision")
                        + reasons(p), text(p, "decision"), audit);
                case "audit.failed" -> event(e, "Audit " + abbrev(s) + " failed: " + text(p, "error"), null, audit);
                case "audit.signed-off" -> event(e, "Audit " + abbrev(s) + " signed off" + (text(p, "statement").isEmpty() ? ""
                        : ": " + text(p, "statement")), null, audit);
                case "waiver.requested" -> event(e, "Waiver requested for " + text(p, "rule") + " until " + text(p, "expiresAt"),
                        null, versionLink + "#waivers");
                case "waiver.approved", "waiver.rejected" -> event(e, "Waiver for " + text(p, "rule") + " "
                        + e.kind().substring("waiver.".length()) + comment(p), null, versionLink + "#waivers");
                case "deployment.created" -> event(e, "Deployed to " + text(p, "environment") + " on gate " + text(p, "gate"),
                        null, deployment);
                case "deployment.ended" -> event(e, "Deployment in " + text(p, "environment") + " ended"
                        + ("replaced".equals(text(p, "reason")) ? " (replaced by a newer deployment)" : ""), null, deployment);
                case "deployment.refused" -> event(e, "Deployment to " + text(p, "environment") + " refused: the gate was "
                        + text(p, "gate") + ", the environment requires " + text(p, "required"), null, null);
                default -> null;
            };
            if (event != null) {
                events.add(event);
            }
        }
        return List.copyOf(events);
    }

    private static Event event(LedgerEntry e, String what, String decision, String link) {
        return new Event(e.recordedAt(), WHEN.format(e.recordedAt()), e.kind(), what, e.actor(), decision, link);
    }

    private static String dataset(JsonObject p) {
        return text(p, "role") + ", " + (p.containsKey("rows") ? p.getJsonNumber("rows").longValue() : "?") + " rows, SHA-256 "
                + abbrev(text(p, "sha256"));
    }

    private static String reasons(JsonObject p) {
        if (!(p.get("reasons") instanceof JsonArray a) || a.isEmpty()) {
            return "";
        }
        return " (" + a.getValuesAs(JsonString.class).stream().map(JsonString::getString).collect(Collectors.joining(", ")) + ")";
    }

    private static String comment(JsonObject p) {
        String c = text(p, "comment");
        return c.isEmpty() ? "" : ": " + c;
    }

    /** The first twelve characters of an id or hash: enough to tell it apart on a page, as the ledger page does. */
    private static String abbrev(String id) {
        return id.length() > 12 ? id.substring(0, 12) + "\u2026" : id;
    }

    private static String text(JsonObject o, String key) {
        return o.get(key) instanceof JsonString s ? s.getString() : "";
    }

    /** The entry's payload; an entry is written by Assay, but one that does not parse still shows, with what it has. */
    private static JsonObject payload(LedgerEntry e) {
        try (JsonReader r = Json.createReader(new StringReader(e.payload()))) {
            return r.readObject();
        } catch (RuntimeException notAnObject) {
            return JsonObject.EMPTY_JSON_OBJECT;
        }
    }
}
