package io.apay.common.core.cache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class ImmutableLookupTest {

    @Test
    void aValueIsLoadedOnceThenRemembered() {
        ImmutableLookup<Long, String> lookup = new ImmutableLookup<>(10);
        AtomicInteger loads = new AtomicInteger();
        for (int i = 0; i < 3; i++) {
            assertThat(lookup.get(7L, k -> "hold-" + k + "-" + loads.incrementAndGet())).isEqualTo("hold-7-1");
        }
        assertThat(loads).hasValue(1);
    }

    @Test
    void aMissingValueIsNotRemembered() {
        ImmutableLookup<Long, String> lookup = new ImmutableLookup<>(10);
        AtomicInteger loads = new AtomicInteger();
        assertThat(lookup.get(1L, k -> {
            loads.incrementAndGet();
            return null;
        })).isNull();
        assertThat(lookup.get(1L, k -> "now-" + loads.incrementAndGet())).isEqualTo("now-2");
        assertThat(lookup.get(1L, k -> "again-" + loads.incrementAndGet())).isEqualTo("now-2");
    }

    @Test
    void pastItsBoundItStartsAgainAndStillAnswersRight() {
        ImmutableLookup<Integer, Integer> lookup = new ImmutableLookup<>(3);
        AtomicInteger loads = new AtomicInteger();
        for (int k = 0; k < 4; k++) {
            assertThat(lookup.get(k, key -> {
                loads.incrementAndGet();
                return key * 10;
            })).isEqualTo(k * 10);
        }
        assertThat(loads).hasValue(4);
        // the fourth emptied the map: the first is loaded again, with the same (unchanging) value
        assertThat(lookup.get(0, key -> {
            loads.incrementAndGet();
            return key * 10;
        })).isZero();
        assertThat(loads).hasValue(5);
        assertThatThrownBy(() -> new ImmutableLookup<Integer, Integer>(0)).isInstanceOf(IllegalArgumentException.class);
    }
}
