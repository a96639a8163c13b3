package dev.assay.report;

import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ReportLayoutTest {

    @TempDir
    Path dir;

    @Test
    void theShippedLayoutNamesEveryStyleColourAndTableTheReportUses() {
        ReportLayout layout = ReportLayout.standard();
        assertEquals(PDRectangle.A4, layout.pageSize());
        for (String style : new String[] {"title", "lead", "decision", "statement", "section", "heading", "subheading", "summary",
                "body", "small", "smallBold", "detail", "note", "tableHeader", "tableCell", "chartTitle", "chartLabel", "chartValue"}) {
            assertTrue(layout.style(style).size() > 0, style);
        }
        assertEquals("TH", layout.style("tableHeader").tag());
        assertEquals(8, layout.table("findings").size());
        assertEquals(6, layout.table("profile").size());
        assertEquals(4, layout.table("rules").size());
        assertTrue(layout.font("regular").length > 100_000, "DejaVu Sans from the classpath");
        assertEquals("At least one blocking rule failed: this version should not be released as it is.",
                layout.text("decisionMeaning.FAIL", Map.of()));
        assertEquals("Digitally signed (PAdES) by Assay", layout.lines("signatureBlock", Map.of("signer", "Assay")).get(0));
    }

    @Test
    void aLayoutThatLacksAPartSaysWhich() throws Exception {
        Path reports = Files.createDirectories(dir.resolve("custom"));
        Files.writeString(reports.resolve("layout.yaml"), """
                page: {size: A4, margin: 50, signatureBlockTop: 100}
                fonts: {regular: net/sf/jasperreports/fonts/dejavu/DejaVuSans.ttf}
                styles:
                  body: {font: bold, size: 10, tag: P}
                colors: {}
                tables: {}
                text: {}
                """);
        try (URLClassLoader loader = new URLClassLoader(new URL[] {dir.toUri().toURL()}, ReportLayout.class.getClassLoader())) {
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> ReportLayout.load("custom/layout.yaml", loader));
            assertTrue(e.getMessage().contains("styles.body.font names no font: bold"), e.getMessage());
        }
    }
}
