package dev.assay.portal;

import dev.assay.api.LedgerDownload;
import dev.assay.failure.Malformed;
import dev.assay.ledger.Ledger;
import dev.assay.ledger.LedgerChain;
import dev.assay.ledger.LedgerEntry;
import dev.assay.ledger.LedgerFilter;
import dev.assay.registry.ModelRegistry;
import dev.assay.security.Permission;
import dev.assay.security.Requires;
import dev.assay.security.SessionAuthenticated;
import dev.assay.waiver.WaiverService;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;

/**
 * The audit trail, newest first, with the whole chain verified on every view: filtered by kind (or a family of
 * kinds), subject, actor and a range of days or instants ({@link LedgerFilter}, the same parsing as the API's), a page
 * at a time (at most {@value #MAX_LIMIT} entries), each subject linked to its page where the portal has one, and the
 * entries the filters select downloadable as CSV ({@link LedgerDownload}). Bad parameters are a 400 naming them.
 */
@Path("portal/ledger")
@SessionAuthenticated
public class LedgerPages {

    static final int DEFAULT_LIMIT = 50;
    static final int MAX_LIMIT = 200;

    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'", Locale.ROOT)
            .withZone(ZoneOffset.UTC);

    @Inject
    Ledger ledger;

    @Inject
    ModelRegistry registry;

    @Inject
    WaiverService waivers;

    @Inject
    Templates templates;

    @Context
    HttpServletRequest request;

    /** One entry as the page lists it: its subject's page, when the portal has one, else null. */
    public record Row(long seq, Instant at, String when, String kind, String subject, String actor, String hash, String link) {
    }

    /** Where a page starts (entries numbered below {@code before}; 0: the newest) and how many it shows. */
    record Paging(long before, int limit) {

        /** Both parameters checked; their problems join the filter's so every bad parameter is named at once. */
        static Paging parse(String before, String limit, List<String> problems) {
            long b = 0;
            int l = DEFAULT_LIMIT;
            if (before != null && !before.isBlank()) {
                try {
                    b = Long.parseLong(before.strip());
                } catch (NumberFormatException e) {
                    b = -1;
                }
                if (b < 1) {
                    problems.add("'before' must be an entry number, 1 or more");
                }
            }
            if (limit != null && !limit.isBlank()) {
                try {
                    l = Integer.parseInt(limit.strip());
                } catch (NumberFormatException e) {
                    l = -1;
                }
                if (l < 1 || l > MAX_LIMIT) {
                    problems.add("'limit' must be a whole number from 1 to " + MAX_LIMIT);
                }
            }
            return new Paging(b, l);
        }
    }

    /** The filter and the paging of a request, or a 400 naming every parameter that is wrong. */
    static Map.Entry<LedgerFilter, Paging> parse(String kind, String subject, String actor, String from, String to, String before,
                                                 String limit) {
        List<String> problems = new ArrayList<>();
        Paging paging = Paging.parse(before, limit, problems);
        LedgerFilter filter = null;
        try {
            filter = LedgerFilter.parse(kind, subject, actor, from, to);
        } catch (Malformed m) {
            problems.add(0, m.detail().replaceFirst("\\.$", ""));
        }
        if (!problems.isEmpty()) {
            throw new Malformed(String.join("; ", problems) + ".");
        }
        return Map.entry(filter, paging);
    }

    @GET
    @Produces(MediaType.TEXT_HTML)
    @Requires(Permission.READ_LEDGER)
    public String page(@QueryParam("kind") String kind, @QueryParam("subject") String subject, @QueryParam("actor") String actor,
                       @QueryParam("from") String from, @QueryParam("to") String to, @QueryParam("before") String before,
                       @QueryParam("limit") String limit) {
        Map.Entry<LedgerFilter, Paging> asked = parse(kind, subject, actor, from, to, before, limit);
        LedgerFilter filter = asked.getKey();
        Paging paging = asked.getValue();
        // One more than shown: whether an older page exists, without counting the whole ledger.
        List<LedgerEntry> entries = ledger.newest(filter, paging.before(), paging.limit() + 1);
        boolean older = entries.size() > paging.limit();
        List<LedgerEntry> shown = older ? entries.subList(0, paging.limit()) : entries;
        LedgerLinks links = new LedgerLinks(registry, waivers);
        LedgerChain.Verification verification = ledger.verify();
        List<String> kinds = ledger.kinds();
        TreeSet<String> families = new TreeSet<>();
        kinds.forEach(k -> families.add(k.contains(".") ? k.substring(0, k.indexOf('.')) : k));
        String query = filter.query();
        String withLimit = query + (paging.limit() == DEFAULT_LIMIT ? "" : (query.isEmpty() ? "" : "&") + "limit=" + paging.limit());
        Map<String, Object> m = Page.model("Ledger", request);
        m.put("rows", shown.stream().map(e -> new Row(e.seq(), e.recordedAt(), WHEN.format(e.recordedAt()), e.kind(), e.subject(),
                e.actor(), e.hash().substring(0, 12) + "\u2026", links.of(e))).toList());
        m.put("verification", verification);
        m.put("filter", filter.parameters());
        m.put("filtered", !query.isEmpty());
        m.put("kinds", kinds);
        m.put("families", List.copyOf(families));
        m.put("limit", paging.limit());
        m.put("limits", List.of(25, DEFAULT_LIMIT, 100, MAX_LIMIT));
        m.put("csv", "/portal/ledger/export.csv" + (query.isEmpty() ? "" : "?" + query));
        m.put("older", older ? "/portal/ledger?" + (withLimit.isEmpty() ? "" : withLimit + "&") + "before=" + shown.get(shown.size() - 1).seq()
                : null);
        m.put("newest", paging.before() > 0 ? "/portal/ledger" + (withLimit.isEmpty() ? "" : "?" + withLimit) : null);
        return templates.render("ledger", m);
    }

    /** Every entry the filters select, newest first, as CSV: the same filters as the page, without its paging. */
    @GET
    @Path("export.csv")
    @Produces(LedgerDownload.MEDIA_TYPE)
    @Requires(Permission.READ_LEDGER)
    public Response csv(@QueryParam("kind") String kind, @QueryParam("subject") String subject, @QueryParam("actor") String actor,
                        @QueryParam("from") String from, @QueryParam("to") String to) {
        return LedgerDownload.csv(ledger, parse(kind, subject, actor, from, to, null, null).getKey(), 0, true);
    }
}
