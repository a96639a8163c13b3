package dev.assay.it;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Map;

/**
 * A real Keycloak for the oidc-mode integration tests, started once per run with the project's own
 * scripts (server/keycloak/start.sh and stop.sh) from the distribution Maven unpacked, with fresh
 * random secrets, the realms of server/keycloak, and the portal's redirect URI of the Liberty
 * under test.
 */
final class KeycloakServer implements AutoCloseable {

    static final String REALM = "assay";

    private final Path work;
    private final Map<String, String> env;
    final int port;
    final String demoPassword;
    final String portalSecret;
    final String ciSecret;

    private KeycloakServer(Path work, Map<String, String> env, int port) {
        this.work = work;
        this.env = env;
        this.port = port;
        this.demoPassword = env.get("ASSAY_KC_DEMO_PASSWORD");
        this.portalSecret = env.get("ASSAY_KC_PORTAL_SECRET");
        this.ciSecret = env.get("ASSAY_KC_CI_SECRET");
    }

    URI issuer() {
        return issuer(REALM);
    }

    URI issuer(String realm) {
        return URI.create("http://127.0.0.1:" + port + "/realms/" + realm);
    }

    URI tokenEndpoint(String realm) {
        return URI.create(issuer(realm) + "/protocol/openid-connect/token");
    }

    static KeycloakServer start(Path work, int port, URI portalUrl) throws IOException, InterruptedException {
        Path dist = Path.of(System.getProperty("assay.keycloak.dist", "target/keycloak/keycloak-26.5.6"));
        if (!Files.exists(dist.resolve("bin/kc.sh"))) {
            throw new IllegalStateException("no Keycloak distribution at " + dist + " (Maven unpacks it in pre-integration-test)");
        }
        Files.createDirectories(work);
        Map<String, String> env = Map.of(
                "ASSAY_KC_WORK", work.toAbsolutePath().toString(),
                "ASSAY_KC_DIST", dist.toAbsolutePath().toString(),
                "ASSAY_KC_DEMO_PASSWORD", secret(),
                "ASSAY_KC_PORTAL_SECRET", secret(),
                "ASSAY_KC_CI_SECRET", secret(),
                "KC_BOOTSTRAP_ADMIN_PASSWORD", secret(),
                "ASSAY_PORTAL_URL", portalUrl.toString());
        KeycloakServer server = new KeycloakServer(work, env, port);
        if (run(env, "server/keycloak/start.sh", String.valueOf(port)) != 0) {
            server.close();
            throw new IllegalStateException("Keycloak did not start; see " + work.resolve("keycloak.log"));
        }
        return server;
    }

    @Override
    public void close() throws IOException, InterruptedException {
        run(env, "server/keycloak/stop.sh");
    }

    private static int run(Map<String, String> env, String... command) throws IOException, InterruptedException {
        String[] full = new String[command.length + 1];
        full[0] = "bash";
        System.arraycopy(command, 0, full, 1, command.length);
        ProcessBuilder pb = new ProcessBuilder(full).redirectErrorStream(true).redirectOutput(ChildOutput.to("keycloak"));
        pb.environment().putAll(env);
        return pb.start().waitFor();
    }

    private static String secret() {
        return HexFormat.of().formatHex(new SecureRandom().generateSeed(16));
    }
}
