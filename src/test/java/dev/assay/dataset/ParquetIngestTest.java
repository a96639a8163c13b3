package dev.assay.dataset;

import dev.assay.infrastructure.DuckDb;
import dev.assay.infrastructure.Sql;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ParquetIngestTest {

    @TempDir
    Path dir;

    private ParquetIngest ingest() {
        return new ParquetIngest(DuckDb.withDefaults(dir));
    }

    private ParquetIngest.Profile roundTrip(String name, byte[] content, DatasetFormat format) throws Exception {
        Path source = dir.resolve(name);
        Files.write(source, content);
        char delimiter = ',';
        if (format == DatasetFormat.CSV) {
            CsvStructureCheck check = new CsvStructureCheck();
            check.update(content, 0, content.length);
            assertEquals(java.util.Optional.empty(), check.finish());
            delimiter = check.delimiter();
        }
        ParquetIngest.Source src = ingest().sniffDecimalSeparator(new ParquetIngest.Source(source, format, delimiter));
        assertTrue(ingest().describe(src).size() > 0);
        Path parquet = dir.resolve(name + ".parquet");
        ingest().writeParquet(src, parquet);
        return ingest().profile(parquet);
    }

    private static ColumnProfile column(ParquetIngest.Profile p, String name) {
        return p.columns().stream().filter(c -> c.name().equals(name)).findFirst().orElseThrow();
    }

    /** NaN and infinities, as pandas, R and Excel write them, are missing in the stored file and counted. */
    @Test
    void nonFiniteValuesBecomeMissingAndAreCounted() throws Exception {
        String csv = "x,label,name\n1.5,1,a\nNaN,0,NaN\ninf,NaN,b\n-Infinity,1, nan \n2.5,0,c\n";
        ParquetIngest.Profile p = roundTrip("nan.csv", csv.getBytes(StandardCharsets.UTF_8), DatasetFormat.CSV);
        assertEquals(List.of(3L, 1L, 2L), List.of(column(p, "x").nulls(), column(p, "label").nulls(), column(p, "name").nulls()));
        assertEquals(List.of(3L, 1L, 2L), List.of(column(p, "x").nonFinite(), column(p, "label").nonFinite(),
                column(p, "name").nonFinite()));
        assertEquals(2.0, column(p, "x").numeric().mean(), 1e-12);
        assertEquals(1.5, column(p, "x").numeric().min(), 0);
        assertEquals(2.5, column(p, "x").numeric().max(), 0);
        try (Connection c = DuckDb.withDefaults(dir).open(); Statement s = c.createStatement();
             java.sql.ResultSet r = s.executeQuery("SELECT count(*) FILTER (WHERE NOT isfinite(x)), count(*) FILTER (WHERE NOT isfinite(label)),"
                     + " count(*) FILTER (WHERE lower(trim(name)) = 'nan') FROM read_parquet("
                     + Sql.literal(dir.resolve("nan.csv.parquet").toString()) + ")")) {
            r.next();
            assertEquals(List.of(0L, 0L, 0L), List.of(r.getLong(1), r.getLong(2), r.getLong(3)));
        }
    }

    @Test
    void nonFiniteValuesInJsonLinesAndParquetToo() throws Exception {
        // JSON: a NaN literal, and a column mixing numbers with the string "NaN" (typed JSON by DuckDB): numbers.
        String jsonl = "{\"s\": 0.5, \"t\": 1}\n{\"s\": NaN, \"t\": \"NaN\"}\n{\"s\": Infinity, \"t\": 2.5}\n";
        ParquetIngest.Profile j = roundTrip("nan.jsonl", jsonl.getBytes(StandardCharsets.UTF_8), DatasetFormat.JSON_LINES);
        assertEquals(2L, column(j, "s").nonFinite());
        assertEquals(1L, column(j, "t").nonFinite());
        assertEquals("DOUBLE", column(j, "t").type());
        assertEquals(1.75, column(j, "t").numeric().mean(), 1e-12);

        Path parquet = dir.resolve("nan-source.parquet");
        try (Connection c = DuckDb.withDefaults(dir).open(); Statement s = c.createStatement()) {
            s.execute("COPY (SELECT * FROM (VALUES (1.0::DOUBLE), ('NaN'::DOUBLE), ('-inf'::DOUBLE), (3.0::DOUBLE)) t(v)) TO "
                    + Sql.literal(parquet.toString()) + " (FORMAT parquet)");
        }
        ParquetIngest.Profile q = roundTrip("nan-copy.parquet", Files.readAllBytes(parquet), DatasetFormat.PARQUET);
        assertEquals(2L, column(q, "v").nonFinite());
        assertEquals(2L, column(q, "v").nulls());
        assertEquals(2.0, column(q, "v").numeric().mean(), 1e-12);
    }

    /** A ;-delimited export from a European spreadsheet writes 0,25: a number. */
    @Test
    void decimalCommasOfSemicolonFilesAreNumbers() throws Exception {
        String csv = "id;score;group\n1;0,25;A\n2;1,5;B\n3;NaN;A\n";
        ParquetIngest.Profile p = roundTrip("comma.csv", csv.getBytes(StandardCharsets.UTF_8), DatasetFormat.CSV);
        assertEquals("DOUBLE", column(p, "score").type());
        assertEquals(0.875, column(p, "score").numeric().mean(), 1e-12);
        assertEquals(1L, column(p, "score").nonFinite());
        // The same delimiter with decimal points keeps them.
        String points = "id;score;group\n1;0.25;A\n2;1.5;B\n";
        ParquetIngest.Profile q = roundTrip("point.csv", points.getBytes(StandardCharsets.UTF_8), DatasetFormat.CSV);
        assertEquals("DOUBLE", column(q, "score").type());
        assertEquals(0.875, column(q, "score").numeric().mean(), 1e-12);
        // In a comma-delimited file a quoted "0,25" is text (the card's roles decide whether that is refused).
        String quoted = "id,score\n1,\"0,25\"\n2,\"1,5\"\n";
        ParquetIngest.Profile r = roundTrip("quoted.csv", quoted.getBytes(StandardCharsets.UTF_8), DatasetFormat.CSV);
        assertEquals("VARCHAR", column(r, "score").type());
    }

    @Test
    void csvWithBomCrlfSemicolonsQuotesAndDuplicateHeaders() throws Exception {
        String csv = "\uFEFFid;score;score;note\r\n1;0.5;7;\"a;b\"\r\n2;0.25;;\"say \"\"hi\"\"\"\r\n3;;9;\r\n";
        ParquetIngest.Profile p = roundTrip("quirks.csv", csv.getBytes(StandardCharsets.UTF_8), DatasetFormat.CSV);
        assertEquals(3, p.rows());
        assertEquals(List.of("id", "score", "score_1", "note"), p.columns().stream().map(ColumnProfile::name).toList());
        assertEquals(List.of(0L, 1L, 1L, 1L), p.columns().stream().map(ColumnProfile::nulls).toList());
        assertEquals("DOUBLE", p.columns().get(1).type());
    }

    @Test
    void numericColumnsAreSummarizedExactly() throws Exception {
        String csv = "x,label,one\n1,a,5\n2,b,\n3,c,\n4,d,\n,e,\n";
        ParquetIngest.Profile p = roundTrip("numbers.csv", csv.getBytes(StandardCharsets.UTF_8), DatasetFormat.CSV);
        ColumnProfile.Numeric x = p.columns().get(0).numeric();
        assertEquals(1, p.columns().get(0).nulls());
        // Hand-computed over 1, 2, 3, 4: mean 2.5; sample variance 5/3; quartiles by linear interpolation
        // (numpy.percentile's default): 1.75, 2.5, 3.25.
        assertEquals(2.5, x.mean(), 1e-12);
        assertEquals(Math.sqrt(5.0 / 3.0), x.std(), 1e-12);
        assertEquals(1.0, x.min(), 0);
        assertEquals(1.75, x.p25(), 1e-12);
        assertEquals(2.5, x.median(), 1e-12);
        assertEquals(3.25, x.p75(), 1e-12);
        assertEquals(4.0, x.max(), 0);
        assertTrue(x.hasQuartiles());
        assertEquals(null, p.columns().get(1).numeric(), "a text column has no numeric summary");
        assertEquals(null, p.columns().get(2).numeric().std(), "one value has no sample standard deviation (undefined, not 0)");
        assertEquals(p.columns().get(0), ColumnProfile.fromJson(p.columns().get(0).toJson()), "stored and read back unchanged");
        ParquetIngest.Profile special = roundTrip("special.csv", "v\n1\ninf\nnan\n3\n-inf\n".getBytes(StandardCharsets.UTF_8),
                DatasetFormat.CSV);
        assertEquals("DOUBLE", special.columns().get(0).type());
        assertEquals(2.0, special.columns().get(0).numeric().mean(), 1e-12, "NaN and infinities are left out");
        assertEquals(3.0, special.columns().get(0).numeric().max(), 0);
    }

    /** A text column's most frequent categories with their rows, the rest as one count; ids are not grouped. */
    @Test
    void categoricalColumnsKeepTheirTopCategoriesCounted() throws Exception {
        StringBuilder csv = new StringBuilder("id,race,flag,x\n");
        // 12 categories: c00 has 13 rows, c01 12, ..., c11 2 (ties none); 2 missing; flag true on every third row.
        int row = 0;
        for (int c = 0; c < 12; c++) {
            for (int k = 0; k < 13 - c; k++) {
                csv.append("r").append(row).append(",c").append(String.format("%02d", c)).append(',').append(row % 3 == 0)
                        .append(',').append(row).append('\n');
                row++;
            }
        }
        csv.append("r").append(row++).append(",,true,1\nr").append(row++).append(",,false,2\n");
        ParquetIngest.Profile p = roundTrip("categories.csv", csv.toString().getBytes(StandardCharsets.UTF_8), DatasetFormat.CSV);
        ColumnProfile race = column(p, "race");
        assertEquals(2, race.nulls());
        ColumnProfile.Categories categories = race.categories();
        assertEquals(ColumnProfile.TOP_CATEGORIES, categories.top().size());
        assertEquals(new ColumnProfile.Category("c00", 13), categories.top().get(0));
        assertEquals(new ColumnProfile.Category("c09", 4), categories.top().get(9));
        assertEquals(12, categories.distinct());
        // Rows 13 + 12 + ... + 2 = 90; the listed ten hold 13 + ... + 4 = 85; c10 and c11 hold 3 + 2.
        assertEquals(5, categories.others());
        assertTrue(categories.text().startsWith("c00 13 \u00b7 c01 12"), categories.text());
        assertTrue(categories.text().endsWith("2 more categories: 5 rows"), categories.text());
        ColumnProfile flag = column(p, "flag");
        assertEquals("BOOLEAN", flag.type());
        // 92 rows: rows 0, 3, ..., 87 of the 90 (30 of them) are true, and the first of the two added: 31 true, 61 false.
        assertEquals(List.of(new ColumnProfile.Category("false", 61), new ColumnProfile.Category("true", 31)),
                flag.categories().top());
        assertEquals(0, flag.categories().others());
        assertEquals(null, column(p, "x").categories(), "numbers are not categories");
        assertEquals(race, ColumnProfile.fromJson(race.toJson()), "stored and read back unchanged");
        assertEquals(column(p, "x"), ColumnProfile.fromJson(column(p, "x").toJson()));
    }

    /** A column with more distinct values than are counted keeps no categories (its group-by would hold every value). */
    @Test
    void idColumnsAreNotGrouped() throws Exception {
        StringBuilder csv = new StringBuilder("id\n");
        for (int i = 0; i < ParquetIngest.MAX_COUNTED_DISTINCT * 2; i++) {
            csv.append("id-").append(i).append('\n');
        }
        ParquetIngest.Profile p = roundTrip("ids.csv", csv.toString().getBytes(StandardCharsets.UTF_8), DatasetFormat.CSV);
        assertEquals(null, p.columns().get(0).categories());
    }

    /** Above a million rows the quartiles come from a seeded sample: close to the exact ones, and the same every time. */
    @Test
    void quartilesOfLargeDatasetsComeFromARepeatableSample() throws Exception {
        Path parquet = dir.resolve("large.parquet");
        DuckDb duckDb = DuckDb.withDefaults(dir);
        try (Connection c = duckDb.open(); Statement s = c.createStatement()) {
            s.execute("COPY (SELECT range AS x, CAST(range % 7 AS VARCHAR) AS t FROM range(1500000)) TO "
                    + Sql.literal(parquet.toString()) + " (FORMAT parquet)");
        }
        ParquetIngest ingest = new ParquetIngest(duckDb);
        ColumnProfile.Numeric x = ingest.profile(parquet).columns().get(0).numeric();
        assertEquals(Long.valueOf(100_000), x.quartileSample());
        // Exact: 374,999.75 / 749,999.5 / 1,124,999.25; a sample of 100,000 lands within 0.5% of the range (3.5 standard errors).
        assertEquals(374_999.75, x.p25(), 7_500);
        assertEquals(749_999.5, x.median(), 7_500);
        assertEquals(1_124_999.25, x.p75(), 7_500);
        assertEquals(749_999.5, x.mean(), 1e-6, "everything but the quartiles is exact");
        assertEquals(1_499_999.0, x.max(), 0);
        // The same file gives the same quartiles (DuckDB's parallel sums may change the last digit of the std).
        ColumnProfile.Numeric again = ingest.profile(parquet).columns().get(0).numeric();
        assertEquals(List.of(x.p25(), x.median(), x.p75()), List.of(again.p25(), again.median(), again.p75()));
        assertEquals(x.std(), again.std(), 1e-9 * x.std());
        ColumnProfile stored = ingest.profile(parquet).columns().get(0);
        assertEquals(stored, ColumnProfile.fromJson(stored.toJson()), "stored and read back unchanged");
    }

    @Test
    void typesAreInferredFromTheWholeFileWhenTheSampleMisleads() throws Exception {
        StringBuilder csv = new StringBuilder("id,code\n");
        for (int i = 0; i < 30_000; i++) {
            csv.append(i).append(',').append(i % 10).append('\n');
        }
        csv.append("30000,X7\n");
        ParquetIngest.Profile p = roundTrip("late.csv", csv.toString().getBytes(StandardCharsets.UTF_8), DatasetFormat.CSV);
        assertEquals(30_001, p.rows());
        assertEquals("VARCHAR", p.columns().get(1).type());
    }

    @Test
    void jsonLinesWithAMissingKeyCountsANull() throws Exception {
        String jsonl = "{\"a\":1,\"b\":\"x\"}\n{\"a\":2}\n{\"a\":3,\"b\":\"z\"}\n";
        ParquetIngest.Profile p = roundTrip("rows.jsonl", jsonl.getBytes(StandardCharsets.UTF_8), DatasetFormat.JSON_LINES);
        assertEquals(3, p.rows());
        assertEquals(1, p.columns().get(1).nulls());
    }

    @Test
    void parquetIsReadAsItIs() throws Exception {
        ParquetIngest.Profile csv = roundTrip("t.csv", "x,y\n1,a\n2,\n".getBytes(StandardCharsets.UTF_8), DatasetFormat.CSV);
        byte[] parquet = Files.readAllBytes(dir.resolve("t.csv.parquet"));
        ParquetIngest.Profile p = roundTrip("t2.parquet", parquet, DatasetFormat.PARQUET);
        assertEquals(csv, p);
    }

    @Test
    void malformedJsonLinesNameTheLine() throws Exception {
        Path source = dir.resolve("bad.jsonl");
        Files.writeString(source, "{\"a\":1}\n{\"a\":2}\n{\"a\" 3}\n{\"a\":4}\n");
        IngestException e = assertThrows(IngestException.class, () -> ingest().describe(
                new ParquetIngest.Source(source, DatasetFormat.JSON_LINES, ',')));
        assertEquals(3L, e.line());
        assertTrue(e.getMessage().contains("JSON Lines"), e.getMessage());
    }

    @Test
    void aFileThatIsNotParquetIsRefused() throws Exception {
        Path source = dir.resolve("fake.parquet");
        Files.writeString(source, "a,b\n1,2\n");
        IngestException e = assertThrows(IngestException.class, () -> ingest().describe(
                new ParquetIngest.Source(source, DatasetFormat.PARQUET, ',')));
        assertTrue(e.getMessage().startsWith("cannot read the file as Parquet"), e.getMessage());
    }

    private ParquetIngest.Profile ingested(String name, byte[] content, DatasetFormat format) throws Exception {
        Path source = dir.resolve(name);
        Files.write(source, content);
        ParquetIngest.Source src = new ParquetIngest.Source(source, format, ',');
        if (format == DatasetFormat.CSV) {
            CsvStructureCheck check = new CsvStructureCheck();
            check.update(content, 0, content.length);
            assertEquals(java.util.Optional.empty(), check.finish());
            src = src.withMixedLineEndings(check.mixedLineEndings());
        }
        src = ingest().keepText(ingest().sniffDecimalSeparator(src));
        Path parquet = dir.resolve(name + ".parquet");
        ingest().writeParquet(src, parquet);
        return ingest().profile(parquet);
    }

    private List<String> values(String name, String column) throws Exception {
        List<String> out = new java.util.ArrayList<>();
        try (Connection c = DuckDb.withDefaults(dir).open(); Statement s = c.createStatement();
             java.sql.ResultSet r = s.executeQuery("SELECT " + Sql.identifier(column) + "::VARCHAR FROM read_parquet("
                     + Sql.literal(dir.resolve(name + ".parquet").toString()) + ")")) {
            while (r.next()) {
                out.add(r.getString(1));
            }
        }
        return out;
    }

    /** A column of F (and one of T) is text: DuckDB's guess of BOOLEAN changed F into false. */
    @Test
    void lettersThatLookBooleanStayText() throws Exception {
        ParquetIngest.Profile p = ingested("fm.csv", "id,sex,flag,ok\n1,F,T,true\n2,F,F,false\n3,F,T,TRUE\n"
                .getBytes(StandardCharsets.UTF_8), DatasetFormat.CSV);
        assertEquals("VARCHAR", column(p, "sex").type());
        assertEquals("VARCHAR", column(p, "flag").type());
        assertEquals("BOOLEAN", column(p, "ok").type());
        assertEquals(List.of("F", "F", "F"), values("fm.csv", "sex"));
        assertEquals(List.of("T", "F", "T"), values("fm.csv", "flag"));
    }

    /** LF and CRLF in one file (edited on two systems): DuckDB's strict dialect said "Error when sniffing file". */
    @Test
    void mixedLineEndingsAreRead() throws Exception {
        ParquetIngest.Profile p = ingested("mixed.csv", "id,sex,y\r\n1,F,1\n2,M,0\r\n3,F,1\n"
                .getBytes(StandardCharsets.UTF_8), DatasetFormat.CSV);
        assertEquals(3, p.rows());
        assertEquals(List.of("F", "M", "F"), values("mixed.csv", "sex"));
        assertEquals("BIGINT", column(p, "y").type());
    }

    /** Rows with different keys: a key first met after DuckDB's 20,480-row sample was silently dropped. */
    @Test
    void jsonLinesRowsWithDifferentKeysAreAllRead() throws Exception {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < 25_000; i++) {
            b.append("{\"id\":").append(i).append(",\"sex\":\"F\"}\n");
        }
        b.append("{\"sex\":\"M\",\"id\":25000,\"late\":7}\r\n");
        ParquetIngest.Profile p = ingested("keys.jsonl", b.toString().getBytes(StandardCharsets.UTF_8), DatasetFormat.JSON_LINES);
        assertEquals(25_001, p.rows());
        assertEquals(25_000, column(p, "late").nulls());
    }

    /**
     * A Parquet file of 10,000 columns is described quickly (the upload is then refused: more than
     * MAX_COLUMNS), and profiling is linear in columns: 1,000 columns took 10 s in one SELECT.
     */
    @Test
    void wideFilesAreDescribedQuicklyAndProfiledInChunks() throws Exception {
        DuckDb db = DuckDb.withDefaults(dir);
        for (int n : new int[] {10_000, ParquetIngest.MAX_COLUMNS}) {
            Path f = dir.resolve("wide" + n + ".parquet");
            StringBuilder sel = new StringBuilder("SELECT ");
            for (int i = 0; i < n; i++) {
                sel.append(i == 0 ? "" : ", ").append("(range * ").append(i).append(") % 7 AS c").append(i);
            }
            try (Connection c = db.open(); Statement s = c.createStatement()) {
                s.execute("COPY (" + sel + " FROM range(50)) TO " + Sql.literal(f.toString()) + " (FORMAT parquet)");
            }
            ParquetIngest.Source src = new ParquetIngest.Source(f, DatasetFormat.PARQUET, ',');
            if (n > ParquetIngest.MAX_COLUMNS) {
                List<ColumnProfile> described = org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(
                        java.time.Duration.ofSeconds(30), () -> ingest().describe(src));
                assertEquals(n, described.size());
            } else {
                ParquetIngest.Profile p = org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(
                        java.time.Duration.ofSeconds(60), () -> ingest().profile(f));
                assertEquals(n, p.columns().size());
                assertEquals(50, p.rows());
                assertEquals(3.0, column(p, "c1").numeric().median(), 1e-9);
                assertEquals(0.0, column(p, "c0").numeric().max(), 0);
            }
        }
    }

    @Test
    void duckDbMessagesLoseTheServersPaths() {
        assertEquals("Error when sniffing the file.", ParquetIngest.withoutPaths("Error when sniffing file \"/work/data/tmp/1a2b.upload\"."));
        assertEquals("No magic bytes found at end of the file", ParquetIngest.withoutPaths("No magic bytes found at end of file '/srv/assay/tmp/x.upload'"));
        IngestException e = ParquetIngest.translate(new java.sql.SQLException("Invalid Input Error: Error when sniffing file \""
                + dir.resolve("x.upload") + "\".\nIt was not possible"), DatasetFormat.CSV);
        assertTrue(!e.getMessage().contains(dir.toString()), e.getMessage());
    }
}
