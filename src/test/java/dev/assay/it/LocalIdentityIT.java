package dev.assay.it;

import jakarta.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static dev.assay.it.OidcIdentityIT.csrf;
import static dev.assay.it.OidcIdentityIT.get;
import static dev.assay.it.OidcIdentityIT.post;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Local mode: the portal's form sign-in (session cookie, CSRF, security headers, no session
 * fixation), failed-attempt limits, the demo users, and accounts and tokens managed by an admin.
 */
@ExtendWith(LibertyServer.class)
class LocalIdentityIT {

    private static HttpClient browser() {
        return HttpClient.newBuilder().cookieHandler(new CookieJar()).followRedirects(HttpClient.Redirect.NEVER).build();
    }

    private static String form(String username, String password, String csrf) {
        return "username=" + URLEncoder.encode(username, StandardCharsets.UTF_8) + "&password="
                + URLEncoder.encode(password, StandardCharsets.UTF_8) + "&csrf=" + csrf + "&next=%2Fportal%2F";
    }

    @Test
    void portalFormSignInWithCsrfSessionCookieAndSecurityHeaders() throws Exception {
        URI base = LibertyServer.get().base();
        HttpClient browser = browser();
        HttpResponse<String> home = get(browser, base.resolve("/portal/"));
        assertEquals(303, home.statusCode());
        assertTrue(home.headers().firstValue("location").orElseThrow().contains("/portal/login?next="));

        HttpResponse<String> login = get(browser, base.resolve("/portal/login"));
        assertEquals(200, login.statusCode());
        assertTrue(login.body().contains("<label for=\"password\">"), login.body());
        String before = sessionCookie(login);
        assertTrue(before.contains("HttpOnly") && before.contains("SameSite=Lax"), before);
        assertEquals("nosniff", login.headers().firstValue("x-content-type-options").orElseThrow());
        assertEquals("no-referrer", login.headers().firstValue("referrer-policy").orElseThrow());
        String csp = login.headers().firstValue("content-security-policy").orElseThrow();
        assertTrue(csp.contains("frame-ancestors 'none'") && csp.contains("form-action 'self'"), csp);

        String password = LibertyServer.get().adminPassword();
        assertEquals(403, post(browser, base.resolve("/portal/login"), form("admin", password, "forged")).statusCode());
        HttpResponse<String> signedIn = post(browser, base.resolve("/portal/login"), form("admin", password, csrf(login.body())));
        assertEquals(303, signedIn.statusCode(), signedIn.body());
        // A new session id at sign-in: a session planted before it is worth nothing after.
        assertNotEquals(value(before), value(sessionCookie(signedIn)));

        HttpResponse<String> page = get(browser, base.resolve("/portal/"));
        assertEquals(200, page.statusCode());
        assertTrue(page.body().contains("Signed in as <strong>admin</strong>"), page.body());
        assertTrue(page.body().contains("loan-approval"), "the demo model is listed");

        assertEquals(403, post(browser, base.resolve("/portal/logout"), "csrf=forged").statusCode());
        HttpResponse<String> out = post(browser, base.resolve("/portal/logout"), "csrf=" + csrf(page.body()));
        assertEquals(303, out.statusCode());
        assertEquals(base.resolve("/portal/signed-out"), URI.create(out.headers().firstValue("location").orElseThrow()));
        assertEquals(303, get(browser, base.resolve("/portal/")).statusCode());
    }

    @Test
    void failedSignInsAreLimitedPerUserAndSource() throws Exception {
        URI base = LibertyServer.get().base();
        HttpClient browser = browser();
        String user = "nobody-" + UUID.randomUUID().toString().substring(0, 8);
        for (int i = 0; i < 5; i++) {
            String token = csrf(get(browser, base.resolve("/portal/login")).body());
            assertEquals(401, post(browser, base.resolve("/portal/login"), form(user, "wrong-" + i, token)).statusCode());
        }
        String token = csrf(get(browser, base.resolve("/portal/login")).body());
        HttpResponse<String> limited = post(browser, base.resolve("/portal/login"), form(user, "wrong-again", token));
        assertEquals(429, limited.statusCode());
        assertTrue(Long.parseLong(limited.headers().firstValue("retry-after").orElseThrow()) > 0);
        // The same limit guards HTTP basic on the token endpoint.
        Api basic = Api.anonymous().withAuthorization("Basic " + java.util.Base64.getEncoder()
                .encodeToString((user + ":wrong").getBytes(StandardCharsets.UTF_8)));
        Api.Reply refused = basic.send("POST", "/api/v1/tokens", "application/json", "{}".getBytes());
        assertEquals(429, refused.status());
        assertTrue(refused.contentType().startsWith("application/problem+json"));
    }

    @Test
    void demoUsersArePrintedOnceAndCanSignIn() throws Exception {
        String log = LibertyServer.firstStartLog();
        Matcher m = Pattern.compile("auditor \\(auditor\\) password (\\S+)").matcher(log);
        assertTrue(m.find(), "the demo users' passwords are in the log");
        String password = m.group(1);
        assertTrue(!m.find(), "printed once");
        URI base = LibertyServer.get().base();
        HttpClient browser = browser();
        String token = csrf(get(browser, base.resolve("/portal/login")).body());
        assertEquals(303, post(browser, base.resolve("/portal/login"), form("auditor", password, token)).statusCode());
        HttpResponse<String> page = get(browser, base.resolve("/portal/"));
        assertTrue(page.body().contains("(auditor)"), page.body());
    }

    @Test
    void anAdminManagesAccountsAndTokensAndTheLedgerNamesWhoDidIt() throws Exception {
        String adminToken = "account-admin-" + UUID.randomUUID().toString().substring(0, 8);
        Api.Reply adminIssued = Api.admin().send("POST", "/api/v1/tokens", "application/json",
                ("{\"name\":\"" + adminToken + "\",\"roles\":[\"admin\"]}").getBytes());
        Api admin = Api.anonymous().withAuthorization("Bearer " + adminIssued.json().getString("token"));
        String name = "it-user-" + UUID.randomUUID().toString().substring(0, 8);
        Api.Reply created = admin.send("POST", "/api/v1/users", "application/json",
                ("{\"username\":\"" + name + "\",\"roles\":[\"auditor\"]}").getBytes());
        assertEquals(201, created.status(), created.text());
        String password = created.json().getString("password");
        assertEquals(409, admin.send("POST", "/api/v1/users", "application/json",
                ("{\"username\":\"" + name + "\",\"roles\":[\"auditor\"]}").getBytes()).status());
        Api.Reply invalid = admin.send("POST", "/api/v1/users", "application/json", "{\"username\":\"A B\",\"roles\":[\"boss\"]}".getBytes());
        assertEquals(422, invalid.status());
        assertTrue(invalid.text().contains("/username") && invalid.text().contains("/roles/0"), invalid.text());
        assertTrue(admin.get("/api/v1/users").text().contains(name));

        URI base = LibertyServer.get().base();
        HttpClient browser = browser();
        assertEquals(303, post(browser, base.resolve("/portal/login"),
                form(name, password, csrf(get(browser, base.resolve("/portal/login")).body()))).statusCode());
        assertEquals(200, get(browser, base.resolve("/portal/")).statusCode(), "signed in");
        assertEquals(204, admin.send("POST", "/api/v1/users/" + name + "/disable", null, null).status());
        assertEquals(303, get(browser, base.resolve("/portal/")).statusCode(), "disabling ends the open session too");
        // The token acts for the person admin, who does not disable themselves (nor would the last enabled admin go).
        Api.Reply lastAdmin = admin.send("POST", "/api/v1/users/admin/disable", null, null);
        assertEquals(409, lastAdmin.status(), "the admin account stays");
        assertTrue(lastAdmin.text().contains("their own account"), lastAdmin.text());
        HttpClient later = browser();
        assertEquals(401, post(later, base.resolve("/portal/login"),
                form(name, password, csrf(get(later, base.resolve("/portal/login")).body()))).statusCode());

        Api.Reply issued = admin.send("POST", "/api/v1/tokens", "application/json", "{\"name\":\"to-revoke\",\"roles\":[\"auditor\"]}".getBytes());
        JsonObject token = issued.json();
        Api holder = Api.anonymous().withAuthorization("Bearer " + token.getString("token"));
        assertEquals(200, holder.get("/api/v1/models").status());
        Api.Reply listed = admin.get("/api/v1/tokens");
        assertTrue(listed.text().contains(token.getString("id")) && !listed.text().contains(token.getString("token")),
                "tokens are listed without their secrets");
        assertEquals(204, admin.send("DELETE", "/api/v1/tokens/" + token.getString("id"), null, null).status());
        assertEquals(401, holder.get("/api/v1/models").status());

        var entries = admin.get("/api/v1/ledger?limit=1000").json().getJsonArray("entries").getValuesAs(JsonObject.class);
        for (String kind : java.util.List.of("user.created", "user.disabled", "token.revoked")) {
            assertTrue(entries.stream().anyMatch(e -> e.getString("kind").equals(kind) && e.getString("actor").equals("admin (token " + adminToken + ")")),
                    kind + " by admin in " + entries);
        }
    }

    /** A local account made by the admin, with a password of its own; answers HTTP basic for it. */
    private static Api account(String username, String roles) throws Exception {
        String password = "pw-" + UUID.randomUUID();
        Api.Reply made = Api.admin().send("POST", "/api/v1/users", "application/json",
                ("{\"username\":\"" + username + "\",\"roles\":" + roles + ",\"password\":\"" + password + "\"}").getBytes());
        assertEquals(201, made.status(), made.text());
        return Api.anonymous().withAuthorization("Basic " + java.util.Base64.getEncoder()
                .encodeToString((username + ":" + password).getBytes(StandardCharsets.UTF_8)));
    }

    private static Api bearer(Api.Reply minted) {
        assertEquals(201, minted.status(), minted.text());
        return Api.anonymous().withAuthorization("Bearer " + minted.json().getString("token"));
    }

    /**
     * Identity is a person: a person mints their own tokens with at most their own roles, only an admin
     * mints for someone else, and disabling an account ends at once every token it owns and every token
     * it minted (so a disabled person's token can neither act nor mint more).
     */
    @Test
    void tokensActForTheirPersonAndEndWithIt() throws Exception {
        String name = "alice-" + UUID.randomUUID().toString().substring(0, 8);
        Api alice = account(name, "[\"model-owner\"]");
        Api.Reply own = alice.send("POST", "/api/v1/tokens", "application/json", "{\"name\":\"laptop\",\"roles\":[\"model-owner\"]}".getBytes());
        Api aliceToken = bearer(own);
        assertEquals(name, own.json().getString("user"));
        Api.Reply more = alice.send("POST", "/api/v1/tokens", "application/json", "{\"name\":\"x\",\"roles\":[\"admin\"]}".getBytes());
        assertEquals(422, more.status(), "at most one's own roles: " + more.text());
        assertEquals("/roles", more.json().getJsonArray("errors").getJsonObject(0).getString("pointer"));
        Api.Reply forOther = alice.send("POST", "/api/v1/tokens", "application/json",
                "{\"name\":\"x\",\"roles\":[\"model-owner\"],\"user\":\"admin\"}".getBytes());
        assertEquals(422, forOther.status(), "only an admin mints for another person: " + forOther.text());
        assertEquals("/user", forOther.json().getJsonArray("errors").getJsonObject(0).getString("pointer"));
        assertEquals(409, alice.send("POST", "/api/v1/tokens", "application/json",
                "{\"name\":\"laptop\",\"roles\":[\"model-owner\"]}".getBytes()).status(), "names are unique per person");
        Api.Reply wrongType = alice.send("POST", "/api/v1/tokens", "application/json",
                "{\"name\":\"typed\",\"roles\":[\"model-owner\"],\"expiresInDays\":\"7\"}".getBytes());
        assertEquals(422, wrongType.status(), "a field of the wrong JSON type is refused, never ignored: " + wrongType.text());
        Api.Reply tooMuch = Api.admin().send("POST", "/api/v1/tokens", "application/json",
                ("{\"name\":\"x\",\"roles\":[\"auditor\"],\"user\":\"" + name + "\"}").getBytes());
        assertEquals(422, tooMuch.status(), "not even an admin gives a person's token roles the person lacks");

        // A second admin mints a CI token for a service account; then both people are disabled.
        String adminName = "admin2-" + UUID.randomUUID().toString().substring(0, 8);
        Api admin2 = account(adminName, "[\"admin\"]");
        String ciName = "ci-" + UUID.randomUUID().toString().substring(0, 8);
        account(ciName, "[\"ci-gate\"]");
        Api ciToken = bearer(admin2.send("POST", "/api/v1/tokens", "application/json",
                ("{\"name\":\"pipeline\",\"roles\":[\"ci-gate\"],\"user\":\"" + ciName + "\"}").getBytes()));
        assertEquals(200, aliceToken.get("/api/v1/models").status());
        assertEquals(200, ciToken.get("/api/v1/models").status());

        assertEquals(204, Api.admin().send("POST", "/api/v1/users/" + name + "/disable", "application/json", "{}".getBytes()).status());
        assertEquals(401, aliceToken.get("/api/v1/models").status(), "a disabled person's token ends at once");
        assertEquals(401, aliceToken.send("POST", "/api/v1/tokens", "application/json",
                "{\"name\":\"again\",\"roles\":[\"model-owner\"]}".getBytes()).status(), "and mints nothing");
        assertEquals(204, Api.admin().send("POST", "/api/v1/users/" + adminName + "/disable", "application/json", "{}".getBytes()).status());
        assertEquals(401, ciToken.get("/api/v1/models").status(), "a token minted by a disabled account ends too");
        JsonObject issued = Api.admin().get("/api/v1/ledger?limit=1000").json().getJsonArray("entries").getValuesAs(JsonObject.class)
                .stream().filter(e -> e.getString("kind").equals("token.issued") && e.getJsonObject("payload").getString("owner").equals(ciName))
                .findFirst().orElseThrow();
        assertEquals(adminName, issued.getString("actor"), "the ledger names who minted it, and for whom");
    }

    /**
     * Password spraying: one source trying passwords across many names is limited as a whole. Sent from
     * 127.0.0.2 (a socket bound to it), so the other tests' source, 127.0.0.1, keeps its allowance.
     */
    @Test
    void passwordSprayingFromOneSourceIsLimited() throws Exception {
        URI base = LibertyServer.get().base();
        int last = 0;
        String retryAfter = null;
        for (int i = 0; i < 21; i++) {
            String basic = java.util.Base64.getEncoder().encodeToString(("sprayed-" + i + "-" + UUID.randomUUID().toString()
                    .substring(0, 6) + ":Winter2026!").getBytes(StandardCharsets.UTF_8));
            try (java.net.Socket socket = new java.net.Socket(base.getHost(), base.getPort(),
                    java.net.InetAddress.getByName("127.0.0.2"), 0)) {
                socket.setSoTimeout(30_000);
                byte[] request = ("POST /api/v1/tokens HTTP/1.1\r\nHost: " + base.getAuthority() + "\r\nAuthorization: Basic " + basic
                        + "\r\nContent-Type: application/json\r\nContent-Length: 2\r\nConnection: close\r\n\r\n{}")
                        .getBytes(StandardCharsets.US_ASCII);
                socket.getOutputStream().write(request);
                String answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
                last = Integer.parseInt(answer.substring(9, 12));
                Matcher m = Pattern.compile("(?im)^retry-after:\\s*(\\d+)").matcher(answer);
                retryAfter = m.find() ? m.group(1) : null;
            }
            if (i < 20) {
                assertEquals(401, last, "attempt " + (i + 1) + " of 20 is only refused");
            }
        }
        assertEquals(429, last, "the 21st failure from one source, each for a different name, is throttled");
        assertTrue(retryAfter != null && Long.parseLong(retryAfter) > 0, "with Retry-After");
        // Another source is not affected: the admin's HTTP basic from 127.0.0.1 still mints (withRoles uses it).
        assertEquals(200, Api.withRoles("auditor").get("/api/v1/models").status(), "another source is not affected");
    }

    private static String sessionCookie(HttpResponse<String> r) {
        return r.headers().allValues("set-cookie").stream().filter(c -> c.startsWith("ASSAY_SESSION=")).findFirst()
                .orElseThrow(() -> new AssertionError("no session cookie in " + r.headers().map()));
    }

    private static String value(String setCookie) {
        return setCookie.substring(0, setCookie.indexOf(';'));
    }
}
