package dev.assay.report;

import dev.assay.metric.Comparison;
import dev.assay.metric.MetricValue;
import dev.assay.policy.Citation;
import dev.assay.policy.Finding;
import dev.assay.policy.Policy;
import dev.assay.policy.Rule;
import dev.assay.policy.RuleParameters;
import dev.assay.metric.Reference;
import dev.assay.stats.Interval;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import jakarta.json.spi.JsonProvider;

import java.util.List;
import java.util.Locale;

/**
 * The JSON shape of findings, metric values and policies: one place, used by the report and, read
 * back from the report, by the API. Undefined values are {@code null} with an {@code undefined}
 * reason beside them.
 */
public final class ReportJson {

    /** Looked up once: the static factories of {@code jakarta.json.Json} look the provider up on every call, a class-path scan each. */
    private static final JsonProvider JSON = JsonProvider.provider();

    private ReportJson() {
    }

    public static JsonObject metric(MetricValue v) {
        JsonObjectBuilder b = JSON.createObjectBuilder()
                .add("metric", v.metric())
                .add("scope", nullable(v.scope()))
                .add("group", nullable(v.group()))
                .add("value", v.value() == null ? JsonValue.NULL : JSON.createValue(v.value()))
                .add("ci", ci(v.ci()))
                .add("n", v.n());
        if (v.undefined() != null) {
            b.add("undefined", v.undefined());
        }
        if (v.reference() != null) {
            b.add("reference", v.reference());
        }
        if (v.test() != null) {
            b.add("test", JSON.createObjectBuilder()
                    .add("name", v.test().test())
                    .add("statistic", !Double.isFinite(v.test().statistic()) ? JsonValue.NULL : JSON.createValue(v.test().statistic()))
                    .add("p", v.test().pValue())
                    .add("pAdjusted", v.adjustedP() == null ? JsonValue.NULL : JSON.createValue(v.adjustedP())));
        }
        if (v.note() != null) {
            b.add("note", v.note());
        }
        if (v.at() != null) {
            b.add("at", v.at());
        }
        if (v.comparison() != null) {
            b.add("comparison", comparison(v.comparison()));
        }
        if (v.stratum() != null) {
            b.add("stratum", v.stratum());
        }
        if (v.outcomeClass() != null) {
            b.add("class", v.outcomeClass());
        }
        return b.build();
    }

    /**
     * How a change from the approved version was tested: {@code design} (paired or unpaired) and {@code why};
     * the values compared on the tested rows ({@code now} on {@code n} rows, {@code before} on {@code approvedN});
     * for paired rates the discordant pairs ({@code improved}: right only now, {@code worsened}: right only
     * before); how the datasets' rows paired by id ({@code pairing}, when they were joined); {@code untested}
     * says why there is no test, when there is none.
     */
    static JsonObject comparison(Comparison c) {
        JsonObjectBuilder b = JSON.createObjectBuilder()
                .add("design", c.design())
                .add("why", c.why())
                .add("now", c.now() == null ? JsonValue.NULL : JSON.createValue(c.now()))
                .add("n", c.n())
                .add("before", c.before() == null ? JsonValue.NULL : JSON.createValue(c.before()))
                .add("approvedN", c.approvedN());
        if (c.improved() != null) {
            b.add("improved", c.improved()).add("worsened", c.worsened());
        }
        if (c.pairing() != null) {
            Comparison.Pairing p = c.pairing();
            b.add("pairing", JSON.createObjectBuilder().add("rows", p.rows()).add("withoutId", p.withoutId())
                    .add("duplicated", p.duplicated()).add("unmatched", p.unmatched()).add("conflicting", p.conflicting())
                    .add("pairs", p.pairs()).add("approvedRows", p.approvedRows()).add("approvedWithoutId", p.approvedWithoutId())
                    .add("approvedDuplicated", p.approvedDuplicated()).add("approvedUnmatched", p.approvedUnmatched()));
        }
        if (c.untested() != null) {
            b.add("untested", c.untested());
        }
        return b.build();
    }

    /**
     * A comparison (as {@link #comparison} writes it) in words, for the PDF and the portal: the design and why,
     * the tested rows, the rows the pairing left out, or why there is no test.
     */
    public static String describe(JsonObject c) {
        StringBuilder b = new StringBuilder(c.getString("design")).append(": ").append(c.getString("why"));
        if (c.get("improved") instanceof JsonNumber improved) {
            b.append("; ").append(c.getJsonNumber("n")).append(" pairs, ").append(improved).append(" right only now, ")
                    .append(c.get("worsened")).append(" right only before");
        } else {
            b.append("; ").append(four(c.get("now"))).append(" now on ").append(c.getJsonNumber("n")).append(" rows, ")
                    .append(four(c.get("before"))).append(" before on ").append(c.getJsonNumber("approvedN"));
        }
        if (c.get("pairing") instanceof JsonObject p) {
            b.append(String.format(Locale.ROOT, "; left out of the pairs here: %d without id, %d duplicated, %d unmatched, %d conflicting; "
                            + "in the approved dataset: %d without id, %d duplicated, %d unmatched", p.getJsonNumber("withoutId").longValue(),
                    p.getJsonNumber("duplicated").longValue(), p.getJsonNumber("unmatched").longValue(),
                    p.getJsonNumber("conflicting").longValue(), p.getJsonNumber("approvedWithoutId").longValue(),
                    p.getJsonNumber("approvedDuplicated").longValue(), p.getJsonNumber("approvedUnmatched").longValue()));
        }
        if (c.containsKey("untested")) {
            b.append("; no test: ").append(c.getString("untested"));
        }
        return b.toString();
    }

    private static String four(JsonValue v) {
        return v instanceof JsonNumber n ? String.format(Locale.ROOT, "%.4f", n.doubleValue()) : "undefined";
    }

    public static JsonObject finding(Finding f) {
        JsonObjectBuilder b = JSON.createObjectBuilder()
                .add("rule", f.rule())
                .add("policy", f.policy())
                .add("metric", f.metric())
                .add("scope", nullable(f.scope()))
                .add("group", nullable(f.group()))
                .add("value", f.value() == null ? JsonValue.NULL : JSON.createValue(f.value()))
                .add("ci", ci(f.ci()))
                .add("n", f.n())
                .add("threshold", f.threshold().bound())
                .add("comparator", f.threshold().comparator().symbol())
                .add("outcome", f.outcome().id())
                .add("severity", f.severity().id())
                .add("effect", f.effect().id());
        if (f.stratum() != null) {
            b.add("stratum", f.stratum());
        }
        if (f.threshold().upper() != null) {
            b.add("upper", f.threshold().upper());
        }
        if (f.reason() != null) {
            b.add("undefined", f.reason());
        }
        if (f.note() != null) {
            b.add("note", f.note());
        }
        if (f.adjustedP() != null) {
            b.add("pAdjusted", f.adjustedP());
        }
        if (f.reference() != null) {
            b.add("reference", f.reference());
        }
        if (f.minimumDetectable() != null) {
            b.add("minimumDetectable", detectable(f.minimumDetectable()));
        }
        // Only for a multiclass model's per-class values: reports of other findings keep their exact shape.
        if (f.outcomeClass() != null) {
            b.add("class", f.outcomeClass());
        }
        return b.build();
    }

    /** What a finding's comparison could have missed: its {@code minimum_detectable_<metric>} value, defined or with its reason. */
    private static JsonObject detectable(MetricValue v) {
        JsonObjectBuilder b = JSON.createObjectBuilder().add("metric", v.metric())
                .add("value", v.value() == null ? JsonValue.NULL : JSON.createValue(v.value()));
        if (v.undefined() != null) {
            b.add("undefined", v.undefined());
        }
        if (v.note() != null) {
            b.add("note", v.note());
        }
        return b.build();
    }

    public static JsonObject policy(Policy p) {
        JsonArrayBuilder rules = JSON.createArrayBuilder();
        for (Rule r : p.rules()) {
            JsonArrayBuilder cites = JSON.createArrayBuilder();
            for (Citation c : r.cites()) {
                cites.add(JSON.createObjectBuilder().add("regulation", c.regulation())
                        .add("article", nullable(c.article())).add("url", nullable(c.url())));
            }
            JsonObjectBuilder rule = JSON.createObjectBuilder();
            JsonObject own = parameters(r.parameters());
            if (!own.isEmpty()) {
                // Only when the rule sets any: reports of rules without them keep the shape they always had.
                rule.add("parameters", own);
            }
            rule
                    .add("id", r.id())
                    .add("description", r.description())
                    .add("metric", r.metric())
                    .add("scope", JSON.createArrayBuilder(r.scope()))
                    .add("threshold", r.threshold().bound())
                    .add("upper", r.threshold().upper() == null ? JsonValue.NULL : JSON.createValue(r.threshold().upper()))
                    .add("comparator", r.threshold().comparator().symbol())
                    .add("significance", r.maxAdjustedP() == null ? JsonValue.NULL : JSON.createValue(r.maxAdjustedP()))
                    .add("severity", r.severity().id())
                    .add("minimumGroupSize", r.minimumGroupSize())
                    .add("undefined", r.onUndefined().id())
                    .add("cites", cites);
            // Only where a rule sets them: reports of rules without them keep their exact shape.
            if (r.minimumDetectable() != null) {
                rule.add("minimumDetectable", r.minimumDetectable().impactRatio() != null
                        ? JSON.createObjectBuilder().add("impactRatio", r.minimumDetectable().impactRatio())
                        : JSON.createObjectBuilder().add("difference", r.minimumDetectable().difference()));
            }
            if (r.parameters().pairedChanges() != null) {
                rule.add("significanceTest", r.parameters().pairedChanges() ? "paired" : "unpaired");
            }
            // Only when stated: reports of packs without a validity keep the shape they always had.
            if (r.validFor() != null) {
                rule.add("validFor", r.validFor().text());
            }
            rules.add(rule);
        }
        JsonObjectBuilder pack = JSON.createObjectBuilder()
                .add("id", p.id()).add("version", p.version()).add("sha256", p.sha256()).add("title", p.title())
                .add("rules", rules);
        if (p.validFor() != null) {
            pack.add("validFor", p.validFor().text());
        }
        return pack.build();
    }

    /**
     * What a rule sets about how its metric is computed, named as in an audit request's {@code parameters}
     * (a reader sees, beside the rule, e.g. the 2% exclusion of 6 RCNY 5-301); empty when it sets nothing.
     */
    static JsonObject parameters(RuleParameters p) {
        JsonObjectBuilder b = JSON.createObjectBuilder();
        if (p == null) {
            return b.build();
        }
        if (p.reference() != null) {
            b.add("reference", p.reference().kind() == Reference.Kind.NAMED
                    ? JSON.createObjectBuilder().add("group", p.reference().group()).build()
                    : JSON.createValue(p.reference().kind().name().toLowerCase(java.util.Locale.ROOT)));
        }
        if (p.confidence() != null) {
            b.add("confidence", p.confidence());
        }
        if (p.excludeBelowShare() != null) {
            b.add("excludeBelowShare", p.excludeBelowShare());
        }
        if (p.strictMedian() != null) {
            b.add("scoringRate", p.strictMedian() ? "above_median" : "at_or_above_median");
        }
        if (p.worstCase() != null) {
            b.add("equalizedOdds", p.worstCase() ? "worst_case" : "mean");
        }
        if (p.alpha() != null) {
            b.add("alpha", p.alpha());
        }
        if (p.worstClass() != null) {
            b.add("classAggregation", p.worstClass() ? "worst" : "mean");
        }
        if (p.proxies() != null && !p.proxies().isEmpty()) {
            b.add("proxies", JSON.createArrayBuilder(p.proxies()));
        }
        if (p.topK() != null && p.topK().k() != null) {
            b.add("k", p.topK().k());
        }
        if (p.topK() != null && p.topK().share() != null) {
            b.add("share", p.topK().share());
        }
        return b.build();
    }

    public static JsonValue array(List<JsonObject> objects) {
        JsonArrayBuilder b = JSON.createArrayBuilder();
        objects.forEach(b::add);
        return b.build();
    }

    private static JsonValue ci(Interval ci) {
        return ci == null ? JsonValue.NULL : JSON.createArrayBuilder().add(ci.lower()).add(ci.upper()).build();
    }

    static JsonValue nullable(String s) {
        return s == null ? JsonValue.NULL : JSON.createValue(s);
    }
}
