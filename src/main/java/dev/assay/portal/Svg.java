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

    private static String shorten(String label) {
        return label.length() > 22 ? label.substring(0, 21) + "\u2026" : label;
    }

    private static String fmt(double v) {
        return String.format(Locale.ROOT, "%.1f", v);
    }
}
