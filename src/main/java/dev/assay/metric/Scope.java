package dev.assay.metric;

import java.util.List;

/**
 * The attributes whose values define groups: one protected attribute ({@code race}) or an
 * intersection ({@code sex*race}). The empty scope is the whole dataset.
 */
public record Scope(List<String> attributes) {

    public static final Scope OVERALL = new Scope(List.of());

    public Scope {
        attributes = List.copyOf(attributes);
    }

    public static Scope of(String... attributes) {
        return new Scope(List.of(attributes));
    }

    public boolean isOverall() {
        return attributes.isEmpty();
    }

    /** As reported: attribute names joined with {@code *}; null for the whole dataset. */
    public String id() {
        return isOverall() ? null : String.join("*", attributes);
    }
}
