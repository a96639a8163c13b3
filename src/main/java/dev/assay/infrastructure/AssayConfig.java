package dev.assay.infrastructure;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Logger;

/**
 * Configuration handed over by the server (server.xml variables, each overridable by an
 * environment variable of the same name in upper snake case) and secrets read from the
 * environment only. See the README's configuration table.
 */
@ApplicationScoped
public class AssayConfig {

    /**
     * How old a file of the data directory must be before a starting server removes it as a crash's leftover (a
     * scratch file, a production batch file no committed batch names): servers sharing the directory write there, and
     * a younger file may be one another server is writing now (an upload's scratch file grows as its bytes arrive).
     */
    public static final Duration SETTLED = Duration.ofHours(1);

    private static final Logger LOG = Logger.getLogger(AssayConfig.class.getName());
    private static final Set<String> WARNED = ConcurrentHashMap.newKeySet();

    // Liberty's jndiEntry turns literals into Boolean or Long, so each entry is read as Object.
    @Resource(lookup = "assay/dataDir")
    Object dataDir;

    @Resource(lookup = "assay/demo")
    Object demo;

    @Resource(lookup = "assay/maxUploadBytes")
    Object maxUploadBytes;

    public Path dataDir() {
        return Path.of(String.valueOf(dataDir)).toAbsolutePath().normalize();
    }

    public boolean demoEnabled() {
        return !"false".equalsIgnoreCase(String.valueOf(demo).trim());
    }

    public long maxUploadBytes() {
        return Long.parseLong(String.valueOf(maxUploadBytes).trim());
    }

    /**
     * This server's name among the servers sharing the database ({@code ASSAY_SERVER_NAME}; by default the host
     * name and HTTP port, which no two live servers share): what it claims audits as. The same name after a
     * restart lets the server take back at once the audits it was running when it stopped.
     */
    public String serverName() {
        return env("ASSAY_SERVER_NAME").map(String::strip).orElseGet(() -> {
            String host = env("HOSTNAME").orElseGet(() -> {
                try {
                    return InetAddress.getLocalHost().getHostName();
                } catch (IOException e) {
                    return "localhost";
                }
            });
            return host + ":" + env("ASSAY_HTTP_PORT").orElse("9080");
        });
    }

    /** This server's scratch area of the data directory (see {@link Scratch}: one directory per server name). */
    public Scratch scratch() {
        return new Scratch(dataDir(), serverName());
    }

    /** An ISO-8601 duration from the environment, or {@code fallback} when unset or unreadable (said once in the log). */
    public Duration duration(String name, Duration fallback) {
        return env(name).map(v -> {
            try {
                Duration d = Duration.parse(v.strip());
                if (d.isNegative()) {
                    throw new DateTimeParseException("negative", v, 0);
                }
                return d;
            } catch (DateTimeParseException e) {
                if (WARNED.add(name + "=" + v)) {
                    LOG.warning(name + "=" + v + " is not an ISO-8601 duration such as PT5M; using " + fallback);
                }
                return fallback;
            }
        }).orElse(fallback);
    }

    public Optional<String> env(String name) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(value);
    }
}
