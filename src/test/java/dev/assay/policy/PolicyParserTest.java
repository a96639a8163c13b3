package dev.assay.policy;

import dev.assay.failure.FieldError;
import dev.assay.failure.InvalidInput;
import dev.assay.metric.MetricParameters;
import dev.assay.metric.TopK;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PolicyParserTest {

    @Test
    void theBuiltInFourFifthsPackParses() {
        Policy p = PolicyParser.parse(PolicyCatalog.readBuiltIn("eeoc-four-fifths"));
        assertEquals("eeoc-four-fifths", p.id());
        Rule rule = p.rules().get(0);
        assertEquals("impact_ratio", rule.metric());
        assertEquals(new Threshold(Threshold.Comparator.GE, 0.8), rule.threshold());
        assertEquals(Rule.Severity.BLOCK, rule.severity());
        assertEquals(30, rule.minimumGroupSize());
        assertEquals(Outcome.WARN, rule.onUndefined());
        assertEquals("29 CFR 1607.4(D)", rule.cites().get(0).article());
    }

    @Test
    void everyBuiltInPackParsesAndCitesItsRegulation() {
        for (String id : PolicyCatalog.BUILT_IN) {
            Policy p = PolicyParser.parse(PolicyCatalog.readBuiltIn(id));
            assertEquals(id, p.id());
            p.rules().forEach(r -> assertTrue(!r.cites().isEmpty(), id + "/" + r.id() + " cites nothing"));
        }
    }

    @Test
    void controlsAreReadAndRefusedWhereTheyMeanNothing() {
        String rule = """
                id: p
                version: 1.0.0
                title: t
                rules:
                  - id: r
                    metric: %s
                    scope: protected
                    controls: %s
                    threshold: {comparator: ">=", value: 0.8}
                    severity: block
                %s""";
        Rule read = PolicyParser.parse(rule.formatted("impact_ratio", "[job_level, site]", "")).rules().get(0);
        assertEquals(List.of("job_level", "site"), read.controls());
        assertEquals(List.of(), PolicyParser.parse(PolicyCatalog.readBuiltIn("eeoc-four-fifths")).rules().get(0).controls());
        PolicyParser.parse(rule.formatted("selection_rate_difference", "[job_level]", ""));
        PolicyParser.parse(rule.formatted("mantel_haenszel_odds_ratio", "[job_level]", ""));

        InvalidInput notStratified = assertThrows(InvalidInput.class, () -> PolicyParser.parse(rule.formatted("accuracy", "[job_level]", "")));
        FieldError e = notStratified.errors().stream().filter(x -> x.pointer().equals("/rules/0/controls")).findFirst()
                .orElseThrow(() -> new AssertionError(notStratified.errors().toString()));
        assertTrue(e.message().startsWith("metric 'accuracy' is not computed within strata of control columns; controls apply to"
                + " impact_ratio (judged on mantel_haenszel_impact_ratio)"), e.message());
        assertEquals(8, e.line());

        InvalidInput detectable = assertThrows(InvalidInput.class, () -> PolicyParser.parse(rule.formatted("impact_ratio",
                "[job_level]", "    minimumDetectable: {impactRatio: 0.8}\n")));
        assertTrue(detectable.errors().stream().anyMatch(x -> x.pointer().equals("/rules/0/minimumDetectable")
                && x.message().contains("a rule with controls has no minimum detectable effect")), detectable.errors().toString());

        for (String bad : List.of("[]", "[a, a]", "job_level", "[\"\"]")) {
            InvalidInput schema = assertThrows(InvalidInput.class, () -> PolicyParser.parse(rule.formatted("impact_ratio", bad, "")));
            assertTrue(schema.errors().stream().anyMatch(x -> x.pointer().startsWith("/rules/0/controls")), bad + ": " + schema.errors());
        }
    }

    @Test
    void theHashIgnoresCommentsAndLayoutButNotContent() {
        String yaml = PolicyCatalog.readBuiltIn("eeoc-four-fifths");
        Policy original = PolicyParser.parse(yaml);
        Policy reformatted = PolicyParser.parse("# a comment\n" + yaml.replace("value: 0.8", "value: 0.80"));
        assertEquals(original.sha256(), reformatted.sha256());
        assertNotEquals(original.sha256(), PolicyParser.parse(yaml.replace("value: 0.8", "value: 0.75")).sha256());
    }

    @Test
    void schemaMistakesAreReportedTogetherWithLineAndColumn() {
        String yaml = """
                id: Bad Id
                version: one
                rules:
                  - id: r1
                    metric: impact_ratio
                    scope: protected
                    threshold: {comparator: "=~", value: 1}
                    severity: fatal
                """;
        InvalidInput p = assertThrows(InvalidInput.class, () -> PolicyParser.parse(yaml));
        List<String> pointers = p.errors().stream().map(FieldError::pointer).toList();
        assertTrue(pointers.containsAll(List.of("/id", "/version", "/title", "/rules/0/threshold/comparator",
                "/rules/0/severity")), pointers.toString());
        FieldError version = p.errors().stream().filter(e -> "/version".equals(e.pointer())).findFirst().orElseThrow();
        assertEquals(2L, version.line());
        assertEquals(10L, version.column());
        FieldError severity = p.errors().stream().filter(e -> "/rules/0/severity".equals(e.pointer())).findFirst().orElseThrow();
        assertEquals(8L, severity.line());
        assertTrue(severity.message().contains("block"), severity.message());
    }

    @Test
    void aTypoInAPropertyNameIsCaught() {
        String yaml = PolicyCatalog.readBuiltIn("eeoc-four-fifths").replace("    severity: block", "    severty: block");
        InvalidInput p = assertThrows(InvalidInput.class, () -> PolicyParser.parse(yaml));
        assertTrue(p.errors().stream().anyMatch(e -> e.message().contains("severty")), p.errors().toString());
        assertTrue(p.errors().stream().allMatch(e -> e.line() != null), "every error has a line");
    }

    @Test
    void aCitationLinkMustBeAWebAddress() {
        String yaml = PolicyCatalog.readBuiltIn("eeoc-four-fifths").replaceFirst("url: https://", "url: javascript://");
        InvalidInput p = assertThrows(InvalidInput.class, () -> PolicyParser.parse(yaml));
        FieldError url = p.errors().stream().filter(e -> e.pointer().endsWith("/url")).findFirst().orElseThrow(() ->
                new AssertionError(p.errors().toString()));
        assertTrue(url.line() != null && url.message().contains("https?"), url.toString());
    }

    @Test
    void meaningIsCheckedOnceTheShapeIsRight() {
        String yaml = """
                id: ok-pack
                version: 1.0.0
                title: A pack
                rules:
                  - id: r1
                    metric: no_such_metric
                    scope: protected
                    threshold: {between: [0.9, 0.8]}
                    severity: warn
                  - id: r1
                    metric: impact_ratio
                    scope: [sex, "sex*race"]
                    threshold: {comparator: ">=", value: 0.8}
                    severity: block
                """;
        InvalidInput p = assertThrows(InvalidInput.class, () -> PolicyParser.parse(yaml));
        FieldError metric = p.errors().stream().filter(e -> "/rules/0/metric".equals(e.pointer())).findFirst().orElseThrow();
        assertEquals(6L, metric.line());
        assertTrue(metric.message().contains("no_such_metric"));
        assertTrue(p.errors().stream().anyMatch(e -> "/rules/0/threshold/between".equals(e.pointer())));
        assertTrue(p.errors().stream().anyMatch(e -> "/rules/1/id".equals(e.pointer()) && e.message().contains("twice")));
    }

    @Test
    void newRuleFieldsParse() {
        Policy p = PolicyParser.parse("""
                id: full
                version: 1.0.0
                title: Every field
                rules:
                  - id: r1
                    metric: impact_ratio
                    scope: protected
                    reference: majority
                    threshold: {comparator: ">=", value: 0.8}
                    severity: block
                    significance: {maxAdjustedP: 0.05}
                    when: {task: [binary-classification], riskTier: [high]}
                    parameters: {excludeBelowShare: 0.02}
                  - id: r2
                    metric: accuracy
                    scope: protected
                    threshold: {between: [0.7, 1.0]}
                    severity: warn
                """);
        Rule r1 = p.rules().get(0);
        assertEquals(0.05, r1.maxAdjustedP());
        assertEquals(dev.assay.metric.Reference.MAJORITY, r1.parameters().reference());
        assertEquals(0.02, r1.parameters().excludeBelowShare());
        assertTrue(r1.appliesTo("binary-classification", "high"));
        assertTrue(!r1.appliesTo("binary-classification", "limited"));
        assertTrue(p.rules().get(1).threshold().passes(0.7) && !p.rules().get(1).threshold().passes(0.69));
    }

    /**
     * significance.test on a change from the approved version: paired (the default) or unpaired; refused on any
     * other metric, refused as an unknown word, and significance refused on a change Assay has no test for.
     */
    @Test
    void aChangesSignificanceTestIsPairedOrUnpairedAndOnlyWhereItMeansSomething() {
        Policy p = PolicyParser.parse("""
                id: changes
                version: 1.0.0
                title: Changes
                rules:
                  - {id: a, metric: accuracy_change_from_approved, scope: [overall, protected], threshold: {comparator: ">=", value: -0.02},
                     severity: block, significance: {test: paired, maxAdjustedP: 0.05}}
                  - {id: b, metric: roc_auc_change_from_approved, scope: overall, threshold: {comparator: ">=", value: -0.02},
                     severity: warn, significance: {test: unpaired, maxAdjustedP: 0.01}}
                  - {id: c, metric: recall_change_from_approved, scope: overall, threshold: {comparator: ">=", value: -0.02},
                     severity: warn, significance: {maxAdjustedP: 0.05}}
                """);
        assertEquals(Boolean.TRUE, p.rules().get(0).parameters().pairedChanges());
        assertEquals(0.05, p.rules().get(0).maxAdjustedP());
        assertEquals(Boolean.FALSE, p.rules().get(1).parameters().pairedChanges());
        assertTrue(!p.rules().get(1).parameters().applyTo(dev.assay.metric.MetricParameters.DEFAULTS, 30).pairedChanges());
        assertEquals(null, p.rules().get(2).parameters().pairedChanges(), "left to the default: paired where the rows pair");
        assertTrue(p.rules().get(2).parameters().applyTo(dev.assay.metric.MetricParameters.DEFAULTS, 30).pairedChanges());

        String yaml = """
                id: wrong
                version: 1.0.0
                title: Wrong
                rules:
                  - {id: a, metric: impact_ratio, scope: protected, threshold: {comparator: ">=", value: 0.8}, severity: block,
                     significance: {test: paired, maxAdjustedP: 0.05}}
                  - {id: b, metric: precision_change_from_approved, scope: overall, threshold: {comparator: ">=", value: -0.02},
                     severity: block, significance: {maxAdjustedP: 0.05}}
                  - {id: c, metric: accuracy_change_from_approved, scope: overall, threshold: {comparator: ">=", value: -0.02},
                     severity: block, significance: {test: matched, maxAdjustedP: 0.05}}
                """;
        InvalidInput e = assertThrows(InvalidInput.class, () -> PolicyParser.parse(yaml));
        FieldError test = e.errors().stream().filter(x -> "/rules/0/significance/test".equals(x.pointer())).findFirst().orElseThrow();
        assertEquals(6L, test.line());
        assertTrue(test.message().contains("only to a *_change_from_approved metric"), test.message());
        FieldError untested = e.errors().stream().filter(x -> "/rules/1/significance".equals(x.pointer())).findFirst().orElseThrow();
        assertTrue(untested.message().startsWith("no significance test for precision_change_from_approved: changes are tested for "
                + "accuracy_change_from_approved, recall_change_from_approved"), untested.message());
        assertTrue(e.errors().stream().anyMatch(x -> "/rules/2/significance/test".equals(x.pointer())), e.errors().toString());
    }

    @Test
    void aDetectionRequirementParsesAndMustSuitItsMetric() {
        Policy p = PolicyParser.parse("""
                id: powered
                version: 1.0.0
                title: Powered
                rules:
                  - {id: r1, metric: impact_ratio, scope: protected, threshold: {comparator: ">=", value: 0.8}, severity: block,
                     minimumDetectable: {impactRatio: 0.9}}
                  - {id: r2, metric: demographic_parity_difference, scope: protected, threshold: {comparator: "<=", value: 0.1},
                     severity: block, minimumDetectable: {difference: 0.05}}
                """);
        assertEquals(new DetectionRequirement(0.9, null), p.rules().get(0).minimumDetectable());
        assertEquals(new DetectionRequirement(null, 0.05), p.rules().get(1).minimumDetectable());
        InvalidInput e = assertThrows(InvalidInput.class, () -> PolicyParser.parse("""
                id: powered
                version: 1.0.0
                title: Powered
                rules:
                  - {id: r1, metric: impact_ratio, scope: protected, threshold: {comparator: ">=", value: 0.8}, severity: block,
                     minimumDetectable: {difference: 0.1}}
                  - {id: r2, metric: accuracy, scope: protected, threshold: {comparator: ">=", value: 0.8}, severity: block,
                     minimumDetectable: {impactRatio: 0.9}}
                  - {id: r3, metric: impact_ratio, scope: protected, threshold: {comparator: ">=", value: 0.8}, severity: block,
                     minimumDetectable: {impactRatio: 1.5}}
                """));
        List<String> said = e.errors().stream().map(x -> x.pointer() + " " + x.message()).toList();
        assertTrue(said.contains("/rules/0/minimumDetectable/difference metric 'impact_ratio' is judged as a ratio: use impactRatio"), said.toString());
        assertTrue(said.stream().anyMatch(m -> m.startsWith("/rules/1/minimumDetectable metric 'accuracy' has no minimum detectable effect")),
                said.toString());
        assertTrue(said.stream().anyMatch(m -> m.startsWith("/rules/2/minimumDetectable/impactRatio ")), said.toString());
    }

    @Test
    void aRankingsCutIsKOrShareOnlyWhereAMetricReadsIt() {
        Policy p = PolicyParser.parse("""
                id: shortlist
                version: 1.0.0
                title: Shortlist
                rules:
                  - {id: r1, metric: impact_ratio_at_k, scope: protected, threshold: {comparator: ">=", value: 0.8}, severity: block,
                     parameters: {k: 10}}
                  - {id: r2, metric: selection_rate_at_k, scope: protected, threshold: {comparator: ">=", value: 0.1}, severity: warn,
                     parameters: {share: 0.25}}
                  - {id: r3, metric: exposure_ratio, scope: protected, threshold: {comparator: ">=", value: 0.8}, severity: warn}
                """);
        assertEquals(TopK.rows(10), p.rules().get(0).parameters().topK());
        assertEquals(TopK.share(0.25), p.rules().get(1).parameters().topK());
        assertNull(p.rules().get(2).parameters().topK(), "exposure without a cut: the whole ranking");
        assertEquals(TopK.rows(10), p.rules().get(0).parameters().applyTo(MetricParameters.DEFAULTS, 30).topK());
        InvalidInput e = assertThrows(InvalidInput.class, () -> PolicyParser.parse("""
                id: shortlist
                version: 1.0.0
                title: Shortlist
                rules:
                  - {id: r1, metric: impact_ratio_at_k, scope: protected, threshold: {comparator: ">=", value: 0.8}, severity: block}
                  - {id: r2, metric: impact_ratio, scope: protected, threshold: {comparator: ">=", value: 0.8}, severity: block,
                     parameters: {k: 10}}
                  - {id: r3, metric: exposure, scope: protected, threshold: {comparator: ">=", value: 0.1}, severity: warn,
                     parameters: {k: 10, share: 0.5}}
                  - {id: r4, metric: selection_rate_at_k, scope: protected, threshold: {comparator: ">=", value: 0.1}, severity: warn,
                     parameters: {k: 0}}
                  - {id: r5, metric: selection_rate_at_k, scope: protected, threshold: {comparator: ">=", value: 0.1}, severity: warn,
                     parameters: {share: 1.5}}
                """));
        List<String> said = e.errors().stream().map(x -> x.pointer() + " " + x.message()).toList();
        assertTrue(said.contains("/rules/0/parameters metric 'impact_ratio_at_k' needs where the ranking is cut: parameters.k (rows)"
                + " or parameters.share (of the ranked rows)"), said.toString());
        assertTrue(said.stream().anyMatch(m -> m.startsWith("/rules/1/parameters/k metric 'impact_ratio' ranks nothing: k applies only to ")
                && m.contains("selection_rate_at_k, impact_ratio_at_k, exposure, normalized_discounted_exposure, exposure_ratio")), said.toString());
        assertTrue(said.contains("/rules/2/parameters/share give k (rows) or share (of the ranked rows), not both"), said.toString());
        assertTrue(said.stream().anyMatch(m -> m.startsWith("/rules/3/parameters/k ")), said.toString());
        assertTrue(said.stream().anyMatch(m -> m.startsWith("/rules/4/parameters/share ")), said.toString());
    }

    @Test
    void validityRulesNeedTheirDeclarationAndARegexDuckDbAccepts() {
        String yaml = """
                id: checks
                version: 1.0.0
                title: Checks
                rules:
                  - id: no-type
                    metric: type_validity
                    scope: [age]
                    threshold: {comparator: ">=", value: 0.99}
                    severity: warn
                  - id: lookahead
                    metric: pattern_match
                    scope: [zip]
                    parameters: {pattern: "^(?=[0-9])[0-9]{5}$"}
                    threshold: {comparator: ">=", value: 0.99}
                    severity: warn
                  - id: upside-down
                    metric: value_range
                    scope: [age]
                    parameters: {range: {min: 120, max: 0}}
                    threshold: {comparator: "<=", value: 0.01}
                    severity: warn
                  - id: fine
                    metric: allowed_values
                    scope: [sex]
                    parameters: {allowedValues: [F, M, 1, true]}
                    threshold: {comparator: ">=", value: 1}
                    severity: block
                """;
        InvalidInput p = assertThrows(InvalidInput.class, () -> PolicyParser.parse(yaml));
        List<String> messages = p.errors().stream().map(e -> e.pointer() + " " + e.message()).toList();
        assertEquals(3, messages.size(), messages.toString());
        assertTrue(messages.get(0).startsWith("/rules/0/parameters metric 'type_validity' needs parameters.type"), messages.get(0));
        assertTrue(messages.get(1).startsWith("/rules/1/parameters/pattern not a regular expression DuckDB"), messages.get(1));
        assertTrue(messages.get(2).startsWith("/rules/2/parameters/range min 120.0 is above max 0.0"), messages.get(2));
        assertTrue(p.errors().stream().allMatch(e -> e.line() != null), "every error has its line");
        Policy ok = PolicyParser.parse(yaml.substring(yaml.indexOf("  - id: fine")).replace("  - id: fine",
                "id: checks\nversion: 1.0.0\ntitle: Checks\nrules:\n  - id: fine"));
        assertEquals(4, ok.rules().get(0).parameters().expectation().allowedValues().size());
    }

    /** Each error as "pointer line:column message". */
    private static List<String> errors(List<FieldError> errors) {
        return errors.stream().map(e -> e.pointer() + " " + e.line() + ":" + e.column() + " " + e.message()).toList();
    }

    private static final String RULE_KEYS = "id, description, metric, scope, reference, threshold, severity, validFor, minimumGroupSize, "
            + "undefined, significance, controls, minimumDetectable, when, parameters, cites";

    @Test
    void aSchemaErrorAndAnUnknownMetricComeInOneAnswerEachWithLineAndColumn() {
        String yaml = """
                id: hiring
                version: 1.0.0
                title: Hiring
                rules:
                  - id: r1
                    metric: impact_rate
                    scope: protected
                    threshold: {comparator: ">=", value: 0.8}
                    severty: block
                    parameters: {pattern: "(?=x)", confidence: "0.95"}
                  - id: r2
                    metric: pattern_match
                    scope: [zip]
                    threshold: {comparator: "=>", value: 0.9}
                    severity: warn
                """;
        InvalidInput p = assertThrows(InvalidInput.class, () -> PolicyParser.parse(yaml));
        assertEquals("The policy has 7 problem(s)", p.getMessage());
        assertEquals(List.of(
                "/rules/0/severity 5:5 is required",
                "/rules/0/metric 6:13 unknown metric 'impact_rate'; the README's metric reference lists every metric id",
                "/rules/0/severty 9:5 unknown property 'severty' (did you mean 'severity'?); known here: " + RULE_KEYS,
                "/rules/0/parameters/pattern 10:27 not a regular expression DuckDB (RE2 syntax) accepts: invalid perl operator: (?=",
                "/rules/0/parameters/confidence 10:48 must be a number, not a string",
                "/rules/1/parameters 11:5 metric 'pattern_match' needs parameters.pattern",
                "/rules/1/threshold/comparator 14:29 must be one of \">=\", \">\", \"<=\", \"<\""), errors(p.errors()));
    }

    @Test
    void aValueOfTheWrongTypeForEveryAlternativeIsSaidOnce() {
        String yaml = """
                id: hiring
                version: 1.0.0
                title: Hiring
                rules:
                  - {id: r1, metric: impact_ratio, scope: 3, threshold: [0.8], severity: block, reference: {group: 1}}
                """;
        InvalidInput p = assertThrows(InvalidInput.class, () -> PolicyParser.parse(yaml));
        assertEquals(List.of(
                "/rules/0/scope 5:43 must be a string or an array, not an integer",
                "/rules/0/threshold 5:57 must be an object, not an array",
                "/rules/0/reference/group 5:100 must be a string, not an integer"), errors(p.errors()));
    }

    @Test
    void anExtendingPacksOverridesAreJudgedAsFarAsTheyCanBeWithoutItsParent() {
        String yaml = """
                id: strict
                version: 1.0.0
                title: Stricter
                extends: eeoc-four-fifths
                overrides:
                  four-fifths-impact-ratio:
                    metric: impact_ration
                    threshold: {between: [0.9, 0.8]}
                    severity: fatal
                    treshold: {comparator: ">=", value: 0.9}
                """;
        var json = dev.assay.infrastructure.Yaml.readJson(yaml, "The policy");
        assertEquals(List.of(
                "/overrides/four-fifths-impact-ratio/metric 7:13 unknown metric 'impact_ration'; the README's metric "
                        + "reference lists every metric id",
                "/overrides/four-fifths-impact-ratio/threshold/between 8:26 the lower bound 0.9 is above the upper bound 0.8",
                "/overrides/four-fifths-impact-ratio/severity 9:15 must be one of \"block\", \"warn\"",
                "/overrides/four-fifths-impact-ratio/treshold 10:5 unknown property 'treshold' (did you mean 'threshold'?); "
                        + "known here: description, metric, scope, reference, threshold, severity, validFor, minimumGroupSize, undefined, "
                        + "significance, minimumDetectable, when, parameters, cites"),
                errors(dev.assay.infrastructure.SchemaCheck.placed(PolicyParser.problemsOfExtension(json),
                        dev.assay.infrastructure.YamlPositions.of(yaml))));
    }

    @Test
    void aPackAndItsRulesMayStateHowLongAnAuditStaysValid() {
        Policy ll144 = PolicyParser.parse(PolicyCatalog.readBuiltIn("nyc-ll144"));
        assertEquals("P1Y", ll144.validFor().text());
        ll144.rules().forEach(r -> assertEquals("P1Y", r.validity(ll144).text(), r.id() + " takes its pack's year"));
        Policy own = PolicyParser.parse(PolicyCatalog.readBuiltIn("eeoc-four-fifths")
                .replace("    severity: block", "    severity: block\n    validFor: P6M"));
        assertEquals(null, own.validFor());
        assertEquals("P6M", own.rules().get(0).validFor().text());
        assertEquals(null, PolicyParser.parse(PolicyCatalog.readBuiltIn("eeoc-four-fifths")).rules().get(0).validity(
                PolicyParser.parse(PolicyCatalog.readBuiltIn("eeoc-four-fifths"))), "no validity: never expires");
    }

    @Test
    void aValidityOfAnotherFormOrOfZeroIsRefusedWithItsPlace() {
        String yaml = PolicyCatalog.readBuiltIn("eeoc-four-fifths").replace("version: 1.0.0", "version: 1.0.0\nvalidFor: 1 year")
                .replace("    severity: block", "    severity: block\n    validFor: P0D");
        InvalidInput p = assertThrows(InvalidInput.class, () -> PolicyParser.parse(yaml));
        FieldError pack = p.errors().stream().filter(e -> e.pointer().equals("/validFor")).findFirst()
                .orElseThrow(() -> new AssertionError(p.errors().toString()));
        assertTrue(pack.message().contains("does not match") || pack.message().contains("pattern"), pack.message());
        FieldError rule = p.errors().stream().filter(e -> e.pointer().equals("/rules/0/validFor")).findFirst()
                .orElseThrow(() -> new AssertionError(p.errors().toString()));
        assertEquals("must be longer than zero", rule.message());
        assertTrue(pack.line() != null && rule.line() != null, "both placed in the YAML");
    }

    @Test
    void aPackThatExtendsAnotherKeepsItsValidityUnlessItStatesItsOwn() {
        StoredPolicy ll144 = new StoredPolicy(PolicyParser.parse(PolicyCatalog.readBuiltIn("nyc-ll144")), true, "assay-system",
                java.time.Instant.parse("2026-01-01T00:00:00Z"));
        var child = (jakarta.json.JsonObject) dev.assay.infrastructure.Yaml.readJson("""
                id: ll144-strict
                version: 1.0.0
                title: Stricter
                extends: nyc-ll144
                """, "The policy");
        assertEquals("P1Y", PolicyParser.parse(PolicyInheritance.resolve(child, ll144), null).validFor().text());
        var own = jakarta.json.Json.createObjectBuilder(child).add("validFor", "P6M").build();
        assertEquals("P6M", PolicyParser.parse(PolicyInheritance.resolve(own, ll144), null).validFor().text());
    }

    /** A comparison of groups over the whole dataset compared one group with itself (and the engine failed on it): refused. */
    @Test
    void aComparisonOverTheWholeDatasetIsRefusedWithItsPlace() {
        InvalidInput e = assertThrows(InvalidInput.class, () -> PolicyParser.parse("""
                id: overall-ratio
                version: 1.0.0
                title: t
                rules:
                  - {id: ok, metric: selection_rate, scope: overall, threshold: {comparator: ">=", value: 0.1}, severity: warn}
                  - {id: ir, metric: impact_ratio, scope: overall, threshold: {comparator: ">=", value: 0.8}, severity: block}
                  - {id: ir2, metric: impact_ratio_at_k, scope: [protected, overall], parameters: {k: 5},
                     threshold: {comparator: ">=", value: 0.8}, severity: block}
                """));
        assertEquals(List.of("/rules/1/scope", "/rules/2/scope"), e.errors().stream().map(FieldError::pointer).toList());
        assertTrue(e.errors().get(0).message().contains("compares groups with a reference group"), e.errors().get(0).message());
    }
}
