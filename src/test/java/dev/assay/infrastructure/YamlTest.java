package dev.assay.infrastructure;

import dev.assay.failure.FieldError;
import dev.assay.failure.InvalidInput;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every bound of {@link Yaml}: refused quickly, as a 422 (InvalidInput) naming the line and column. */
class YamlTest {

    private static FieldError refused(String text) {
        InvalidInput e = assertTimeoutPreemptively(Duration.ofSeconds(2),
                () -> assertThrows(InvalidInput.class, () -> Yaml.readJson(text, "The card")));
        assertEquals(1, e.errors().size(), e.errors().toString());
        return e.errors().get(0);
    }

    @Test
    void aLongOneLineCommentIsRefusedInLinearTimeWithItsLine() {
        // 4 MB on one comment line took 43 s (quadratic in SnakeYAML's reader); now the line bound stops it.
        FieldError e = refused("a: 1\n# " + "x".repeat(Yaml.MAX_CHARS - 100) + "\n");
        assertEquals(2L, e.line());
        assertTrue(e.message().contains("at most " + Yaml.MAX_LINE_CHARS), e.message());
    }

    @Test
    void aDocumentOverTheSizeBoundIsRefusedBeforeParsing() {
        FieldError e = refused("a: 1\n" + ("# comment\n").repeat(Yaml.MAX_CHARS / 10 + 1));
        assertTrue(e.message().contains("at most " + Yaml.MAX_CHARS), e.message());
    }

    @Test
    void manyLinesJustUnderTheBoundsParseQuickly() {
        StringBuilder b = new StringBuilder("a: 1\n");
        String comment = "# " + "y".repeat(Yaml.MAX_LINE_CHARS - 2) + "\n";
        while (b.length() + comment.length() < Yaml.MAX_CHARS) {
            b.append(comment);
        }
        JsonObject o = assertTimeoutPreemptively(Duration.ofSeconds(5), () -> (JsonObject) Yaml.readJson(b.toString(), "The card"));
        assertEquals(1, o.getInt("a"));
    }

    @Test
    void aScalarOverItsBoundIsRefusedAtItsPlace() {
        String folded = "a: 1\nb: >\n" + ("  " + "z".repeat(1000) + "\n").repeat(Yaml.MAX_SCALAR_CHARS / 1000 + 1);
        FieldError e = refused(folded);
        assertEquals(2L, e.line());
        assertTrue(e.message().contains("at most " + Yaml.MAX_SCALAR_CHARS), e.message());
    }

    @Test
    void deepNestingIsRefused() {
        FieldError e = refused("[".repeat(10_000) + "]".repeat(10_000));
        assertTrue(e.message().contains("deeper than " + Yaml.MAX_DEPTH), e.message());
        assertEquals(1L, e.line());
        assertEquals(Yaml.MAX_DEPTH + 1L, e.column());
    }

    @Test
    void anAliasBombIsRefusedBeforeItExpands() {
        StringBuilder b = new StringBuilder("a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n");
        for (int i = 1; i < 10; i++) {
            b.append("a").append(i).append(": &a").append(i).append(" [");
            for (int j = 0; j < 5; j++) {
                b.append(j == 0 ? "" : ", ").append("*a").append(i - 1);
            }
            b.append("]\n");
        }
        FieldError e = refused(b.toString());
        assertTrue(e.message().contains("expands to more than " + Yaml.MAX_EXPANDED_NODES), e.message());
    }

    @Test
    void expandedCharactersAreBoundedToo() {
        String big = "z".repeat(60_000);
        StringBuilder b = new StringBuilder("a: &s [");
        for (int j = 0; j < 15; j++) {
            b.append(j == 0 ? "" : ",\n  ").append(big);
        }
        b.append("]\nb: [*s, *s, *s, *s]\n");
        FieldError e = refused(b.toString());
        assertTrue(e.message().contains("characters of values"), e.message());
    }

    @Test
    void tooManyAliasesAreRefused() {
        StringBuilder b = new StringBuilder("a: &s 1\nb: [");
        for (int j = 0; j <= Yaml.MAX_ALIASES; j++) {
            b.append(j == 0 ? "" : ", ").append("*s");
        }
        b.append("]\n");
        assertTrue(refused(b.toString()).message().contains("more than " + Yaml.MAX_ALIASES + " aliases"));
    }

    @Test
    void anAliasBeforeItsAnchorSaysSo() {
        FieldError e = refused("a: *x\nb: &x 1\n");
        assertEquals(1L, e.line());
        assertEquals(4L, e.column());
        assertTrue(e.message().contains("the alias *x comes before its anchor &x"), e.message());
    }

    /** Found by ModelCardFuzzTest: an alias inside the collection its anchor names built a cycle, and JSON conversion overflowed the stack. */
    @Test
    void aRecursiveAliasIsRefused() {
        FieldError e = refused("a: &b [1]\nc: &b [x, *b]\n");
        assertEquals(2L, e.line());
        assertEquals(11L, e.column());
        assertTrue(e.message().contains("recursive"), e.message());
        assertTrue(refused("m: &m {k: *m}\n").message().contains("recursive"));
    }

    @Test
    void aliasesWithinTheBoundsStillWork() {
        JsonObject o = (JsonObject) Yaml.readJson("base: &b {k: 1}\nc: *b\n", "The card");
        assertEquals(1, o.getJsonObject("c").getInt("k"));
    }

    @Test
    void positionsOfAnOverlongOrDeepTextAreAbsentNotSlowOrAnError() {
        assertTimeoutPreemptively(Duration.ofSeconds(2), () -> {
            assertTrue(YamlPositions.of("{\"a\": \"" + "x".repeat(Yaml.MAX_CHARS - 20) + "\"}").locate("/a").isEmpty());
            assertTrue(YamlPositions.of("[".repeat(50_000)).locate("/0").isEmpty());
        });
        assertEquals(1L, YamlPositions.of("{\"a\": 1}").locate("/a").orElseThrow()[0]);
    }
}
