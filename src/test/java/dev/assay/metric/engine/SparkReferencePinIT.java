package dev.assay.metric.engine;

import dev.assay.dataset.ReferencePin;
import dev.assay.it.SparkCluster;
import dev.assay.metric.Tables;
import org.apache.spark.sql.connect.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 18 §2's pin, on a real cluster: the files of a Parquet location as Spark lists them (path, size,
 * modification time, rows) and their footers' hash; the same content pins the same, and a file added or
 * removed is named.
 */
class SparkReferencePinIT {

    @TempDir
    Path dir;

    private static ReferencePin pin(SparkEngine spark, String location) throws Exception {
        return ReferencePin.of(location, spark.files(location).stream()
                .map(f -> new ReferencePin.File(f.path(), f.size(), f.modified(), f.rows())).toList());
    }

    @Test
    void aLocationIsPinnedByItsFilesAndEveryChangeIsNamed() throws Exception {
        Path source = Tables.toParquet(dir, SparkParityIT.csv(300, 30, 0), null);
        Path lake = dir.resolve("lake");
        try (SparkEngine spark = SparkEngine.connect(SparkCluster.require())) {
            SparkSession session = spark.session();
            session.read().parquet(source.toString()).repartition(3).write().parquet(lake.toString());
            ReferencePin pinned = pin(spark, lake.toString());
            assertEquals(3, pinned.files().size(), pinned.toString());
            assertEquals(300, pinned.rows());
            assertTrue(pinned.footersSha256().isPresent());
            long bytes;
            try (var files = Files.list(lake)) {
                bytes = files.filter(p -> p.toString().endsWith(".parquet")).mapToLong(p -> p.toFile().length()).sum();
            }
            assertEquals(bytes, pinned.bytes());
            assertTrue(pinned.changesSince(pin(spark, lake.toString())).isEmpty(), "the same content, the same pin");

            session.read().parquet(source.toString()).limit(7).write().mode("append").parquet(lake.toString());
            ReferencePin appended = pin(spark, lake.toString());
            assertEquals(307, appended.rows());
            List<String> added = pinned.changesSince(appended);
            assertEquals(1, added.size(), added.toString());
            assertTrue(added.get(0).endsWith("was added"), added.get(0));

            Path first = Path.of(java.net.URI.create(pinned.files().get(0).path()));
            Files.delete(first);
            List<String> removed = pinned.changesSince(pin(spark, lake.toString()));
            assertTrue(removed.contains("file " + pinned.files().get(0).path() + " was removed"), removed.toString());
        }
    }
}
