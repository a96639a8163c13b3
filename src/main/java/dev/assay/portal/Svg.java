package dev.assay.portal;

import dev.assay.infrastructure.Figures;
import dev.assay.report.FindingChart;
import org.unbescape.html.HtmlEscape;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Charts as inline SVG, drawn on the server so pages need no JavaScript. Every chart has a title
 * and a description for screen readers, and colour is never the only carrier of meaning: a failing
 * bar is also marked with a cross and the word in the table beside it.
 */
final class Svg {

    private static final int LABEL = 170;
    private static final int WIDTH = 640;
    private static final int PLOT = WIDTH - LABEL - 90;

    private Svg() {
    }

    /** Characters of a group's label per line: the label column holds about this many at the chart's font size. */
    static final int LABEL_CHARS = 24;

    /** Characters of an undefined bar's reason per line, under the bar. */
    static final int REASON_CHARS = 60;

    private static final int LINE = 14;

    /**
     * Per-group values: a value axis with ticks, each group's bar with its 95% whisker, the rule's threshold
     * dashed, 1.0 (parity) as a reference line for a ratio, each label wrapped (never cut: intersection names
     * differ only at their end) with its n beneath, and an undefined group hatched with its reason written
     * under the bar and as the bar's tooltip, so it never looks like a pass.
     */
    static String chart(FindingChart chart, String id) {
        int top = 40;
        List<Integer> heights = new ArrayList<>();
        for (FindingChart.Bar bar : chart.bars()) {
            int labelLines = FindingChart.wrap(bar.label(), LABEL_CHARS).size() + (bar.nText().isEmpty() ? 0 : 1);
            int reasonLines = bar.isUndefined() ? FindingChart.wrap(bar.reasonText(), REASON_CHARS).size() : 0;
            heights.add(Math.max(labelLines, 1 + reasonLines) * LINE + 8);
        }
        int axis = top + heights.stream().mapToInt(Integer::intValue).sum() + 2;
        int height = axis + 30;
        StringBuilder s = new StringBuilder();
        s.append("<svg class=\"chart\" role=\"img\" viewBox=\"0 0 ").append(WIDTH).append(' ').append(height)
                .append("\" aria-labelledby=\"").append(id).append("-t ").append(id).append("-d\">")
                .append("<title id=\"").append(id).append("-t\">").append(esc(chart.title())).append("</title>")
                .append("<desc id=\"").append(id).append("-d\">").append(esc(description(chart))).append("</desc>")
                // Hatching, drawn with attributes rather than the stylesheet's classes: it must read in a saved SVG too.
                .append("<defs><pattern id=\"").append(id).append("-hatch\" width=\"6\" height=\"6\" patternUnits=\"userSpaceOnUse\"")
                .append(" patternTransform=\"rotate(45)\"><rect width=\"6\" height=\"6\" fill=\"#ffffff\"/>")
                .append("<line x1=\"0\" y1=\"0\" x2=\"0\" y2=\"6\" stroke=\"#5f5f5f\" stroke-width=\"2\"/></pattern></defs>");
        // Ticks and their grid lines first, so everything else is drawn over them.
        for (double tick : chart.ticks()) {
            double x = LABEL + chart.fraction(tick) * PLOT;
            s.append("<line class=\"grid\" x1=\"").append(fmt(x)).append("\" y1=\"").append(top - 4).append("\" x2=\"").append(fmt(x))
                    .append("\" y2=\"").append(axis + 4).append("\"/>")
                    .append("<text class=\"tick\" x=\"").append(fmt(x)).append("\" y=\"").append(axis + 17)
                    .append("\" text-anchor=\"middle\">").append(Figures.plain(tick)).append("</text>");
        }
        s.append("<path class=\"axis\" d=\"M").append(LABEL).append(' ').append(axis).append('H').append(LABEL + PLOT).append("\"/>");
        int y = top;
        for (int i = 0; i < chart.bars().size(); i++) {
            FindingChart.Bar bar = chart.bars().get(i);
            List<String> label = FindingChart.wrap(bar.label(), LABEL_CHARS);
            s.append("<text class=\"label\" x=\"").append(LABEL - 8).append("\" y=\"").append(y + 14).append("\" text-anchor=\"end\">");
            for (int k = 0; k < label.size(); k++) {
                s.append("<tspan x=\"").append(LABEL - 8).append("\" dy=\"").append(k == 0 ? 0 : LINE).append("\">")
                        .append(esc(label.get(k))).append("</tspan>");
            }
            if (!bar.nText().isEmpty()) {
                s.append("<tspan class=\"n\" x=\"").append(LABEL - 8).append("\" dy=\"").append(LINE).append("\">")
                        .append(esc(bar.nText())).append("</tspan>");
            }
            s.append("</text>");
            if (bar.isUndefined()) {
                // The estimate's length when there is one (a group too small to judge), the whole row when there is none.
                double w = bar.value() == null ? PLOT : Math.max(2, chart.fraction(bar.value()) * PLOT);
                s.append("<rect class=\"bar-undefined\" x=\"").append(LABEL).append("\" y=\"").append(y + 4).append("\" width=\"")
                        .append(fmt(w)).append("\" height=\"").append(LINE - 2).append("\" fill=\"url(#").append(id)
                        .append("-hatch)\" stroke=\"#5f5f5f\"><title>").append(esc(bar.reasonText())).append("</title></rect>");
                List<String> reason = FindingChart.wrap(bar.reasonText(), REASON_CHARS);
                s.append("<text class=\"reason\" x=\"").append(LABEL + 4).append("\" y=\"").append(y + 14 + LINE).append("\">");
                for (int k = 0; k < reason.size(); k++) {
                    s.append("<tspan x=\"").append(LABEL + 4).append("\" dy=\"").append(k == 0 ? 0 : LINE).append("\">")
                            .append(esc(reason.get(k))).append("</tspan>");
                }
                s.append("</text>");
            } else {
                double w = chart.fraction(bar.value()) * PLOT;
                s.append("<rect x=\"").append(LABEL).append("\" y=\"").append(y + 4).append("\" width=\"").append(fmt(w))
                        .append("\" height=\"").append(LINE - 2).append("\" class=\"").append(bar.fails() ? "bar fail" : "bar").append("\"/>");
            }
            s.append("<text class=\"value\" x=\"").append(LABEL + PLOT + 8).append("\" y=\"").append(y + 14).append("\">")
                    .append(esc(bar.valueText())).append("</text>");
            if (bar.low() != null && bar.high() != null) {
                double a = LABEL + chart.fraction(bar.low()) * PLOT;
                double b = LABEL + chart.fraction(bar.high()) * PLOT;
                int mid = y + 10;
                s.append("<path class=\"whisker\" d=\"M").append(fmt(a)).append(' ').append(mid).append('H').append(fmt(b))
                        .append("M").append(fmt(a)).append(' ').append(mid - 5).append('V').append(mid + 5)
                        .append("M").append(fmt(b)).append(' ').append(mid - 5).append('V').append(mid + 5).append("\"/>");
            }
            y += heights.get(i);
        }
        if (chart.reference() != null) {
            double rx = LABEL + chart.fraction(chart.reference()) * PLOT;
            s.append("<line class=\"parity\" x1=\"").append(fmt(rx)).append("\" y1=\"").append(top - 12).append("\" x2=\"")
                    .append(fmt(rx)).append("\" y2=\"").append(axis).append("\"/>");
            s.append(lineLabel(rx, top - 14, Figures.plain(chart.reference()) + " (parity)"));
        }
        double tx = LABEL + chart.fraction(chart.threshold()) * PLOT;
        s.append("<line class=\"threshold\" x1=\"").append(fmt(tx)).append("\" y1=\"").append(top - 26).append("\" x2=\"")
                .append(fmt(tx)).append("\" y2=\"").append(axis).append("\"/>")
                .append(lineLabel(tx, top - 28, chart.thresholdText()));
        return s.append("</svg>").toString();
    }

    /** A vertical line's label at its top: to its right, or to its left in the plot's right part so it stays inside. */
    private static String lineLabel(double x, int y, String text) {
        boolean left = x > LABEL + PLOT * 0.6;
        return "<text class=\"line-label\" x=\"" + fmt(left ? x - 4 : x + 4) + "\" y=\"" + y + "\" text-anchor=\""
                + (left ? "end" : "start") + "\">" + esc(text) + "</text>";
    }

    private static String esc(String text) {
        return HtmlEscape.escapeHtml4Xml(text);
    }

    /** What the chart shows, for a screen reader: the lines, then each group with its n, value and interval, or why it has none. */
    private static String description(FindingChart chart) {
        List<String> parts = new ArrayList<>();
        for (FindingChart.Bar bar : chart.bars()) {
            parts.add(bar.label() + (bar.nText().isEmpty() ? "" : " (" + bar.nText() + ")") + ": "
                    + (bar.value() == null ? "" : Figures.number(bar.value()))
                    + (bar.low() != null && bar.high() != null ? " " + Figures.interval(bar.low(), bar.high()) : "")
                    + (bar.fails() ? " fails" : "")
                    + (bar.isUndefined() ? (bar.value() == null ? "" : ", ") + bar.reasonText() : ""));
        }
        return chart.thresholdText() + (chart.reference() != null ? "; parity at " + Figures.plain(chart.reference()) : "") + ". "
                + String.join("; ", parts);
    }

    /** An intersection's grid (see {@link FindingChart#grid()}); each cell shows its text, its shade only repeats it. */
    static String heatMap(FindingChart chart, String id) {
        return chart.grid().map(grid -> heatMap(chart.title(), grid, id)).orElse("");
    }

    private static String heatMap(String title, FindingChart.Grid grid, String id) {
        int cw = 90;
        int left = 150;
        // Headers and row labels wrap and their rows grow to hold them: names are never cut.
        int headerLines = grid.columns().stream().mapToInt(c -> FindingChart.wrap(c, 13).size()).max().orElse(1);
        int top = 14 + headerLines * LINE;
        List<Integer> heights = new ArrayList<>();
        for (String r : grid.rows()) {
            heights.add(Math.max(30, FindingChart.wrap(r, 20).size() * LINE + 8));
        }
        int width = left + cw * grid.columns().size() + 10;
        int height = top + heights.stream().mapToInt(Integer::intValue).sum() + 10;
        StringBuilder s = new StringBuilder("<svg class=\"heatmap\" role=\"img\" viewBox=\"0 0 " + width + " " + height
                + "\" aria-labelledby=\"" + id + "-t\"><title id=\"" + id + "-t\">" + esc(title + ": "
                + grid.rowAttribute() + " \u00d7 " + grid.columnAttribute()) + ", value per intersection</title>");
        int x = left;
        for (String c : grid.columns()) {
            s.append(lines(x + cw / 2, 14, "middle", FindingChart.wrap(c, 13)));
            x += cw;
        }
        int y = top;
        for (int i = 0; i < grid.rows().size(); i++) {
            String r = grid.rows().get(i);
            int ch = heights.get(i);
            s.append(lines(left - 8, y + 19, "end", FindingChart.wrap(r, 20)));
            x = left;
            for (String c : grid.columns()) {
                FindingChart.Cell cell = grid.cell(r, c);
                s.append("<rect x=\"").append(x).append("\" y=\"").append(y).append("\" width=\"").append(cw - 2)
                        .append("\" height=\"").append(ch - 2).append("\" class=\"cell-").append(cell.shade()).append("\"/>")
                        .append("<text x=\"").append(x + cw / 2).append("\" y=\"").append(y + 19).append("\" text-anchor=\"middle\">")
                        .append(esc(cell.label())).append("</text>");
                x += cw;
            }
            y += ch;
        }
        return s.append("</svg>").toString();
    }

    /** A text of several lines, the first at {@code y}. */
    private static String lines(int x, int y, String anchor, List<String> lines) {
        StringBuilder s = new StringBuilder("<text x=\"" + x + "\" y=\"" + y + "\" text-anchor=\"" + anchor + "\">");
        for (int k = 0; k < lines.size(); k++) {
            s.append("<tspan x=\"").append(x).append("\" dy=\"").append(k == 0 ? 0 : LINE).append("\">").append(esc(lines.get(k)))
                    .append("</tspan>");
        }
        return s.append("</text>").toString();
    }

    /**
     * A metric over windows: the 95% interval as a band (and a whisker per window, so a lone window shows
     * its interval too), the value as a line broken at undefined windows, the threshold dashed, the release
     * audit's value dotted, and CUSUM alarms as a triangle with the word. Windows are evenly spaced in
     * order (windows without predictions are not drawn, so the axis counts windows, not time). A failing
     * window carries a cross, an undefined one a question mark: colour is never alone.
     */
    static String series(SeriesChart chart, String id) {
        int left = 64;
        int right = 120;
        int top = 24;
        int plotHeight = 160;
        int plotWidth = WIDTH - left - right;
        int height = top + plotHeight + 40;
        List<SeriesChart.Point> points = chart.points();
        int n = points.size();
        double[] xs = new double[n];
        for (int i = 0; i < n; i++) {
            xs[i] = left + (n == 1 ? plotWidth / 2.0 : i * (double) plotWidth / (n - 1));
        }
        java.util.function.DoubleUnaryOperator y = v -> top + (1 - chart.fraction(v)) * plotHeight;
        StringBuilder s = new StringBuilder();
        s.append("<svg class=\"chart series\" role=\"img\" viewBox=\"0 0 ").append(WIDTH).append(' ').append(height)
                .append("\" aria-labelledby=\"").append(id).append("-t ").append(id).append("-d\">")
                .append("<title id=\"").append(id).append("-t\">").append(HtmlEscape.escapeHtml4Xml(chart.title())).append("</title>")
                .append("<desc id=\"").append(id).append("-d\">").append(HtmlEscape.escapeHtml4Xml(seriesDescription(chart))).append("</desc>");
        double[] range = chart.range();
        for (double tick : new double[] {range[0], (range[0] + range[1]) / 2, range[1]}) {
            s.append("<text x=\"").append(left - 6).append("\" y=\"").append(fmt(y.applyAsDouble(tick) + 4))
                    .append("\" text-anchor=\"end\">").append(Figures.number(tick)).append("</text>");
        }
        s.append("<path class=\"axis\" d=\"M").append(left).append(' ').append(top).append('V').append(top + plotHeight)
                .append('H').append(left + plotWidth).append("\"/>");
        for (int i = 0; i + 1 < n; i++) {
            SeriesChart.Point a = points.get(i);
            SeriesChart.Point b = points.get(i + 1);
            if (a.low() != null && a.high() != null && b.low() != null && b.high() != null) {
                s.append("<path class=\"band\" d=\"M").append(fmt(xs[i])).append(' ').append(fmt(y.applyAsDouble(a.high())))
                        .append('L').append(fmt(xs[i + 1])).append(' ').append(fmt(y.applyAsDouble(b.high())))
                        .append('L').append(fmt(xs[i + 1])).append(' ').append(fmt(y.applyAsDouble(b.low())))
                        .append('L').append(fmt(xs[i])).append(' ').append(fmt(y.applyAsDouble(a.low()))).append("Z\"/>");
            }
        }
        for (int i = 0; i < n; i++) {
            SeriesChart.Point p = points.get(i);
            if (p.low() != null && p.high() != null) {
                s.append("<path class=\"whisker\" d=\"M").append(fmt(xs[i])).append(' ').append(fmt(y.applyAsDouble(p.low())))
                        .append('V').append(fmt(y.applyAsDouble(p.high()))).append("\"/>");
            }
        }
        if (chart.threshold() != null) {
            double ty = y.applyAsDouble(chart.threshold());
            s.append("<line class=\"threshold\" x1=\"").append(left).append("\" y1=\"").append(fmt(ty)).append("\" x2=\"")
                    .append(left + plotWidth).append("\" y2=\"").append(fmt(ty)).append("\"/>")
                    .append("<text x=\"").append(left + plotWidth + 6).append("\" y=\"").append(fmt(ty + 4)).append("\">threshold ")
                    .append(HtmlEscape.escapeHtml4Xml(chart.comparator() == null ? "" : chart.comparator())).append(' ')
                    .append(Figures.plain(chart.threshold())).append("</text>");
        }
        if (chart.reference() != null) {
            double ry = y.applyAsDouble(chart.reference());
            s.append("<line class=\"reference\" x1=\"").append(left).append("\" y1=\"").append(fmt(ry)).append("\" x2=\"")
                    .append(left + plotWidth).append("\" y2=\"").append(fmt(ry)).append("\"/>")
                    // Its label goes on the side away from the threshold's, so the two never overlap.
                    .append("<text x=\"").append(left + plotWidth + 6).append("\" y=\"")
                    .append(fmt(chart.threshold() != null && chart.reference() > chart.threshold() ? ry - 6 : ry + 16)).append("\">release ")
                    .append(Figures.number(chart.reference())).append("</text>");
        }
        StringBuilder line = new StringBuilder();
        boolean pen = false;
        for (int i = 0; i < n; i++) {
            Double v = points.get(i).value();
            if (v == null) {
                pen = false;
                continue;
            }
            line.append(pen ? 'L' : 'M').append(fmt(xs[i])).append(' ').append(fmt(y.applyAsDouble(v)));
            pen = true;
        }
        if (line.length() > 0) {
            s.append("<path class=\"line\" d=\"").append(line).append("\"/>");
        }
        for (int i = 0; i < n; i++) {
            SeriesChart.Point p = points.get(i);
            if (p.value() == null) {
                s.append("<text class=\"undefined\" x=\"").append(fmt(xs[i])).append("\" y=\"").append(top + plotHeight - 4)
                        .append("\" text-anchor=\"middle\">?</text>");
            } else {
                double py = y.applyAsDouble(p.value());
                s.append("<circle class=\"").append(p.fails() ? "point fail" : "point").append("\" cx=\"").append(fmt(xs[i]))
                        .append("\" cy=\"").append(fmt(py)).append("\" r=\"3.5\"/>");
                if (p.fails()) {
                    s.append("<text x=\"").append(fmt(xs[i] + 5)).append("\" y=\"").append(fmt(py - 5)).append("\">\u2716</text>");
                }
            }
            if (p.alarm()) {
                s.append("<text class=\"alarm\" x=\"").append(fmt(xs[i])).append("\" y=\"").append(top - 8)
                        .append("\" text-anchor=\"middle\">\u25b2 alarm</text>");
            }
        }
        // At most six labels on the time axis, the first and the last always.
        int step = Math.max(1, (int) Math.ceil(n / 6.0));
        for (int i = 0; i < n; i++) {
            // A label too close to the last one is left out rather than drawn over it.
            if (i == 0 || i == n - 1 || i % step == 0 && n - 1 - i >= step) {
                s.append("<text x=\"").append(fmt(xs[i])).append("\" y=\"").append(top + plotHeight + 16)
                        .append("\" text-anchor=\"middle\">").append(HtmlEscape.escapeHtml4Xml(points.get(i).label())).append("</text>");
            }
        }
        return s.append("</svg>").toString();
    }

    private static String seriesDescription(SeriesChart chart) {
        List<String> parts = new ArrayList<>();
        for (SeriesChart.Point p : chart.points()) {
            String v = p.value() == null ? "undefined" + (p.undefined() == null ? "" : " (" + p.undefined() + ")")
                    : Figures.number(p.value())
                    + (p.low() != null && p.high() != null ? " " + Figures.interval(p.low(), p.high()) : "");
            parts.add(p.label() + ": " + v + (p.outcome() == null ? "" : " " + p.outcome()) + (p.alarm() ? ", CUSUM alarm" : ""));
        }
        return (chart.threshold() == null ? "No single threshold" : "Threshold " + chart.comparator() + " " + chart.threshold())
                + "; " + (chart.reference() == null ? "no release value" : "release audit value "
                + Figures.number(chart.reference())) + "; " + chart.alarms() + " CUSUM alarm(s). "
                + String.join("; ", parts);
    }

    private static String fmt(double v) {
        return String.format(Locale.ROOT, "%.1f", v);
    }
}
