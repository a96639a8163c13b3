package dev.assay.infrastructure;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;

import java.nio.file.Path;
import java.util.Optional;

/**
 * Configuration handed over by the server (server.xml variables, each overridable by an
 * environment variable of the same name in upper snake case) and secrets read from the
 * environment only. See the README's configuration table.
 */
@ApplicationScoped
public class AssayConfig {

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

    public Optional<String> env(String name) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(value);
    }
}
