package dev.assay.portal;

import dev.assay.ledger.Ledger;
import dev.assay.ledger.LedgerChain;
import dev.assay.ledger.LedgerEntry;
import dev.assay.security.Permission;
import dev.assay.security.Requires;
import dev.assay.security.SessionAuthenticated;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;

import java.util.List;
import java.util.Map;

/** The audit trail, a page of entries at a time, with the whole chain verified on every view. */
@Path("portal/ledger")
@SessionAuthenticated
public class LedgerPages {

    private static final int PAGE = 100;

    @Inject
    Ledger ledger;

    @Inject
    Templates templates;

    @Context
    HttpServletRequest request;

    @GET
    @Produces(MediaType.TEXT_HTML)
    @Requires(Permission.READ_LEDGER)
    public String page(@QueryParam("after") Long after) {
        long from = after == null || after < 0 ? 0 : after;
        List<LedgerEntry> entries = ledger.page(from, PAGE);
        LedgerChain.Verification verification = ledger.verify();
        Map<String, Object> m = Page.model("Ledger", request);
        m.put("entries", entries);
        m.put("verification", verification);
        m.put("next", entries.size() == PAGE ? entries.get(entries.size() - 1).seq() : null);
        return templates.render("ledger", m);
    }
}
