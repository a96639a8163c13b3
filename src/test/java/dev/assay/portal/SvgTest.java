package dev.assay.portal;

import dev.assay.report.FindingChart;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SvgTest {

    private static final FindingChart CHART = new FindingChart("four-fifths", "sex", ">=", 0.8, 1.1, List.of(
            new FindingChart.Bar("<b>F</b>", 0.6, 0.35, 1.03, "fail", 40L),
            new FindingChart.Bar("M", 1.0, 0.7, 1.43, "pass", 60L),
            new FindingChart.Bar("X", null, null, null, "undefined", 3L)), 3);

    @Test
    void barsWhiskersThresholdAndWordsNotOnlyColour() {
        String svg = Svg.chart(CHART, "c1");
        assertTrue(svg.startsWith("<svg class=\"chart\" role=\"img\""), svg);
        assertTrue(svg.contains("<title id=\"c1-t\">four-fifths by sex</title>"), svg);
        assertTrue(svg.contains("class=\"bar fail\"") && svg.contains("\u2716 0.600"), "a failing bar is marked in text too");
        assertTrue(svg.contains("class=\"whisker\"") && svg.contains("class=\"threshold\""), svg);
        assertTrue(svg.contains(">undefined</text>"), "undefined is written, not drawn as zero");
        assertTrue(svg.contains("&lt;b&gt;F&lt;/b&gt;") && !svg.contains("<b>"), "labels are escaped");
        // The threshold line sits at 0.8 / 1.1 of the 420-unit plot, after the 150-unit label column.
        assertTrue(svg.contains("x1=\"" + String.format(java.util.Locale.ROOT, "%.1f", 150 + 0.8 / 1.1 * 420) + "\""), svg);
    }

    @Test
    void heatMapOfAnIntersectionNamesEveryCell() {
        List<FindingChart.Bar> cells = List.of(
                new FindingChart.Bar("F*A", 0.7, null, null, "fail", 50L),
                new FindingChart.Bar("F*B", 1.0, null, null, "pass", 50L),
                new FindingChart.Bar("M*A", null, null, null, "undefined", 2L));
        String svg = Svg.heatMap(new FindingChart("ir", "sex*race", ">=", 0.8, 1.1, cells, 3), "h1");
        assertTrue(svg.contains("sex \u00d7 race"), svg);
        assertTrue(svg.contains("\u2716 0.70") && svg.contains(">1.00<"), svg);
        assertTrue(svg.contains(">undefined<") && svg.contains(">no rows<"), "M*B has no rows; M*A is undefined");
        assertFalse(Svg.heatMap(new FindingChart("ir", "sex", ">=", 0.8, 1.1, cells, 3), "h2").contains("<svg"),
                "only two-attribute intersections");
        String truncated = Svg.heatMap(new FindingChart("ir", "sex*race", ">=", 0.8, 1.1, cells, 40), "h3");
        assertTrue(truncated.contains(">not shown<") && !truncated.contains(">no rows<"),
                "a chart cut at 30 groups never claims a cell had no rows");
    }
}
