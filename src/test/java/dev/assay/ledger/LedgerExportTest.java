package dev.assay.ledger;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

public class LedgerExportTest {

    @TempDir
    Path dir;

    /** An export of {@code n} entries, as the server writes it (also for the client's tests). */
    public static List<String> exported(int n) {
        List<String> lines = new ArrayList<>();
        String prev = LedgerChain.GENESIS;
        for (int i = 1; i <= n; i++) {
            Instant at = Instant.parse("2026-11-27T10:00:00.123456Z").plusSeconds(i);
            String payload = "{\"name\":\"Zoë\",\"n\":" + i + "}";
            String hash = LedgerChain.hash(i, "waiver.approved", "w" + i, "bob", at, payload, prev);
            lines.add(LedgerExport.line(new LedgerEntry(i, "waiver.approved", "w" + i, "bob", at, payload, prev, hash)));
            prev = hash;
        }
        return lines;
    }

    private String check(List<String> lines, int expectedStatus) throws Exception {
        Path file = Files.write(dir.resolve("ledger.jsonl"), lines, StandardCharsets.UTF_8);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        assertEquals(expectedStatus, LedgerExport.run(new String[] {file.toString()}, new PrintStream(out, true, StandardCharsets.UTF_8)));
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void anExportRoundTripsAndVerifiesOffline() throws Exception {
        List<String> lines = exported(4);
        LedgerEntry second = LedgerExport.parse(lines.get(1), 2);
        assertEquals(lines.get(1), LedgerExport.line(second));
        assertEquals("VALID: every entry and link checks out (4 entries checked)\n", check(lines, 0));
    }

    @Test
    void aChangedDeletedOrBrokenLineIsNamed() throws Exception {
        List<String> changed = new ArrayList<>(exported(4));
        changed.set(2, changed.get(2).replace("Zoë", "Zoe"));
        assertEquals("INVALID: entry 3 was changed after it was written (3 entries checked)\n", check(changed, 1));

        List<String> deleted = new ArrayList<>(exported(4));
        deleted.remove(1);
        assertEquals("INVALID: entry 2 is missing (found 3 next) (2 entries checked)\n", check(deleted, 1));

        List<String> broken = new ArrayList<>(exported(4));
        broken.set(3, "{\"seq\":4");
        assertTrue(check(broken, 1).startsWith("INVALID: line 4 is not a ledger entry"));
        // Nested past Parsson's own limit, a bare RuntimeException, which stopped the check with a stack trace.
        broken.set(3, "{\"seq\":" + "[".repeat(5_000) + "]".repeat(5_000) + "}");
        String deep = check(broken, 1);
        assertTrue(deep.startsWith("INVALID: line 4 is not a ledger entry: nested deeper than 64"), deep);
        broken.set(3, "[1]");
        assertTrue(check(broken, 1).startsWith("INVALID: line 4 is not a ledger entry"));

        assertEquals(2, LedgerExport.run(new String[0], new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8)));
    }
}
