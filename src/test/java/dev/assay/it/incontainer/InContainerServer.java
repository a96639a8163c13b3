package dev.assay.it.incontainer;

import org.jboss.arquillian.container.spi.event.container.AfterStop;
import org.jboss.arquillian.container.spi.event.container.BeforeStart;
import org.jboss.arquillian.core.api.annotation.Observes;
import org.jboss.arquillian.core.spi.LoadableExtension;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.transform.OutputKeys;
import javax.xml.transform.TransformerFactory;
import javax.xml.transform.dom.DOMSource;
import javax.xml.transform.stream.StreamResult;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Lays out the server Arquillian's managed Liberty container starts (arquillian.xml: {@value #SERVER}), on the client
 * side, just before it starts: a second server of the Liberty installation the build laid out for the integration
 * tests (target/liberty/wlp), configured as the {@code assay} server is (its server.xml and jvm.options, its DuckDB,
 * Spark and JDBC libraries) less its application, which Arquillian deploys instead as the test archive (the built WAR
 * with the tests). Its own free port, data directory and database (H2, or with {@code -Dassay.it.db=postgres} a fresh
 * PostgreSQL database, dropped after the run) come in through server.env, which Liberty's server script exports.
 * The demo seeds its two audited versions of loan-approval (1.0.0 fails the four-fifths rule), without its deployment.
 */
public final class InContainerServer implements LoadableExtension {

    static final String SERVER = "assay-incontainer";
    /** What the worker claims audits as, in the server under test. */
    static final String NAME = "it-incontainer";

    private static final String PG_ADMIN_URL = "jdbc:postgresql://127.0.0.1:5432/postgres";
    private static final String PG_USER = System.getenv().getOrDefault("ASSAY_IT_PGUSER", "postgres");

    @Override
    public void register(ExtensionBuilder builder) {
        builder.observer(Layout.class);
    }

    /** The observer: Arquillian creates it and calls it around the container's start and stop. */
    public static final class Layout {

        private String pgDatabase;

        public void beforeStart(@Observes BeforeStart event) throws Exception {
            Path wlp = Path.of(System.getProperty("assay.wlp.dir", "target/liberty/wlp")).toAbsolutePath();
            Path template = wlp.resolve("usr/servers/assay");
            Path server = wlp.resolve("usr/servers/" + SERVER);
            if (!Files.isRegularFile(template.resolve("server.xml"))) {
                throw new IllegalStateException("no Liberty server laid out at " + template + ": run the pre-integration-test phase");
            }
            deleteTree(server);
            Files.createDirectories(server.resolve("apps"));
            writeWithoutApplications(template.resolve("server.xml"), server.resolve("server.xml"));
            // The assay server's JVM options, and the client compiler only: a server that lives a few minutes spends
            // less of them compiling hot code for the long run.
            Files.writeString(server.resolve("jvm.options"), Files.readString(template.resolve("jvm.options"))
                    + "\n-XX:TieredStopAtLevel=1\n");
            // The shared libraries server.xml names under ${server.config.dir}: the assay server's copies, not another 0.3 GB.
            for (String library : List.of("jdbc", "duckdb", "spark", "native")) {
                Files.createSymbolicLink(server.resolve(library), template.resolve(library));
            }

            Path work = Path.of(System.getProperty("assay.it.work", "target/it")).toAbsolutePath().resolve("incontainer");
            deleteTree(work);
            Map<String, String> env = new LinkedHashMap<>();
            env.put("ASSAY_HTTP_PORT", String.valueOf(freePort()));
            env.put("ASSAY_DATA_DIR", work.resolve("data").toString());
            env.put("ASSAY_ADMIN_PASSWORD", "ic-" + HexFormat.of().formatHex(new SecureRandom().generateSeed(12)));
            env.put("ASSAY_SERVER_NAME", NAME);
            // The demo's two versions, audited by the server's own worker; not its deployment's three weeks of windows.
            env.put("ASSAY_DEMO", "true");
            env.put("ASSAY_DEMO_MONITORING", "false");
            // Audit claims on a test's time scale: a run whose server stopped renewing its claim is given out again
            // 8 s after the last renewal (RollbackIT's run whose completion and failure both failed).
            env.put("ASSAY_AUDIT_LEASE", "PT8S");
            env.put("ASSAY_AUDIT_POLL", "PT1S");
            // The OpenAPI document is no concern of these tests; its scan of the whole application is a part of its start.
            env.put("MP_OPENAPI_SCAN_DISABLE", "true");
            if ("postgres".equals(System.getProperty("assay.it.db", "h2"))) {
                pgDatabase = "assay_ic_" + HexFormat.of().formatHex(new SecureRandom().generateSeed(4));
                try (Connection c = DriverManager.getConnection(PG_ADMIN_URL, PG_USER, "");
                     Statement s = c.createStatement()) {
                    s.execute("CREATE DATABASE " + pgDatabase);
                }
                env.put("ASSAY_DB_URL", "jdbc:postgresql://127.0.0.1:5432/" + pgDatabase);
                env.put("ASSAY_DB_USER", PG_USER);
                env.put("ASSAY_DB_PASSWORD", "");
            }
            Files.writeString(server.resolve("server.env"), env.entrySet().stream()
                    .map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining("\n", "", "\n")));
            System.out.println("In-container tests: Liberty server " + server + " on port " + env.get("ASSAY_HTTP_PORT")
                    + (pgDatabase == null ? ", H2" : ", PostgreSQL database " + pgDatabase));
        }

        public void afterStop(@Observes AfterStop event) throws SQLException {
            if (pgDatabase != null) {
                try (Connection c = DriverManager.getConnection(PG_ADMIN_URL, PG_USER, "");
                     Statement s = c.createStatement()) {
                    s.execute("DROP DATABASE IF EXISTS " + pgDatabase + " WITH (FORCE)");
                }
            }
        }
    }

    /** The assay server's configuration without its {@code webApplication}: the test archive is the application here. */
    private static void writeWithoutApplications(Path from, Path to) throws Exception {
        Document doc = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(from.toFile());
        NodeList apps = doc.getElementsByTagName("webApplication");
        while (apps.getLength() > 0) {
            Element app = (Element) apps.item(0);
            app.getParentNode().removeChild(app);
        }
        var transformer = TransformerFactory.newInstance().newTransformer();
        transformer.setOutputProperty(OutputKeys.INDENT, "no");
        transformer.transform(new DOMSource(doc), new StreamResult(to.toFile()));
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    private static void deleteTree(Path p) throws IOException {
        if (!Files.exists(p, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        // Files.walk does not follow the library links, so the assay server's jars stay where they are.
        try (Stream<Path> walk = Files.walk(p)) {
            walk.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        }
    }
}
