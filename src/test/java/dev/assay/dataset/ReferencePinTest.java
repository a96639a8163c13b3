package dev.assay.dataset;

import dev.assay.metric.Tables;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ReferencePinTest {

    @TempDir
    Path dir;

    private static ReferencePin.File file(String path, long size, long rows) {
        return new ReferencePin.File(path, size, 1_700_000_000_000L, rows);
    }

    @Test
    void aPinIsItsFilesInPathOrderAndSurvivesItsJson() {
        ReferencePin pin = new ReferencePin("s3a://lake/t/", List.of(file("s3a://lake/t/b.parquet", 20, 2),
                file("s3a://lake/t/a.parquet", 10, 1)), Optional.empty());
        assertEquals("s3a://lake/t/a.parquet", pin.files().get(0).path());
        assertEquals(3, pin.rows());
        assertEquals(30, pin.bytes());
        assertEquals(pin, ReferencePin.fromJson(pin.toJson()));
        assertTrue(pin.changesSince(ReferencePin.fromJson(pin.toJson())).isEmpty());
    }

    @Test
    void everyChangeIsNamed() {
        ReferencePin pinned = new ReferencePin("l", List.of(file("a", 10, 1), file("b", 20, 2)), Optional.empty());
        ReferencePin now = new ReferencePin("l", List.of(file("a", 11, 1), file("c", 5, 1)), Optional.empty());
        List<String> changes = pinned.changesSince(now);
        assertEquals(3, changes.size(), changes.toString());
        assertTrue(changes.get(0).startsWith("file a changed (10 -> 11 bytes"), changes.get(0));
        assertEquals("file c was added", changes.get(1));
        assertEquals("file b was removed", changes.get(2));
    }

    @Test
    void localFilesAreHashedByTheirFootersWhichAnyRewriteChanges() throws Exception {
        Path a = Tables.toParquet(dir, "x,y\n1,a\n2,b\n", null);
        Path b = Tables.toParquet(dir, "x,y\n1,a\n2,c\n", null);
        ReferencePin pinA = ReferencePin.of(dir.toString(), List.of(file(a.toUri().toString(), Files.size(a), 2)));
        assertTrue(pinA.footersSha256().isPresent());
        assertEquals(pinA, ReferencePin.of(dir.toString(), List.of(file(a.toUri().toString(), Files.size(a), 2))), "repeatable");
        // The same name, size, time and rows, other content: the footers' column statistics tell.
        Files.copy(b, a, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        ReferencePin rewritten = ReferencePin.of(dir.toString(), List.of(file(a.toUri().toString(), pinA.files().get(0).size(), 2)));
        List<String> changes = pinA.changesSince(rewritten);
        assertEquals(1, changes.size(), changes.toString());
        assertTrue(changes.get(0).startsWith("the files' Parquet footers differ"), changes.get(0));
        assertFalse(new ReferencePin("s3a://x", List.of(file("s3a://x/a", 1, 1)), Optional.empty()).footersSha256().isPresent());
    }

    @Test
    void aReferenceIsIdentifiedByItsPinAndSummarisedWithoutItsFileList() {
        ReferencePin pin = new ReferencePin("s3a://lake/t/", List.of(file("s3a://lake/t/a.parquet", 10, 1),
                file("s3a://lake/t/b.parquet", 20, 2)), Optional.empty());
        Reference reference = new Reference(Reference.Kind.LOCATION, "s3a://lake/t/", Reference.SPARK, pin);
        assertEquals(reference, Reference.fromJson(reference.toJson()));
        assertEquals("s3a://lake/t/", reference.toJson().getString("location"));
        assertEquals(reference.sha256(), Reference.fromJson(reference.toJson()).sha256(), "the same pin, the same dataset hash");
        assertTrue(reference.sha256().matches("[0-9a-f]{64}"));
        ReferencePin touched = new ReferencePin("s3a://lake/t/", List.of(new ReferencePin.File("s3a://lake/t/a.parquet", 10,
                1_700_000_000_001L, 1), file("s3a://lake/t/b.parquet", 20, 2)), Optional.empty());
        assertFalse(reference.sha256().equals(new Reference(Reference.Kind.LOCATION, "s3a://lake/t/", Reference.SPARK, touched).sha256()),
                "a file written again is another dataset");
        Reference table = new Reference(Reference.Kind.TABLE, "lake.t", Reference.SPARK, pin);
        assertEquals(table, Reference.fromJson(table.toJson()));
        assertFalse(table.toJson().containsKey("location"));
        assertEquals("{\"table\":\"lake.t\",\"engine\":\"spark\",\"pin\":{\"files\":2,\"rows\":3,\"bytes\":30}}",
                table.summary().toString());
    }

    @Test
    void aFileThatIsNotParquetIsRefused() throws Exception {
        Path text = Files.writeString(dir.resolve("t.parquet"), "not parquet at all");
        assertThrows(IllegalStateException.class, () -> ReferencePin.footer(text));
    }
}
