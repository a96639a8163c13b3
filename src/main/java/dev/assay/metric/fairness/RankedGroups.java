package dev.assay.metric.fairness;

import dev.assay.metric.GroupKey;
import dev.assay.metric.MetricValue;
import dev.assay.metric.TopK;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One scope's groups at one cut of the ranking, as every ranking metric reads them: the cut, each group's
 * {@link RankedGroup} (a group of the counts no ranked or unranked row fell in is there, empty) and the whole
 * ranking's; and the facts every value states, in its {@code at} and note.
 *
 * @param cut     where the rule's cut fell in the ranking
 * @param groups  the scope's groups, put in report order ({@link GroupKey#ORDER})
 * @param overall the whole dataset's
 */
record RankedGroups(Cut cut, Map<GroupKey, RankedGroup> groups, RankedGroup overall) {

    RankedGroups {
        Map<GroupKey, RankedGroup> sorted = new LinkedHashMap<>();
        groups.entrySet().stream().sorted(Map.Entry.comparingByKey(GroupKey.ORDER)).forEach(e -> sorted.put(e.getKey(), e.getValue()));
        groups = Collections.unmodifiableMap(sorted);
    }

    /** Why a group without ranked rows has no value. */
    static final String NO_SCORE = "no row of this group has a score";

    /** Where on the ranking a value applies ("top 10"); null for the whole ranking. */
    String at() {
        return cut.asked().at(cut.ranked());
    }

    /**
     * {@code v} with what a reader must know about how its group was ranked beside its own note: the cut beyond
     * the ranking, the rows tied at the cut and their chance of selection, the group's rows without a score.
     */
    MetricValue described(MetricValue v, RankedGroup g) {
        StringBuilder note = new StringBuilder(v.note() == null ? "" : v.note());
        TopK asked = cut.asked();
        if (!asked.isNone() && cut.k() > cut.ranked()) {
            append(note, "the cut (" + asked + ") is beyond the " + cut.ranked() + " ranked rows: every ranked row is selected");
        } else if (asked.share() != null && cut.k() == 0) {
            append(note, asked + " of " + cut.ranked() + " ranked rows rounds to k = 0: no row is selected");
        }
        if (g.atCut() > 0) {
            append(note, g.atCut() + " of the " + cut.tied() + " rows tied at the cut each count " + cut.inside() + "/" + cut.tied()
                    + " (the chance a random tie-break selects it)");
        }
        if (g.unranked() > 0) {
            append(note, g.unranked() + (g.unranked() == 1 ? " row" : " rows") + " without a score, not ranked");
        }
        MetricValue out = v.at(at());
        return note.isEmpty() ? out : out.withNote(note.toString());
    }

    private static void append(StringBuilder note, String text) {
        if (!note.isEmpty()) {
            note.append("; ");
        }
        note.append(text);
    }

    /** The scope's groups with their states, in report order. */
    List<Map.Entry<GroupKey, RankedGroup>> entries() {
        return List.copyOf(groups.entrySet());
    }
}
