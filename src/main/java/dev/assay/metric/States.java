package dev.assay.metric;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Everything an audit's scans produced, by key: the mergeable states the metrics are computed from.
 * Each family declares the {@link Key}s of the states its scans write (the counts per group, the drift
 * of each column, ...), so the engine can carry every family's states without knowing their types.
 * Immutable: {@link #with} gives a new set.
 */
public class States {

    /** No state at all. */
    public static final States NONE = new States(Map.of());

    /**
     * The name and type of one kind of state. Keys are compared by identity: a family holds its keys as
     * constants, and only code that can see the constant can read the state.
     */
    public static final class Key<S> {

        private final String name;

        public Key(String name) {
            this.name = name;
        }

        @Override
        public String toString() {
            return name;
        }
    }

    private final Map<Key<?>, Object> values;

    protected States(Map<Key<?>, Object> values) {
        this.values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
    }

    /** The same states, seen through a family's view (a subclass with typed accessors). */
    protected States(States states) {
        this.values = states.values;
    }

    /** The state under {@code key}, if a scan wrote it. */
    @SuppressWarnings("unchecked")
    public final <S> Optional<S> find(Key<S> key) {
        return Optional.ofNullable((S) values.get(key));
    }

    /** The state under {@code key}, or {@code absent} when no scan wrote it. */
    public final <S> S get(Key<S> key, S absent) {
        return find(key).orElse(absent);
    }

    public final boolean has(Key<?> key) {
        return values.containsKey(key);
    }

    /** These states and {@code value} under {@code key} (replacing what was there). */
    public <S> States with(Key<S> key, S value) {
        return new States(added(key, value));
    }

    /** These states and every state of {@code other} (the other's win where both hold a key). */
    public States withAll(States other) {
        Map<Key<?>, Object> all = new LinkedHashMap<>(values);
        all.putAll(other.values);
        return new States(all);
    }

    /** Equal when they hold equal states under the same keys (whatever view they are seen through). */
    @Override
    public final boolean equals(Object other) {
        return other instanceof States o && values.equals(o.values);
    }

    @Override
    public final int hashCode() {
        return values.hashCode();
    }

    @Override
    public String toString() {
        return getClass().getSimpleName() + values;
    }

    protected final <S> Map<Key<?>, Object> added(Key<S> key, S value) {
        Map<Key<?>, Object> all = new LinkedHashMap<>(values);
        all.put(key, value);
        return all;
    }
}
