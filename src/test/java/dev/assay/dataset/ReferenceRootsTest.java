package dev.assay.dataset;

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

/** What a reference may name: inside the configured roots and namespaces, never out of them by '..', a glob or a link. */
class ReferenceRootsTest {

    @TempDir
    Path dir;

    private ReferenceRoots roots(String roots, String tables) {
        return ReferenceRoots.of(Optional.ofNullable(roots), Optional.ofNullable(tables));
    }

    @Test
    void aLocationInsideALocalRootIsAcceptedInEverySpelling() throws Exception {
        Path lake = Files.createDirectories(dir.resolve("lake/compas"));
        ReferenceRoots roots = roots(dir.resolve("lake") + ", s3a://bucket/curated/", null);
        for (String ok : List.of(lake.toString(), lake + "/", "file:" + lake, "file://" + lake, lake + "/*.parquet",
                lake + "/year=*/part-*.parquet", dir.resolve("lake") + "/not-yet-written")) {
            assertEquals(Optional.empty(), roots.locationProblem(ok), ok);
        }
        assertEquals(Optional.empty(), roots.locationProblem("s3a://bucket/curated/compas/"));
        assertEquals(Optional.empty(), roots.locationProblem("s3a://bucket/curated"));
    }

    @Test
    void aLocationOutsideEveryRootIsRefused() throws Exception {
        Files.createDirectories(dir.resolve("lake"));
        Files.createDirectories(dir.resolve("lakehouse"));
        ReferenceRoots roots = roots(dir.resolve("lake").toString() + ",s3a://bucket/curated/", null);
        for (String bad : List.of(dir.toString(), dir.resolve("lakehouse").toString(), "/etc/passwd", "file:/etc",
                "s3a://bucket/curatedx/", "s3a://bucket/", "s3a://other/curated/", "file://otherhost" + dir.resolve("lake"))) {
            assertTrue(roots.locationProblem(bad).orElseThrow().contains("is not inside a root"), bad);
        }
        assertTrue(roots.locationProblem(dir.resolve("lake") + "/../secrets").orElseThrow().contains("'..'"));
        assertTrue(roots.locationProblem("s3a://bucket/curated/../raw").orElseThrow().contains("'..'"));
        assertTrue(roots.locationProblem("relative/path").orElseThrow().contains("absolute path or a URI"));
        assertTrue(roots.locationProblem(dir.resolve("lake") + "/a\nb").orElseThrow().contains("control character"));
        assertTrue(roots.locationProblem(" ").orElseThrow().contains("empty"));
        assertTrue(roots.locationProblem(dir.resolve("lake") + "/" + "x".repeat(ReferenceRoots.MAX_LOCATION)).orElseThrow()
                .contains("longer than"));
        // A glob's fixed part decides: /lake* would reach /lakehouse.
        assertTrue(roots.locationProblem(dir + "/lake*/x.parquet").isPresent());
    }

    @Test
    void aSymbolicLinkOutOfARootIsOutside() throws Exception {
        Path lake = Files.createDirectories(dir.resolve("lake"));
        Path secrets = Files.createDirectories(dir.resolve("secrets"));
        Path secret = Files.writeString(secrets.resolve("keys.parquet"), "PAR1");
        Files.createSymbolicLink(lake.resolve("link"), secrets);
        ReferenceRoots roots = roots(lake.toString(), null);
        assertTrue(roots.locationProblem(lake.resolve("link").toString()).isPresent(), "the link resolves outside");
        assertTrue(roots.locationProblem(lake.resolve("link") + "/*.parquet").isPresent());
        // Every listed file is checked too: a file reached through the link is not held.
        assertFalse(roots.holds(lake.resolve("link/keys.parquet").toUri().toString()));
        assertFalse(roots.holds(secret.toUri().toString()));
        Path inside = Files.writeString(lake.resolve("part-0.parquet"), "PAR1");
        assertTrue(roots.holds(inside.toUri().toString()));
        assertFalse(roots.holds(lake.resolve("missing.parquet").toUri().toString()), "a file that is not there is not held");
    }

    @Test
    void aRootThatLinksElsewhereIsTheDirectoryItLinksTo() throws Exception {
        Path real = Files.createDirectories(dir.resolve("real"));
        Path alias = Files.createSymbolicLink(dir.resolve("alias"), real);
        Path file = Files.writeString(real.resolve("a.parquet"), "PAR1");
        ReferenceRoots roots = roots(alias.toString(), null);
        assertEquals(Optional.empty(), roots.locationProblem(alias.resolve("a.parquet").toString()));
        assertEquals(Optional.empty(), roots.locationProblem(file.toString()));
        assertTrue(roots.holds(file.toUri().toString()));
    }

    @Test
    void withoutRootsNoLocationIsRead() {
        assertTrue(roots(null, null).locationProblem("/data/lake").orElseThrow().contains("ASSAY_REFERENCE_ROOTS"));
        assertTrue(roots(" , ", null).locationProblem("s3a://bucket/x").orElseThrow().contains("no reference roots"));
        assertThrows(IllegalStateException.class, () -> roots("relative/root", null));
    }

    @Test
    void tablesAreWellFormedNamesInAnAllowedNamespace() {
        ReferenceRoots roots = roots(null, "lake, spark_catalog.curated");
        assertEquals(Optional.empty(), roots.tableProblem("lake.compas"));
        assertEquals(Optional.empty(), roots.tableProblem("spark_catalog.curated.compas_2016"));
        assertEquals(List.of("spark_catalog", "curated", "compas_2016"), ReferenceRoots.tableParts("spark_catalog.curated.compas_2016"));
        for (String bad : List.of("compas", "lake.compas; DROP TABLE x", "lake.`compas`", "lake.com pas", "lake..compas",
                "a.b.c.d", "lake.compas--", "lake.1compas", "")) {
            assertTrue(roots.tableProblem(bad).orElseThrow().contains("is not a table name"), bad);
        }
        assertTrue(roots.tableProblem("raw.compas").orElseThrow().contains("not in a namespace Assay may read"));
        assertTrue(roots.tableProblem("Lake.compas").isPresent(), "namespaces match exactly");
        assertTrue(roots(null, null).tableProblem("lake.compas").orElseThrow().contains("ASSAY_REFERENCE_TABLES"));
        assertThrows(IllegalStateException.class, () -> roots(null, "lake;x"));
    }
}
