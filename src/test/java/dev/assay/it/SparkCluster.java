package dev.assay.it;

import dev.assay.metric.engine.SparkRemote;
import org.junit.jupiter.api.Assumptions;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A real Spark standalone cluster for the Spark tests, started once per test JVM with the project's own
 * scripts (server/spark/start.sh and stop.sh: a master, two workers, a Spark Connect server, on free
 * ports) from the jars Maven laid out in target/spark (pre-integration-test), and stopped when the JVM
 * ends. A cluster of one's own instead: {@code -Dassay.spark.remote=sc://host:port} (and
 * {@code -Dassay.spark.token}), which must then read this machine's paths.
 *
 * <p>When the cluster cannot start (no jars: a plain {@code test} run), the test is skipped with a
 * printed reason; with CI=true it fails.
 */
public final class SparkCluster {

    private static SparkRemote remote;
    private static String failure;

    private SparkCluster() {
    }

    /** The cluster's Connect endpoint, started on first use; aborts (skips) the calling test when there is none. */
    public static synchronized SparkRemote require() {
        if (remote == null && failure == null) {
            try {
                remote = start();
            } catch (IOException | RuntimeException e) {
                failure = e.getMessage();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                failure = "interrupted while starting Spark";
            }
        }
        if (remote == null) {
            String reason = "no Spark cluster: " + failure;
            if (LibertyServer.ci()) {
                throw new IllegalStateException(reason + "; CI=true requires it");
            }
            System.out.println("SKIPPED Spark tests: " + reason);
            Assumptions.abort(reason);
        }
        return remote;
    }

    private static SparkRemote start() throws IOException, InterruptedException {
        String own = System.getProperty("assay.spark.remote", "");
        if (!own.isBlank()) {
            return new SparkRemote(own, Optional.ofNullable(System.getProperty("assay.spark.token")), false);
        }
        Path home = Path.of(System.getProperty("assay.spark.home", "target/spark")).toAbsolutePath();
        if (!Files.exists(home.resolve("RELEASE"))) {
            throw new IllegalStateException("no Spark laid out in " + home + " (Maven does it in pre-integration-test, "
                    + "or run server/spark/start.sh once)");
        }
        Path work = Path.of(System.getProperty("assay.it.work", "target/it")).resolve("spark").toAbsolutePath();
        Files.createDirectories(work);
        int connect = freePort();
        String token = java.util.HexFormat.of().formatHex(new java.security.SecureRandom().generateSeed(16));
        Map<String, String> env = Map.of("ASSAY_SPARK_HOME", home.toString(), "ASSAY_SPARK_WORK", work.toString(),
                "ASSAY_SPARK_MASTER_PORT", String.valueOf(freePort()), "ASSAY_SPARK_TOKEN", token);
        if (run(env, "server/spark/start.sh", String.valueOf(connect)) != 0) {
            run(env, "server/spark/stop.sh");
            throw new IllegalStateException("Spark did not start; see the logs in " + work);
        }
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                run(env, "server/spark/stop.sh");
            } catch (IOException e) {
                System.err.println("stopping Spark: " + e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }));
        return new SparkRemote("sc://localhost:" + connect, Optional.of(token), false);
    }

    private static int run(Map<String, String> env, String... command) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(java.util.stream.Stream.concat(List.of("bash").stream(), List.of(command).stream()).toList())
                .redirectErrorStream(true).redirectOutput(ChildOutput.to("spark"));
        pb.environment().putAll(env);
        return pb.start().waitFor();
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
