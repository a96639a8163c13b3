package dev.assay.it;

import java.net.CookieHandler;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A browser's cookie jar for tests, per host. Unlike java.net.CookieManager it sends Secure
 * cookies over http to loopback hosts, as browsers do (Keycloak in dev mode marks its cookies
 * Secure). Paths and expiry dates are not modelled: a test's cookies live for the test.
 */
final class CookieJar extends CookieHandler {

    private final Map<String, Map<String, String>> byHost = new ConcurrentHashMap<>();

    @Override
    public Map<String, List<String>> get(URI uri, Map<String, List<String>> requestHeaders) {
        Map<String, String> cookies = byHost.get(uri.getHost());
        if (cookies == null || cookies.isEmpty()) {
            return Map.of();
        }
        StringBuilder header = new StringBuilder();
        cookies.forEach((name, value) -> header.append(header.length() == 0 ? "" : "; ").append(name).append('=').append(value));
        return Map.of("Cookie", List.of(header.toString()));
    }

    @Override
    public void put(URI uri, Map<String, List<String>> responseHeaders) {
        responseHeaders.forEach((name, values) -> {
            if (name != null && name.equalsIgnoreCase("set-cookie")) {
                values.forEach(v -> store(uri.getHost(), v));
            }
        });
    }

    private void store(String host, String setCookie) {
        String[] attributes = setCookie.split(";");
        int eq = attributes[0].indexOf('=');
        if (eq <= 0) {
            return;
        }
        String name = attributes[0].substring(0, eq).trim();
        String value = attributes[0].substring(eq + 1).trim();
        boolean removed = value.isEmpty();
        for (String a : attributes) {
            String t = a.trim().toLowerCase(java.util.Locale.ROOT);
            removed |= t.equals("max-age=0") || t.startsWith("expires=thu, 01-jan-1970") || t.startsWith("expires=thu, 01 jan 1970");
        }
        Map<String, String> cookies = byHost.computeIfAbsent(host, h -> new ConcurrentHashMap<>());
        if (removed) {
            cookies.remove(name);
        } else {
            cookies.put(name, value);
        }
    }
}
