package dev.assay.cli;

import dev.assay.failure.InvalidInput;
import dev.assay.infrastructure.JsonText;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.PrintWriter;
import java.math.MathContext;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code assay audit MODEL VERSION}: {@code POST .../audits} (API.md) with the packs, metrics and datasets named
 * by options or a whole request body from a file. With {@code --wait} it follows the audit
 * ({@code GET /api/v1/audits/{id}} once a second), printing each new stage on stderr, and prints the decision,
 * the reasons and every finding that did not pass; {@code --download} then keeps the signed report, its JWS,
 * the PDF and the attestation for the pipeline's artefacts. Exit 0 when the audit ran (whatever it decided: ask
 * the gate for the verdict, which counts waivers), 2 when it could not start, failed on the server or outran
 * {@code --timeout}.
 */
@Command(name = "audit", description = "Start an audit of a model version; with --wait, follow it to its decision.")
final class AuditCommand extends ServerCommand implements Callable<Integer> {

    /** How often a waiting client asks: an audit takes seconds to minutes, and a GET costs the server little. */
    static final Duration POLL = Duration.ofSeconds(1);

    @Mixin
    VersionArguments version;

    @Option(names = "--policy", paramLabel = "PACK", description = "A policy pack to audit against, e.g. eeoc-four-fifths (repeatable).")
    List<String> policies = List.of();

    @Option(names = "--metric", paramLabel = "METRIC", description = "A metric to compute and report besides the rules' (repeatable).")
    List<String> metrics = List.of();

    @Option(names = "--dataset", paramLabel = "ID", description = "The evaluation dataset (default: the version's latest).")
    String dataset;

    @Option(names = "--baseline", paramLabel = "ID", description = "A baseline dataset to compare with (drift).")
    String baseline;

    @Option(names = "--request", paramLabel = "FILE",
            description = "The whole request body as JSON (with parameters, rounding, ...), instead of the options above.")
    Path request;

    @Option(names = "--wait", description = "Wait for the audit to finish, printing its progress on stderr.")
    boolean wait;

    @Option(names = "--timeout", defaultValue = "30m", converter = DurationConverter.class, paramLabel = "DURATION",
            description = "With --wait: how long to wait (default: ${DEFAULT-VALUE}).")
    Duration timeout;

    @Option(names = "--download", paramLabel = "DIR", description = "With --wait: save report.json, report.jws, report.pdf"
            + " and attestation.dsse.json of the finished audit in DIR.")
    Path download;

    @Option(names = "--json", description = "Print the audit as the server answers it (JSON) instead of a summary.")
    boolean json;

    @Override
    public Integer call() throws InterruptedException {
        String body = body();
        if (download != null && !wait) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--download needs --wait");
        }
        Server server = root.server();
        Server.Reply started = server.send("POST", version.path() + "/audits", "application/json",
                HttpRequest.BodyPublishers.ofString(body), Server.CALL);
        if (!started.ok()) {
            throw Server.failure(started);
        }
        Server.Reply last = started;
        JsonObject audit = started.json();
        String id = audit.getString("id");
        PrintWriter err = err();
        if (wait) {
            long deadline = System.nanoTime() + timeout.toNanos();
            String shown = "";
            while (!ended(audit)) {
                String now = stage(audit);
                if (!now.equals(shown)) {
                    err.println("audit " + id + ": " + now);
                    err.flush();
                    shown = now;
                }
                if (System.nanoTime() - deadline > 0) {
                    throw new CommandFailure("audit " + id + " is still " + audit.getString("status") + " after " + timeout
                            + "; it goes on: GET /api/v1/audits/" + id);
                }
                Thread.sleep(POLL.toMillis());
                last = server.get("/api/v1/audits/" + id, "application/json");
                if (!last.ok()) {
                    throw Server.failure(last);
                }
                audit = last.json();
            }
            if ("ERROR".equals(audit.getString("status"))) {
                throw new CommandFailure("audit " + id + " failed on the server: " + ProblemText.printable(audit.getString("error", "no reason given")));
            }
        }
        PrintWriter out = out();
        out.println(json ? last.text() : summary(audit, server));
        if (download != null) {
            save(server, id);
            err.println("saved report.json, report.jws, report.pdf and attestation.dsse.json in " + download);
        }
        return Exit.OK;
    }

    /** The request body: the file's, or one built from the options (nothing named: the server's defaults). */
    String body() {
        boolean named = !policies.isEmpty() || !metrics.isEmpty() || dataset != null || baseline != null;
        if (request != null) {
            if (named) {
                throw new CommandLine.ParameterException(spec.commandLine(),
                        "--request is the whole body: name packs, metrics and datasets in it, not with --policy, --metric, --dataset or --baseline");
            }
            try {
                String text = Files.readString(request);
                JsonText.read(text, "The audit request", 4 << 20);
                return text;
            } catch (IOException e) {
                throw new CommandFailure("cannot read " + request + ": " + e, e);
            } catch (InvalidInput e) {
                throw new CommandFailure(request + ": " + e.detail() + e.errors().stream().map(f -> "\n" + ProblemText.line(f))
                        .reduce("", String::concat), e);
            }
        }
        JsonObjectBuilder b = Json.createObjectBuilder();
        if (!policies.isEmpty()) {
            b.add("policies", Json.createArrayBuilder(policies));
        }
        if (!metrics.isEmpty()) {
            b.add("metrics", Json.createArrayBuilder(metrics));
        }
        if (dataset != null) {
            b.add("dataset", dataset);
        }
        if (baseline != null) {
            b.add("baseline", baseline);
        }
        return b.build().toString();
    }

    private static boolean ended(JsonObject audit) {
        String status = audit.getString("status", "");
        return status.equals("DONE") || status.equals("ERROR");
    }

    private static String stage(JsonObject audit) {
        JsonObject progress = audit.get("progress") instanceof JsonObject p ? p : null;
        return audit.getString("status", "?").toLowerCase(java.util.Locale.ROOT)
                + (progress == null ? "" : ", " + progress.getString("stage", "?") + " (" + progress.getInt("percent", 0) + "%)");
    }

    /** The decision, the reasons, and one line per finding that did not pass; then where the report is. */
    static String summary(JsonObject audit, Server server) {
        String id = audit.getString("id");
        StringBuilder b = new StringBuilder("audit ").append(id).append(": ").append(audit.getString("status"));
        if (audit.get("decision") instanceof JsonString decision) {
            b.append(", decision ").append(decision.getString());
        }
        if (audit.get("reasons") instanceof JsonArray reasons && !reasons.isEmpty()) {
            b.append("\n  reasons: ").append(String.join(", ", reasons.getValuesAs(JsonString.class).stream()
                    .map(JsonString::getString).map(ProblemText::printable).toList()));
        }
        if (audit.get("findings") instanceof JsonArray findings) {
            for (JsonObject f : findings.getValuesAs(JsonObject.class)) {
                if (!"pass".equals(f.getString("outcome", ""))) {
                    b.append("\n  ").append(finding(f));
                }
            }
        }
        if (audit.getString("status").equals("DONE")) {
            b.append("\n  report: ").append(server.resolve("/api/v1/audits/" + id + "/report"));
        }
        return b.toString();
    }

    /** {@code fail  race=Black  impact_ratio 0.4643 (95% CI 0.4136 to 0.5211), needs >= 0.8  [four-fifths-impact-ratio]}. */
    static String finding(JsonObject f) {
        StringBuilder b = new StringBuilder(String.format("%-9s", f.getString("outcome", "?")));
        String scope = f.get("scope") instanceof JsonString s ? s.getString() : null;
        String group = f.get("group") instanceof JsonString g ? g.getString() : null;
        b.append(' ').append(scope == null ? "dataset" : scope + (group == null ? "" : "=" + group));
        // Within a stratum of the rule's control columns: which one.
        if (f.get("stratum") instanceof JsonString stratum) {
            b.append(" in ").append(stratum.getString());
        }
        b.append("  ").append(f.getString("metric", "?"));
        if (f.get("undefined") instanceof JsonString why) {
            b.append(" undefined: ").append(why.getString());
        } else {
            b.append(' ').append(number(f.get("value")));
            if (f.get("ci") instanceof JsonArray ci && ci.size() == 2) {
                b.append(" (95% CI ").append(number(ci.get(0))).append(" to ").append(number(ci.get(1))).append(')');
            }
            if (f.containsKey("threshold")) {
                b.append(", needs ").append(f.getString("comparator", "")).append(' ').append(number(f.get("threshold")));
            }
        }
        b.append("  [").append(f.getString("rule", "?")).append(']');
        return ProblemText.printable(b.toString());
    }

    /** Four significant digits, for reading; the exact values are in the report and in --json. */
    private static String number(JsonValue v) {
        if (v instanceof JsonNumber n) {
            return n.isIntegral() ? n.toString() : n.bigDecimalValue().round(new MathContext(4)).stripTrailingZeros().toPlainString();
        }
        return v == null ? "null" : v.toString();
    }

    private void save(Server server, String id) {
        try {
            Files.createDirectories(download);
        } catch (IOException e) {
            throw new CommandFailure("cannot make " + download + ": " + e, e);
        }
        String at = "/api/v1/audits/" + id;
        server.download(at + "/report", "application/json", download.resolve("report.json"));
        server.download(at + "/report.jws", "application/jose", download.resolve("report.jws"));
        server.download(at + "/report", "application/pdf", download.resolve("report.pdf"));
        server.download(at + "/attestation", "application/vnd.dsse.envelope.v1+json", download.resolve("attestation.dsse.json"));
    }
}
