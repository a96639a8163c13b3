package dev.assay.dataset;

import com.code_intelligence.jazzer.junit.FuzzTest;

import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Fuzzes the CSV structure check with any bytes: it never throws, its verdict does not depend on how
 * the bytes are chunked as they stream past, and a file it accepts has a header within the column
 * bound and at least one record. Corpus: CsvStructureFuzzTestInputs/structure (README, "Bad input").
 */
class CsvStructureFuzzTest {

    @FuzzTest(maxDuration = "5m")
    void structure(byte[] file) {
        CsvStructureCheck whole = new CsvStructureCheck();
        whole.update(file, 0, file.length);
        Optional<CsvStructureCheck.Violation> verdict = whole.finish();

        CsvStructureCheck bytewise = new CsvStructureCheck();
        for (int i = 0; i < file.length; i++) {
            bytewise.update(file, i, 1);
        }
        assertEquals(verdict, bytewise.finish(), "the verdict must not depend on chunking");
        if (verdict.isEmpty()) {
            assertEquals(whole.header(), bytewise.header());
            assertEquals(whole.mixedLineEndings(), bytewise.mixedLineEndings());
            assertTrue(!whole.header().isEmpty() && whole.header().size() <= ParquetIngest.MAX_COLUMNS, whole.header().toString());
            assertTrue(whole.records() >= 1);
        } else {
            assertTrue(verdict.get().line() >= 1 && verdict.get().field() >= 1, verdict.toString());
            assertTrue(!verdict.get().message().isBlank());
        }
    }
}
