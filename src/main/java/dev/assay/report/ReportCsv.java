package dev.assay.report;

import dev.assay.infrastructure.SpreadsheetCsv;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;

import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * A signed report's findings and metric values as CSV for spreadsheets (issue 19 §8; API.md, "Reports for
 * readers"), written by {@link SpreadsheetCsv} (RFC 4180, formula-injection neutralised), one header row, one row
 * per finding or value in the report's order. Read from the report's canonical JSON, so a download says exactly what was signed.
 * Numbers are written as the JSON has them; an undefined value is an empty cell with its reason in
 * {@code undefined}. Text that a spreadsheet would run as a formula (a cell beginning with {@code =}, {@code +},
 * {@code -}, {@code @}, a tab or a carriage return: a group named {@code =HYPERLINK(...)}) is neutralised with a
 * leading apostrophe, as OWASP's "CSV Injection" advises; numbers are never altered.
 */
public final class ReportCsv {

    private ReportCsv() {
    }

    /** One column: its header and how a row's cell is read from the JSON object. */
    private record Column(String header, Function<JsonObject, Object> cell) {
    }

    private static final List<Column> FINDINGS = List.of(
            text("policy"), text("rule"), text("metric"), text("scope"), text("group"), text("stratum"), text("class"),
            text("outcome"), text("severity"), text("effect"), number("value"), ci(0, "ci_lower"), ci(1, "ci_upper"), number("n"),
            text("comparator"), number("threshold"), number("upper"), number("pAdjusted", "p_adjusted"), text("reference"),
            new Column("minimum_detectable", f -> f.get("minimumDetectable") instanceof JsonObject d ? number(d.get("value")) : null),
            text("undefined"), text("note"));

    private static final List<Column> METRICS = List.of(
            text("metric"), text("scope"), text("group"), text("stratum"), text("class"), text("at"), number("value"),
            ci(0, "ci_lower"), ci(1, "ci_upper"), number("n"), text("reference"),
            new Column("test", m -> m.get("test") instanceof JsonObject t ? SpreadsheetCsv.text(textOf(t.get("name"))) : null),
            new Column("statistic", m -> m.get("test") instanceof JsonObject t ? number(t.get("statistic")) : null),
            new Column("p", m -> m.get("test") instanceof JsonObject t ? number(t.get("p")) : null),
            new Column("p_adjusted", m -> m.get("test") instanceof JsonObject t ? number(t.get("pAdjusted")) : null),
            text("undefined"), text("note"));

    /** The findings of a report's canonical JSON text as CSV text. */
    public static String findings(String reportJson) {
        return findings(read(reportJson));
    }

    /** The metric values of a report's canonical JSON text as CSV text. */
    public static String metrics(String reportJson) {
        return metrics(read(reportJson));
    }

    private static JsonObject read(String json) {
        try (JsonReader r = Json.createReader(new StringReader(json))) {
            return r.readObject();
        }
    }

    /** The report's {@code findings} as CSV text. */
    public static String findings(JsonObject report) {
        return csv(report.getJsonArray("findings"), FINDINGS);
    }

    /** The report's {@code metrics} as CSV text. */
    public static String metrics(JsonObject report) {
        return csv(report.getJsonArray("metrics"), METRICS);
    }

    private static String csv(JsonArray rows, List<Column> columns) {
        List<List<Object>> records = new ArrayList<>(rows.size());
        for (JsonObject row : rows.getValuesAs(JsonObject.class)) {
            List<Object> cells = new ArrayList<>(columns.size());
            for (Column c : columns) {
                cells.add(c.cell().apply(row));
            }
            records.add(cells);
        }
        return SpreadsheetCsv.of(columns.stream().map(Column::header).toList(), records);
    }

    private static Column text(String key) {
        return new Column(key, o -> SpreadsheetCsv.text(textOf(o.get(key))));
    }

    private static Column number(String key) {
        return number(key, key);
    }

    private static Column number(String key, String header) {
        return new Column(header, o -> number(o.get(key)));
    }

    private static Column ci(int end, String header) {
        return new Column(header, o -> o.get("ci") instanceof JsonArray a && a.size() == 2 ? number(a.get(end)) : null);
    }

    private static String textOf(JsonValue v) {
        return v instanceof JsonString s ? s.getString() : null;
    }

    /** A number as the canonical JSON wrote it (RFC 8785's shortest form); not a number: an empty cell. */
    private static String number(JsonValue v) {
        return v instanceof JsonNumber n ? n.toString() : null;
    }
}
