package dev.assay.it;

import org.junit.jupiter.api.Assumptions;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The public data sets in ../shared/data. Absent locally: the test is skipped with a printed reason;
 * with CI=true it must be there.
 */
public final class SharedData {

    private SharedData() {
    }

    public static Path require(String relative) {
        Path root = Path.of(System.getProperty("assay.shared.data", "../shared/data"));
        Path file = root.resolve(relative);
        if (!Files.isReadable(file)) {
            String reason = file.toAbsolutePath() + " is not there";
            if (LibertyServer.ci()) {
                throw new IllegalStateException(reason + "; CI=true requires the shipped data sets");
            }
            System.out.println("SKIPPED: " + reason);
            Assumptions.abort(reason);
        }
        return file;
    }

    /** RFC 4180 fields of one line (no embedded line breaks in the shipped files). */
    public static List<String> fields(String line, char delimiter) {
        List<String> out = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                    field.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    field.append(c);
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == delimiter) {
                out.add(field.toString());
                field.setLength(0);
            } else {
                field.append(c);
            }
        }
        out.add(field.toString());
        return out;
    }
}
