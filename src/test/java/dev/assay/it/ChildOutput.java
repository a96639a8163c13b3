package dev.assay.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where the output of the processes the tests start (Liberty's server script, Keycloak, Spark) goes: a file
 * under the tests' work directory, never the test JVM's own stdout. Failsafe reads the forked JVM's events from
 * that stream, and bytes a child writes into it directly corrupted the channel; in one run the events of every
 * test class after it were lost without a failure.
 */
final class ChildOutput {

    private ChildOutput() {
    }

    /** Appends to {@code target/it/<name>.log} (or under {@code -Dassay.it.work}). */
    static ProcessBuilder.Redirect to(String name) {
        Path dir = Path.of(System.getProperty("assay.it.work", "target/it")).toAbsolutePath();
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return ProcessBuilder.Redirect.appendTo(dir.resolve(name + ".log").toFile());
    }
}
