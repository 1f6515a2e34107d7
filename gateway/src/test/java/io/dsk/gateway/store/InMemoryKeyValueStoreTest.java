package io.dsk.gateway.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class InMemoryKeyValueStoreTest extends KeyValueStoreContract {

    private static final int ENTRY = InMemoryKeyValueStore.ENTRY_OVERHEAD;

    @Override
    protected KeyValueStore open() {
        return new InMemoryKeyValueStore();
    }

    @Test
    void countsWhatItHoldsThroughPutsOverwritesDeletesAndRanges() {
        InMemoryKeyValueStore store = new InMemoryKeyValueStore();
        store.write(new WriteBatch().put(key(1), new byte[100]).put(key(2), new byte[50]).put(key(3), new byte[10]), true);
        assertThat(store.heldBytes()).isEqualTo(3 * (2 + ENTRY) + 160);

        store.write(new WriteBatch().put(key(1), new byte[40]).delete(key(2)).delete(key(9)), true);
        assertThat(store.heldBytes()).isEqualTo(2 * (2 + ENTRY) + 50);

        store.write(new WriteBatch().put(key(5), new byte[7]).deleteRange(key(0), key(4)), true);
        assertThat(store.heldBytes()).isEqualTo(2 + ENTRY + 7);

        store.write(new WriteBatch().deleteRange(key(0), key(10)), true);
        assertThat(store.heldBytes()).isZero();
    }

    @Test
    void isFullOnceItHoldsItsBoundAndNotAfterDeletes() {
        InMemoryKeyValueStore store = new InMemoryKeyValueStore(1000);
        store.write(new WriteBatch().put(key(1), new byte[800]), true);
        assertThat(store.full()).isNull();

        store.write(new WriteBatch().put(key(2), new byte[100]), true);
        assertThat(store.full()).contains("1,000").contains("--in-memory-max-bytes").contains("delete streams");

        store.write(new WriteBatch().delete(key(1)), true);
        assertThat(store.full()).isNull();
        assertThatThrownBy(() -> new InMemoryKeyValueStore(0)).isInstanceOf(IllegalArgumentException.class);
    }

    private static byte[] key(int n) {
        return new byte[] {7, (byte) n};
    }
}
