package dev.assay.portal;

import dev.assay.report.FindingChart;
import org.junit.jupiter.api.Test;

import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.xml.sax.InputSource;

import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.xpath.XPathConstants;
import javax.xml.xpath.XPathFactory;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SvgTest {

    private static final FindingChart CHART = new FindingChart("four-fifths", "sex", "selection_rate", ">=", 0.8, 1.1, List.of(
            new FindingChart.Bar("<b>F</b>", 0.6, 0.35, 1.03, "fail", 40L),
            new FindingChart.Bar("M", 1.0, 0.7, 1.43, "pass", 60L),
            new FindingChart.Bar("X", null, null, null, "undefined", 3L)), 3);

    @Test
    void barsWhiskersThresholdAndWordsNotOnlyColour() {
        String svg = Svg.chart(CHART, "c1");
        assertTrue(svg.startsWith("<svg class=\"chart\" role=\"img\""), svg);
        assertTrue(svg.contains("<title id=\"c1-t\">four-fifths by sex</title>"), svg);
        assertTrue(svg.contains("class=\"bar fail\"") && svg.contains("\u2716 0.6000"), "a failing bar is marked in text too");
        assertTrue(svg.contains("class=\"whisker\"") && svg.contains("class=\"threshold\""), svg);
        assertTrue(svg.contains(">undefined</text>"), "undefined is written, not drawn as zero");
        assertFalse(svg.contains("class=\"parity\""), "a rate is no ratio: no parity line");
        assertTrue(svg.contains("&lt;b&gt;F&lt;/b&gt;") && !svg.contains("<b>"), "labels are escaped");
        // The threshold line sits at 0.8 / 1.1 of the 380-unit plot, after the 170-unit label column.
        assertTrue(svg.contains("x1=\"" + String.format(java.util.Locale.ROOT, "%.1f", 170 + 0.8 / 1.1 * 380) + "\""), svg);
    }

    @Test
    void heatMapOfAnIntersectionNamesEveryCell() {
        List<FindingChart.Bar> cells = List.of(
                new FindingChart.Bar("F*A", 0.7, null, null, "fail", 50L),
                new FindingChart.Bar("F*B", 1.0, null, null, "pass", 50L),
                new FindingChart.Bar("M*A", null, null, null, "undefined", 2L));
        String svg = Svg.heatMap(new FindingChart("ir", "sex*race", "impact_ratio", ">=", 0.8, 1.1, cells, 3), "h1");
        assertTrue(svg.contains("sex \u00d7 race"), svg);
        assertTrue(svg.contains("\u2716 0.7000") && svg.contains(">1.000<"), svg);
        assertTrue(svg.contains(">undefined<") && svg.contains(">no rows<"), "M*B has no rows; M*A is undefined");
        assertFalse(Svg.heatMap(new FindingChart("ir", "sex", "impact_ratio", ">=", 0.8, 1.1, cells, 3), "h2").contains("<svg"),
                "only two-attribute intersections");
        String truncated = Svg.heatMap(new FindingChart("ir", "sex*race", "impact_ratio", ">=", 0.8, 1.1, cells, 40), "h3");
        assertTrue(truncated.contains(">not shown<") && !truncated.contains(">no rows<"),
                "a chart cut at 30 groups never claims a cell had no rows");
    }

    /** An impact-ratio chart of an intersection, as the report's findings give it (value, interval, n, outcome, reason). */
    private static final FindingChart RATIOS = new FindingChart("four-fifths", "race*sex", "impact_ratio", ">=", 0.8, 1.1, List.of(
            new FindingChart.Bar("African-American*Female", 0.6253, 0.58, 0.67, "fail", 2000L),
            new FindingChart.Bar("African-American*Male", 0.9, 0.85, 0.95, "pass", 1500L),
            new FindingChart.Bar("Asian or Pacific Islander (self-described)*Male", 0.85, 0.5, 1.05, "undefined", 25L,
                    "insufficient data: 25 rows, fewer than the minimum group size of 30"),
            new FindingChart.Bar("Other*Female", null, null, null, "undefined", 3L,
                    "fewer than 5 rows: the value is not shown here")), 4);

    private static Document xml(String svg) throws Exception {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        return f.newDocumentBuilder().parse(new InputSource(new StringReader(svg)));
    }

    private static List<Element> all(Document doc, String expression) throws Exception {
        NodeList nodes = (NodeList) XPathFactory.newInstance().newXPath().evaluate(expression, doc, XPathConstants.NODESET);
        List<Element> elements = new ArrayList<>();
        for (int i = 0; i < nodes.getLength(); i++) {
            elements.add((Element) nodes.item(i));
        }
        return elements;
    }

    private static double x(FindingChart chart, double value) {
        return 170 + value / chart.scale() * 380;
    }

    @Test
    void aRatioChartHasAnAxisParityAndThresholdLinesAndNBesideEachGroup() throws Exception {
        Document doc = xml(Svg.chart(RATIOS, "c2"));
        Element svg = doc.getDocumentElement();
        assertEquals("img", svg.getAttribute("role"));
        assertEquals("four-fifths by race*sex", all(doc, "/svg/title").get(0).getTextContent());
        String desc = all(doc, "/svg/desc").get(0).getTextContent();
        assertTrue(desc.contains("threshold >= 0.8; parity at 1") && desc.contains("African-American*Female (n = 2,000): 0.6253 [0.5800, 0.6700] fails"),
                desc);
        // Parity at 1.0 and the rule's threshold at 0.8, each a vertical line where its value falls on the axis.
        List<Element> reference = all(doc, "//line[@class='parity']");
        assertEquals(1, reference.size());
        assertEquals(x(RATIOS, 1.0), Double.parseDouble(reference.get(0).getAttribute("x1")), 0.05);
        assertEquals(reference.get(0).getAttribute("x1"), reference.get(0).getAttribute("x2"));
        Element threshold = all(doc, "//line[@class='threshold']").get(0);
        assertEquals(x(RATIOS, 0.8), Double.parseDouble(threshold.getAttribute("x1")), 0.05);
        List<String> labels = all(doc, "//text[@class='line-label']").stream().map(Element::getTextContent).toList();
        assertEquals(List.of("1 (parity)", "threshold >= 0.8"), labels);
        // The axis: ticks every 0.2 up to the scale, each at its place.
        List<Element> ticks = all(doc, "//text[@class='tick']");
        assertEquals(List.of("0", "0.2", "0.4", "0.6", "0.8", "1"), ticks.stream().map(Element::getTextContent).toList());
        assertEquals(x(RATIOS, 0.6), Double.parseDouble(ticks.get(3).getAttribute("x")), 0.05);
        assertEquals(1, all(doc, "//path[@class='axis']").size());
        // n beside every group; a small cell's count is not published.
        assertEquals(List.of("n = 2,000", "n = 1,500", "n = 25", "n < 5"),
                all(doc, "//text[@class='label']/tspan[@class='n']").stream().map(Element::getTextContent).toList());
    }

    @Test
    void undefinedGroupsAreHatchedWithTheirReasonAndNeverDrawnAsAPass() throws Exception {
        Document doc = xml(Svg.chart(RATIOS, "c3"));
        assertEquals(1, all(doc, "//defs/pattern[@id='c3-hatch']").size());
        List<Element> hatched = all(doc, "//rect[@class='bar-undefined']");
        assertEquals(2, hatched.size(), "the group too small to judge and the suppressed one");
        for (Element bar : hatched) {
            assertEquals("url(#c3-hatch)", bar.getAttribute("fill"));
        }
        assertEquals("not judged: insufficient data: 25 rows, fewer than the minimum group size of 30",
                all(doc, "//rect[@class='bar-undefined']/title").get(0).getTextContent());
        assertEquals("undefined: fewer than 5 rows: the value is not shown here",
                all(doc, "//rect[@class='bar-undefined']/title").get(1).getTextContent());
        // The estimate of the group too small to judge is as long as its value, hatched; the one with no value spans the row.
        assertEquals(0.85 / 1.1 * 380, Double.parseDouble(hatched.get(0).getAttribute("width")), 0.05);
        assertEquals(380, Double.parseDouble(hatched.get(1).getAttribute("width")), 0.05);
        // Its reason is also written under the bar, wrapped, whole.
        List<String> reasons = all(doc, "//text[@class='reason']").stream().map(Element::getTextContent).toList();
        assertEquals(List.of("not judged: insufficient data: 25 rows, fewer than the minimum group size of 30",
                "undefined: fewer than 5 rows: the value is not shown here"), reasons);
        // Only the two judged groups are solid bars: one failing, one passing.
        assertEquals(List.of("bar fail", "bar"), all(doc, "//rect[@class='bar' or @class='bar fail']").stream()
                .map(e -> e.getAttribute("class")).toList());
        assertEquals(List.of("\u2716 0.6253", "0.9000", "? 0.8500", "undefined"),
                all(doc, "//text[@class='value']").stream().map(Element::getTextContent).toList());
    }

    @Test
    void longLabelsAreWrappedNeverCut() throws Exception {
        Document doc = xml(Svg.chart(RATIOS, "c4"));
        List<Element> labels = all(doc, "//text[@class='label']");
        List<String> names = new ArrayList<>();
        for (Element label : labels) {
            List<Element> lines = new ArrayList<>();
            NodeList spans = label.getElementsByTagName("tspan");
            for (int i = 0; i < spans.getLength(); i++) {
                Element span = (Element) spans.item(i);
                if (!"n".equals(span.getAttribute("class"))) {
                    lines.add(span);
                    assertTrue(span.getTextContent().length() <= Svg.LABEL_CHARS, span.getTextContent());
                }
            }
            names.add(String.join("", lines.stream().map(Element::getTextContent).toList()));
            if (names.get(names.size() - 1).startsWith("Asian")) {
                assertEquals(List.of("Asian or Pacific ", "Islander (self-", "described)*Male"),
                        lines.stream().map(Element::getTextContent).toList(), "broken at the last space or hyphen that fits");
            }
        }
        assertEquals(List.of("African-American*Female", "African-American*Male", "Asian or Pacific Islander (self-described)*Male",
                "Other*Female"), names);
        assertFalse(Svg.chart(RATIOS, "c4").contains("\u2026"), "no ellipsis anywhere");
    }
}
