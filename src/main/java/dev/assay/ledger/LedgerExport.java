package dev.assay.ledger;

import dev.assay.infrastructure.CanonicalJson;
import dev.assay.failure.InvalidInput;
import dev.assay.infrastructure.JsonText;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.stream.JsonParsingException;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Iterator;
import java.util.NoSuchElementException;

/**
 * The ledger as JSON Lines, one canonical JSON object per entry in chain order, with the payload as
 * the exact string that was hashed; and the offline check of such an export, which needs nothing
 * but the file:
 *
 * <pre>
 * ./mvnw -q compile exec:java -Dexec.mainClass=dev.assay.ledger.LedgerExport -Dexec.args="ledger.jsonl"
 * </pre>
 * Exit status 0 when the chain checks out, 1 when it is broken or unreadable, 2 on a usage error.
 */
public final class LedgerExport {

    private LedgerExport() {
    }

    public static String line(LedgerEntry e) {
        return CanonicalJson.string(Json.createObjectBuilder()
                .add("seq", e.seq()).add("kind", e.kind()).add("subject", e.subject()).add("actor", e.actor())
                .add("at", e.recordedAt().toString()).add("payload", e.payload())
                .add("prev", e.prevHash()).add("hash", e.hash()).build());
    }

    /** One exported line back as an entry; a line that is not one is an {@link IllegalArgumentException} naming it. */
    public static LedgerEntry parse(String line, long lineNumber) {
        try {
            // Bounded: an export is a file from outside, and Parsson's own limit is a bare RuntimeException.
            JsonObject o = (JsonObject) JsonText.read(line, "line " + lineNumber);
            return new LedgerEntry(o.getJsonNumber("seq").longValueExact(), o.getString("kind"), o.getString("subject"),
                    o.getString("actor"), Instant.parse(o.getString("at")), o.getString("payload"), o.getString("prev"),
                    o.getString("hash"));
        } catch (InvalidInput e) {
            throw new IllegalArgumentException("line " + lineNumber + " is not a ledger entry: "
                    + e.errors().get(0).message(), e);
        } catch (JsonParsingException | NullPointerException | ClassCastException | ArithmeticException
                 | DateTimeParseException e) {
            throw new IllegalArgumentException("line " + lineNumber + " is not a ledger entry: " + e.getMessage(), e);
        }
    }

    public static LedgerChain.Verification verify(BufferedReader export) {
        Iterator<String> lines = export.lines().iterator();
        return LedgerChain.verify(new Iterator<>() {
            long number;

            @Override
            public boolean hasNext() {
                return lines.hasNext();
            }

            @Override
            public LedgerEntry next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                return parse(lines.next(), ++number);
            }
        });
    }

    public static void main(String[] args) {
        int status = run(args, System.out);
        if (status != 0) {
            System.exit(status);
        }
    }

    static int run(String[] args, PrintStream out) {
        if (args.length != 1) {
            out.println("usage: <ledger.jsonl> (from GET /api/v1/ledger/export)");
            return 2;
        }
        Check check;
        try (BufferedReader in = Files.newBufferedReader(Path.of(args[0]), StandardCharsets.UTF_8)) {
            check = check(in);
        } catch (IOException e) {
            check = new Check(false, "INVALID: " + e.getMessage());
        }
        out.println(check.message());
        return check.valid() ? 0 : 1;
    }

    /** The outcome of checking an export, and that outcome as one line for a person. */
    public record Check(boolean valid, String message) {
    }

    /**
     * Checks an export read from {@code export}: {@code VALID: every entry and link checks out (42 entries
     * checked)}, or {@code INVALID:} with the first bad entry or the line that is not one. The command-line
     * client's {@code assay ledger verify} prints the same line.
     */
    public static Check check(BufferedReader export) {
        try {
            LedgerChain.Verification v = verify(export);
            return new Check(v.valid(), (v.valid() ? "VALID: " : "INVALID: ") + v.reason() + " (" + v.entries() + " entries checked)");
        } catch (UncheckedIOException | IllegalArgumentException e) {
            return new Check(false, "INVALID: " + e.getMessage());
        }
    }
}
