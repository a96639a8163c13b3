package dev.assay.metric.engine;

import java.net.URI;
import java.util.Optional;
import java.util.function.Function;

/**
 * Where Assay's Spark Connect client connects: {@code ASSAY_SPARK_REMOTE} ({@code sc://host:port}), a
 * bearer token ({@code ASSAY_SPARK_TOKEN}: a managed cluster's access token, or the Connect server's
 * {@code spark.connect.authenticate.token}) and TLS ({@code ASSAY_SPARK_TLS=true}). The token is kept out
 * of {@link #toString()} and so out of logs and messages.
 *
 * @param remote the Connect endpoint, {@code sc://host[:port]} (port 15002 when left out); no parameters:
 *               the token and TLS are their own settings
 * @param token  sent as {@code Authorization: Bearer}; the client sends a token in the clear only to
 *               {@code localhost} (by that name), anywhere else it needs TLS
 * @param tls    connect over TLS (the JVM's trust store checks the server)
 */
public record SparkRemote(String remote, Optional<String> token, boolean tls) {

    public SparkRemote {
        URI uri = URI.create(remote);
        if (!"sc".equals(uri.getScheme()) || uri.getHost() == null) {
            throw new IllegalArgumentException("ASSAY_SPARK_REMOTE must be sc://host:port, not " + remote);
        }
        if (remote.contains(";")) {
            throw new IllegalArgumentException("ASSAY_SPARK_REMOTE takes no parameters: set ASSAY_SPARK_TOKEN and ASSAY_SPARK_TLS");
        }
        token = token.filter(t -> !t.isBlank());
        if (token.isPresent() && !tls && !"localhost".equals(uri.getHost())) {
            throw new IllegalArgumentException("a Spark token is sent only over TLS (ASSAY_SPARK_TLS=true), or to localhost");
        }
    }

    /** Spark from the environment; empty when {@code ASSAY_SPARK_REMOTE} is not set (Assay then runs on DuckDB alone). */
    public static Optional<SparkRemote> fromEnvironment(Function<String, Optional<String>> env) {
        return env.apply("ASSAY_SPARK_REMOTE").filter(r -> !r.isBlank()).map(r -> new SparkRemote(r.strip(),
                env.apply("ASSAY_SPARK_TOKEN"), env.apply("ASSAY_SPARK_TLS").map(Boolean::parseBoolean).orElse(false)));
    }

    public String host() {
        return URI.create(remote).getHost();
    }

    /** The port, 15002 (Spark Connect's) when the URL leaves it out. */
    public int port() {
        int port = URI.create(remote).getPort();
        return port < 0 ? 15002 : port;
    }

    /** The Spark Connect URL the client takes: {@code sc://host:port/;use_ssl=true;token=…}. */
    public String url() {
        StringBuilder url = new StringBuilder(remote.endsWith("/") ? remote.substring(0, remote.length() - 1) : remote).append('/');
        if (tls) {
            url.append(";use_ssl=true");
        }
        token.ifPresent(t -> url.append(";token=").append(t));
        return url.toString();
    }

    @Override
    public String toString() {
        return remote + (tls ? " (TLS)" : "") + (token.isPresent() ? " (with a token)" : "");
    }
}
