package io.dsk.gateway.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The entry cache keeps small entries within its bound, keeps those read often, and counts its answers. */
class EntryCacheTest {

    private static final int ENTRY = 1000;
    private static final long BOUND = 100 * (ENTRY + EntryCache.ENTRY_OVERHEAD);

    @Test
    void anEntryKeptIsAnsweredByItsStreamAndPosition() {
        EntryCache cache = new EntryCache(BOUND);
        byte[] entry = new byte[] {1, 2, 3};
        cache.put(7, 100, entry);

        assertThat(cache.get(7, 100)).isSameAs(entry);
        assertThat(cache.get(7, 103)).as("another position").isNull();
        assertThat(cache.get(8, 100)).as("another stream").isNull();
        assertThat(cache.hits()).isEqualTo(1);
        assertThat(cache.misses()).isEqualTo(2);
        assertThat(cache.bytes()).isEqualTo(3 + EntryCache.ENTRY_OVERHEAD);
    }

    @Test
    void itHoldsNoMoreThanItsBoundAndOneEntryAndKeepsTheNewestEntries() {
        EntryCache cache = new EntryCache(BOUND);
        for (int i = 0; i < 1000; i++) {
            cache.put(1, (long) i * ENTRY, new byte[ENTRY]);
            assertThat(cache.bytes()).as("after %d entries", i + 1)
                    .isLessThanOrEqualTo(BOUND + ENTRY + EntryCache.ENTRY_OVERHEAD);
        }

        assertThat(cache.get(1, 999L * ENTRY)).as("the newest").isNotNull();
        assertThat(cache.get(1, 0)).as("the oldest").isNull();
        int held = 0;
        for (int i = 0; i < 1000; i++) {
            held += cache.get(1, (long) i * ENTRY) == null ? 0 : 1;
        }
        assertThat(held).as("entries held").isBetween(50, 100);
    }

    @Test
    void anEntryReadOftenStaysWhileOthersComeAndGo() {
        EntryCache cache = new EntryCache(BOUND);
        cache.put(2, 0, new byte[ENTRY]);
        for (int i = 0; i < 1000; i++) {
            cache.put(1, (long) i * ENTRY, new byte[ENTRY]);
            if (i % 25 == 0) {
                assertThat(cache.get(2, 0)).as("the hot entry after %d others", i + 1).isNotNull();
            }
        }
    }

    @Test
    void largeEntriesAreNotKept() {
        EntryCache cache = new EntryCache(1L << 30);
        cache.put(1, 0, new byte[EntryCache.MAX_ENTRY_BYTES + 1]);
        cache.put(1, 1L << 20, new byte[EntryCache.MAX_ENTRY_BYTES]);

        assertThat(cache.get(1, 0)).isNull();
        assertThat(cache.get(1, 1L << 20)).isNotNull();
    }

    @Test
    void sizedZeroItKeepsNothingAndCountsNothing() {
        EntryCache cache = new EntryCache(0);
        cache.put(1, 0, new byte[1]);

        assertThat(cache.enabled()).isFalse();
        assertThat(cache.get(1, 0)).isNull();
        assertThat(cache.bytes()).isZero();
        assertThat(cache.misses()).isZero();
        assertThat(EntryCache.NONE.enabled()).isFalse();
    }

    @Test
    void aNegativeSizeIsRefused() {
        assertThatThrownBy(() -> new EntryCache(-1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("-1");
    }

    /**
     * Many streams whose entries have one size hold entries at the same positions: their keys must
     * still spread over the map's bins (a bin of many keys is searched one by one, since keys have
     * no order). With 31 × id + position, entries of 31 bytes over 100 streams gave 199 hashes.
     */
    @Test
    void keysOfStreamsWhoseEntriesHaveOneSizeSpreadTheirHashes() {
        for (int size : new int[] {31, 256, 1000}) {
            Set<Integer> hashes = new HashSet<>();
            for (long id = 1; id <= 100; id++) {
                for (long k = 0; k < 100; k++) {
                    hashes.add(new EntryCache.Key(id, k * size).hashCode());
                }
            }
            assertThat(hashes).as("distinct hashes of 10,000 keys, entries of %d bytes", size).hasSizeGreaterThan(9_980);
        }
        assertThat(new EntryCache.Key(7, 31)).isEqualTo(new EntryCache.Key(7, 31))
                .hasSameHashCodeAs(new EntryCache.Key(7, 31)).isNotEqualTo(new EntryCache.Key(8, 0));
    }
}
