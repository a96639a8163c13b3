package dev.assay.infrastructure;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The server's one DuckDB configuration: memory and threads bounded, spill files in the data dir. */
@ApplicationScoped
public class Analytics {

    @Inject
    AssayConfig config;

    private DuckDb duckDb;

    public synchronized DuckDb duckDb() {
        if (duckDb == null) {
            Path spill = config.dataDir().resolve("duckdb-tmp");
            try {
                Files.createDirectories(spill);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            String memory = config.env("ASSAY_DUCKDB_MEMORY").orElse("1GB");
            int threads = config.env("ASSAY_DUCKDB_THREADS").map(Integer::parseInt)
                    .orElse(Runtime.getRuntime().availableProcessors());
            duckDb = new DuckDb(memory, threads, spill);
        }
        return duckDb;
    }
}
