package dev.assay.infrastructure;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * Values read from the database and kept for the read paths CI fleets hammer (the gate, token checks),
 * without ever answering with what a committed change has replaced.
 *
 * <p>Why it is exact on one server: a change announces itself inside its transaction ({@link #changing})
 * and again once that transaction has completed ({@link #changed}). From the first call to the second the
 * value is neither served nor kept, so every read in that span goes to the database, which shows what
 * is committed; after the second, the next read sees the change. A read that began before a change
 * cannot keep what it read afterwards: every change moves a generation, and a value is kept only if the
 * generation it was read under is still current.
 *
 * <p>Why it is bounded across servers: another server's change cannot be heard here, so a value is kept
 * at most {@code ttl} (and never past the instant its own {@code until} function names, for values that
 * change by the clock: a waiver's or a token's expiry). Another server's change is seen within {@code ttl}.
 *
 * <p>At most {@code capacity} values are kept, the least recently read going first. {@code null} (not
 * found) is never kept: what is absent now may be created the next moment.
 */
public final class KeptValues<K, V> {

    private record Kept<V>(V value, Instant until) {
    }

    private final Duration ttl;
    private final Clock clock;
    private final Function<V, Instant> until;
    private final Map<K, Kept<V>> kept;
    /** Keys with a change in flight (announced, transaction not yet completed), with how many. */
    private final Map<K, Integer> changing = new HashMap<>();
    /** Changes of every key in flight ({@link #changingAll}). */
    private int changingAll;
    private long generation;

    /**
     * @param capacity how many values at most
     * @param ttl      the longest a value is kept (the bound on seeing another server's change)
     * @param until    the instant a value stops being true by itself (an expiry), or null when it never does
     */
    public KeptValues(int capacity, Duration ttl, Clock clock, Function<V, Instant> until) {
        this.ttl = Objects.requireNonNull(ttl);
        this.clock = Objects.requireNonNull(clock);
        this.until = until == null ? v -> null : until;
        this.kept = new LinkedHashMap<>(256, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<K, Kept<V>> eldest) {
                return size() > capacity;
            }
        };
    }

    /** The kept value of {@code key}, or what {@code read} returns now (kept when it may be). */
    public V get(K key, Function<K, V> read) {
        long readUnder;
        Instant now = clock.instant();
        synchronized (this) {
            Kept<V> k = kept.get(key);
            if (k != null && now.isBefore(k.until())) {
                return k.value();
            }
            readUnder = generation;
        }
        V value = read.apply(key);
        if (value == null) {
            return null;
        }
        Instant keepUntil = now.plus(ttl);
        Instant stops = until.apply(value);
        if (stops != null && stops.isBefore(keepUntil)) {
            keepUntil = stops;
        }
        synchronized (this) {
            if (generation == readUnder && changingAll == 0 && !changing.containsKey(key)) {
                kept.put(key, new Kept<>(value, keepUntil));
            }
        }
        return value;
    }

    /** A change of {@code key} has begun (inside its transaction): its value is read afresh until {@link #changed}. */
    public synchronized void changing(K key) {
        generation++;
        kept.remove(key);
        changing.merge(key, 1, Integer::sum);
    }

    /** The transaction of a change of {@code key} has completed (committed or rolled back). */
    public synchronized void changed(K key) {
        generation++;
        kept.remove(key);
        changing.computeIfPresent(key, (k, n) -> n == 1 ? null : n - 1);
    }

    /** A change that may touch every value has begun (a disabled account ends all its tokens at once). */
    public synchronized void changingAll() {
        generation++;
        kept.clear();
        changingAll++;
    }

    /** The transaction of such a change has completed. */
    public synchronized void changedAll() {
        generation++;
        kept.clear();
        changingAll = Math.max(0, changingAll - 1);
    }

    /** How many values are kept now (for tests). */
    synchronized int size() {
        return kept.size();
    }
}
