package dev.assay.portal;

import dev.assay.security.Caller;
import dev.assay.security.Permission;
import dev.assay.security.Role;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What every portal page knows: its title, who is signed in, the CSRF token for its forms, and
 * which permissions the caller holds, so a page offers only what the API would allow.
 */
final class Page {

    private Page() {
    }

    static Map<String, Object> model(String title, HttpServletRequest request) {
        Map<String, Object> m = new HashMap<>();
        m.put("title", title);
        Optional<Caller> caller = PortalSession.caller(request);
        m.put("me", caller.map(Caller::name).orElse(null));
        m.put("roles", caller.map(c -> c.roles().stream().map(Role::id).sorted().collect(Collectors.joining(", "))).orElse(""));
        Set<String> can = caller.map(c -> Arrays.stream(Permission.values()).filter(p -> !p.isPublic() && p.grantedToAny(c.roles()))
                .map(Enum::name).collect(Collectors.toSet())).orElse(Set.of());
        m.put("can", can);
        m.put("csrf", caller.isPresent() ? PortalSession.csrfToken(request) : "");
        return m;
    }

    /**
     * A page with a status of its own (a form with errors, a bad query parameter). As bytes: RESTEasy escapes a String
     * entity of a 400 text/html answer as a whole (its HTML sanitizer), which would show the page as markup; every value
     * in a template is escaped by Thymeleaf already.
     */
    static Response html(int status, String body) {
        return Response.status(status).type(MediaType.TEXT_HTML_TYPE.withCharset("UTF-8"))
                .entity(body.getBytes(java.nio.charset.StandardCharsets.UTF_8)).build();
    }

    /** The word and icon for a gate or decision: colour is never the only carrier of meaning. */
    static String badge(String decision) {
        return switch (decision == null ? "NONE" : decision) {
            case "PASS" -> "\u2714 PASS";
            case "WARN" -> "\u26a0 WARN";
            case "FAIL" -> "\u2716 FAIL";
            default -> "\u2013 NONE";
        };
    }
}
