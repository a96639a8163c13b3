package dev.assay.harness;

import java.util.ArrayList;
import java.util.List;

/**
 * One row read by meaning, as the reference implementations see it: group (null when missing),
 * label and prediction 1/0/null, score (null when missing or non-finite), weight.
 */
record Obs(String g, Integer y, Integer p, Double s, long w) {

    static final String UNKNOWN = "(unknown)";

    /** The group's id as reported: the value, or "(unknown)". */
    String groupId() {
        return g == null ? UNKNOWN : g;
    }

    static List<Obs> of(Table t) {
        List<Obs> out = new ArrayList<>();
        for (Table.Row r : t.rows()) {
            out.add(new Obs(Table.text(r.g()), Table.binary(r.y()), Table.binary(r.p()), Table.number(r.s()), t.weight(r)));
        }
        return out;
    }
}
