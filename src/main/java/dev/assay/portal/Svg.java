package dev.assay.portal;

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

    private static final int LABEL = 150;
    private static final int WIDTH = 640;
    private static final int ROW = 22;
    private static final int PLOT = WIDTH - LABEL - 70;

    private Svg() {
    }

    /** Per-group values with CI whiskers and the threshold as a dashed line. */
    static String chart(FindingChart chart, String id) {
        int height = 30 + ROW * chart.bars().size() + 10;
        StringBuilder s = new StringBuilder();
        s.append("<svg class=\"chart\" role=\"img\" viewBox=\"0 0 ").append(WIDTH).append(' ').append(height)
                .append("\" aria-labelledby=\"").append(id).append("-t ").append(id).append("-d\">")
                .append("<title id=\"").append(id).append("-t\">").append(HtmlEscape.escapeHtml4Xml(chart.title())).append("</title>")
                .append("<desc id=\"").append(id).append("-d\">").append(HtmlEscape.escapeHtml4Xml(description(chart))).append("</desc>");
        double tx = LABEL + chart.fraction(chart.threshold()) * PLOT;
        int y = 30;
        for (FindingChart.Bar bar : chart.bars()) {
            s.append("<text x=\"").append(LABEL - 8).append("\" y=\"").append(y + 14).append("\" text-anchor=\"end\">")
                    .append(HtmlEscape.escapeHtml4Xml(shorten(bar.group() == null ? "overall" : bar.group()))).append("</text>");
            if (bar.value() == null) {
                s.append("<text x=\"").append(LABEL + 4).append("\" y=\"").append(y + 14).append("\" class=\"undefined\">undefined</text>");
            } else {
                double w = chart.fraction(bar.value()) * PLOT;
                s.append("<rect x=\"").append(LABEL).append("\" y=\"").append(y + 3).append("\" width=\"").append(fmt(w))
                        .append("\" height=\"").append(ROW - 8).append("\" class=\"").append(bar.fails() ? "bar fail" : "bar").append("\"/>");
                s.append("<text x=\"").append(LABEL + PLOT + 8).append("\" y=\"").append(y + 14).append("\">")
                        .append(bar.fails() ? "\u2716 " : "").append(String.format(Locale.ROOT, "%.3f", bar.value())).append("</text>");
            }
            if (bar.low() != null && bar.high() != null) {
                double a = LABEL + chart.fraction(bar.low()) * PLOT;
                double b = LABEL + chart.fraction(bar.high()) * PLOT;
                int mid = y + ROW / 2 + 1;
                s.append("<path class=\"whisker\" d=\"M").append(fmt(a)).append(' ').append(mid).append('H').append(fmt(b))
                        .append("M").append(fmt(a)).append(' ').append(mid - 5).append('V').append(mid + 5)
                        .append("M").append(fmt(b)).append(' ').append(mid - 5).append('V').append(mid + 5).append("\"/>");
            }
            y += ROW;
        }
        s.append("<line class=\"threshold\" x1=\"").append(fmt(tx)).append("\" y1=\"22\" x2=\"").append(fmt(tx))
                .append("\" y2=\"").append(y).append("\"/>")
                .append("<text x=\"").append(fmt(tx + 4)).append("\" y=\"16\">threshold ").append(HtmlEscape.escapeHtml4Xml(chart.comparator()))
                .append(' ').append(String.format(Locale.ROOT, "%.2f", chart.threshold())).append("</text></svg>");
        return s.toString();
    }

    private static String description(FindingChart chart) {
        List<String> parts = new ArrayList<>();
        for (FindingChart.Bar bar : chart.bars()) {
            parts.add((bar.group() == null ? "overall" : bar.group()) + " "
                    + (bar.value() == null ? "undefined" : String.format(Locale.ROOT, "%.3f", bar.value()))
                    + (bar.fails() ? " (fails)" : ""));
        }
        return "Threshold " + chart.comparator() + " " + chart.threshold() + ". " + String.join("; ", parts);
    }

    /** An intersection's grid (see {@link FindingChart#grid()}); each cell shows its text, its shade only repeats it. */
    static String heatMap(FindingChart chart, String id) {
        return chart.grid().map(grid -> heatMap(chart.title(), grid, id)).orElse("");
    }

    private static String heatMap(String title, FindingChart.Grid grid, String id) {
        int cw = 90;
        int ch = 30;
        int left = 130;
        int top = 40;
        int width = left + cw * grid.columns().size() + 10;
        int height = top + ch * grid.rows().size() + 10;
        StringBuilder s = new StringBuilder("<svg class=\"heatmap\" role=\"img\" viewBox=\"0 0 " + width + " " + height
                + "\" aria-labelledby=\"" + id + "-t\"><title id=\"" + id + "-t\">" + HtmlEscape.escapeHtml4Xml(title + ": "
                + grid.rowAttribute() + " \u00d7 " + grid.columnAttribute()) + ", value per intersection</title>");
        int x = left;
        for (String c : grid.columns()) {
            s.append("<text x=\"").append(x + cw / 2).append("\" y=\"").append(top - 10).append("\" text-anchor=\"middle\">")
                    .append(HtmlEscape.escapeHtml4Xml(shorten(c))).append("</text>");
            x += cw;
        }
        int y = top;
        for (String r : grid.rows()) {
            s.append("<text x=\"").append(left - 8).append("\" y=\"").append(y + 19).append("\" text-anchor=\"end\">")
                    .append(HtmlEscape.escapeHtml4Xml(shorten(r))).append("</text>");
            x = left;
            for (String c : grid.columns()) {
                FindingChart.Cell cell = grid.cell(r, c);
                s.append("<rect x=\"").append(x).append("\" y=\"").append(y).append("\" width=\"").append(cw - 2)
                        .append("\" height=\"").append(ch - 2).append("\" class=\"cell-").append(cell.shade()).append("\"/>")
                        .append("<text x=\"").append(x + cw / 2).append("\" y=\"").append(y + 19).append("\" text-anchor=\"middle\">")
                        .append(HtmlEscape.escapeHtml4Xml(cell.label())).append("</text>");
                x += cw;
            }
            y += ch;
        }
        return s.append("</svg>").toString();
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
                    .append("\" text-anchor=\"end\">").append(String.format(Locale.ROOT, "%.3f", tick)).append("</text>");
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
                    .append(String.format(Locale.ROOT, "%.2f", chart.threshold())).append("</text>");
        }
        if (chart.reference() != null) {
            double ry = y.applyAsDouble(chart.reference());
            s.append("<line class=\"reference\" x1=\"").append(left).append("\" y1=\"").append(fmt(ry)).append("\" x2=\"")
                    .append(left + plotWidth).append("\" y2=\"").append(fmt(ry)).append("\"/>")
                    // Its label goes on the side away from the threshold's, so the two never overlap.
                    .append("<text x=\"").append(left + plotWidth + 6).append("\" y=\"")
                    .append(fmt(chart.threshold() != null && chart.reference() > chart.threshold() ? ry - 6 : ry + 16)).append("\">release ")
                    .append(String.format(Locale.ROOT, "%.3f", chart.reference())).append("</text>");
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
                    : String.format(Locale.ROOT, "%.3f", p.value())
                    + (p.low() != null && p.high() != null ? String.format(Locale.ROOT, " [%.3f, %.3f]", p.low(), p.high()) : "");
            parts.add(p.label() + ": " + v + (p.outcome() == null ? "" : " " + p.outcome()) + (p.alarm() ? ", CUSUM alarm" : ""));
        }
        return (chart.threshold() == null ? "No single threshold" : "Threshold " + chart.comparator() + " " + chart.threshold())
                + "; " + (chart.reference() == null ? "no release value" : "release audit value "
                + String.format(Locale.ROOT, "%.3f", chart.reference())) + "; " + chart.alarms() + " CUSUM alarm(s). "
                + String.join("; ", parts);
    }

    private static String shorten(String label) {
        return label.length() > 22 ? label.substring(0, 21) + "\u2026" : label;
    }

    private static String fmt(double v) {
        return String.format(Locale.ROOT, "%.1f", v);
    }
}
