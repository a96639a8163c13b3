package dev.assay.cli;

import dev.assay.ledger.LedgerExportTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code assay ledger verify}: the export's own check, with the client's exit statuses. */
class LedgerCommandTest {

    @TempDir
    Path dir;

    @Test
    void anIntactExportIsZeroAChangedOneIsOneAMissingFileIsTwo() throws Exception {
        List<String> lines = new ArrayList<>(LedgerExportTest.exported(5));
        CliRun intact = CliRun.of("ledger", "verify", Files.write(dir.resolve("ledger.jsonl"), lines).toString());
        assertEquals(Exit.OK, intact.status(), intact.out());
        assertEquals("VALID: every entry and link checks out (5 entries checked)\n", intact.out());

        lines.set(3, lines.get(3).replace("Zoë", "Zoe"));
        CliRun changed = CliRun.of("ledger", "verify", Files.write(dir.resolve("changed.jsonl"), lines).toString());
        assertEquals(Exit.FAIL, changed.status(), changed.out());
        assertEquals("INVALID: entry 4 was changed after it was written (4 entries checked)\n", changed.out());

        CliRun notALedger = CliRun.of("ledger", "verify", Files.writeString(dir.resolve("x.jsonl"), "hello\n").toString());
        assertEquals(Exit.FAIL, notALedger.status());
        assertTrue(notALedger.out().startsWith("INVALID: line 1 is not a ledger entry"), notALedger.out());

        CliRun missing = CliRun.of("ledger", "verify", dir.resolve("absent.jsonl").toString());
        assertEquals(Exit.ERROR, missing.status());
        assertTrue(missing.err().startsWith("error: cannot read " + dir.resolve("absent.jsonl")), missing.err());
    }
}
