package io.apay.common.core.cache;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * Remembers values that never change once they exist (an ad's ledger hold, a hold's coin and owner), so a hot path
 * reads each from the database once per process. Nothing to invalidate, on any replica, because the value cannot
 * change; only such values belong here. A missing value (null) is not remembered: it may exist later. Bounded: past
 * {@code max} entries the map is emptied and refills from what is used.
 */
public final class ImmutableLookup<K, V> {

    private final Map<K, V> known = new ConcurrentHashMap<>();
    private final int max;

    public ImmutableLookup(int max) {
        if (max < 1) {
            throw new IllegalArgumentException("max must be at least 1");
        }
        this.max = max;
    }

    /** The value of {@code key}: remembered, or loaded (and remembered unless null). */
    public V get(K key, Function<K, V> load) {
        V value = known.get(key);
        if (value != null) {
            return value;
        }
        value = load.apply(key);
        if (value != null) {
            if (known.size() >= max) {
                known.clear();
            }
            known.put(key, value);
        }
        return value;
    }
}
