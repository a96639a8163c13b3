package dev.assay.audit;

import dev.assay.dataset.CsvStructureCheck;
import dev.assay.dataset.DatasetFormat;
import dev.assay.dataset.ParquetIngest;
import dev.assay.infrastructure.DuckDb;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/** CSV text taken through the ingest path the server uses: structure check, Parquet, column types. */
record IngestedCsv(DuckDb duckDb, Path parquet, Map<String, String> types) {

    static IngestedCsv of(Path dir, String csv) throws Exception {
        Path sub = Files.createTempDirectory(dir, "ingested");
        byte[] bytes = csv.getBytes(StandardCharsets.UTF_8);
        Path file = Files.write(sub.resolve("d.csv"), bytes);
        CsvStructureCheck check = new CsvStructureCheck();
        check.update(bytes, 0, bytes.length);
        check.finish();
        DuckDb duckDb = DuckDb.withDefaults(sub);
        ParquetIngest ingest = new ParquetIngest(duckDb);
        Path parquet = sub.resolve("d.parquet");
        ingest.writeParquet(new ParquetIngest.Source(file, DatasetFormat.CSV, check.delimiter()), parquet);
        Map<String, String> types = new LinkedHashMap<>();
        ingest.profile(parquet).columns().forEach(c -> types.put(c.name(), c.type()));
        return new IngestedCsv(duckDb, parquet, types);
    }
}
