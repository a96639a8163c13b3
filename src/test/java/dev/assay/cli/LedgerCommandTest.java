package dev.assay.cli;

import dev.assay.ledger.LedgerChain;
import dev.assay.ledger.LedgerEntry;
import dev.assay.ledger.LedgerExport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code assay ledger verify}: the export's own check, with the client's exit statuses. */
class LedgerCommandTest {

    @TempDir
    Path dir;

    private static List<String> exported(int n) {
        List<String> lines = new ArrayList<>();
        String prev = LedgerChain.GENESIS;
        for (int i = 1; i <= n; i++) {
            Instant at = Instant.parse("2026-12-01T10:00:00.000001Z").plusSeconds(i);
            String payload = "{\"n\":" + i + "}";
            String hash = LedgerChain.hash(i, "audit.completed", "a" + i, "token:ci", at, payload, prev);
            lines.add(LedgerExport.line(new LedgerEntry(i, "audit.completed", "a" + i, "token:ci", at, payload, prev, hash)));
            prev = hash;
        }
        return lines;
    }

    @Test
    void anIntactExportIsZeroAChangedOneIsOneAMissingFileIsTwo() throws Exception {
        List<String> lines = exported(5);
        CliRun intact = CliRun.of("ledger", "verify", Files.write(dir.resolve("ledger.jsonl"), lines).toString());
        assertEquals(Exit.OK, intact.status(), intact.out());
        assertEquals("VALID: every entry and link checks out (5 entries checked)\n", intact.out());

        lines.set(3, lines.get(3).replace("\"n\\\":4", "\"n\\\":40"));
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
