package io.dsk.gateway.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The behaviour every {@link KeyValueStore} engine must have; one subclass per engine. */
abstract class KeyValueStoreContract {

    private KeyValueStore store;

    protected abstract KeyValueStore open() throws Exception;

    @BeforeEach
    void openStore() throws Exception {
        store = open();
    }

    @AfterEach
    void closeStore() {
        store.close();
    }

    @Test
    void aBatchIsVisibleAfterWrite() {
        store.write(new WriteBatch().put(b("a"), b("1")).put(b("b"), b("2")), true);

        assertThat(store.get(b("a"))).isEqualTo(b("1"));
        assertThat(store.get(b("b"))).isEqualTo(b("2"));
        assertThat(store.get(b("c"))).isNull();
    }

    @Test
    void laterOperationsInABatchWinOverEarlierOnes() {
        store.write(new WriteBatch().put(b("a"), b("1")).delete(b("a")).put(b("b"), b("1")).put(b("b"), b("2")), true);

        assertThat(store.get(b("a"))).isNull();
        assertThat(store.get(b("b"))).isEqualTo(b("2"));
    }

    @Test
    void scanReturnsTheHalfOpenRangeInUnsignedByteOrder() {
        store.write(new WriteBatch()
                .put(new byte[] {1}, b("x"))
                .put(new byte[] {2}, b("y"))
                .put(new byte[] {(byte) 0x80}, b("z"))
                .put(new byte[] {(byte) 0xFF}, b("w")), true);

        assertThat(keys(new byte[] {2}, new byte[] {(byte) 0xFF}))
                .containsExactly(new byte[] {2}, new byte[] {(byte) 0x80});
    }

    @Test
    void floorFindsTheGreatestKeyAtOrBelowWithinTheLowerBound() {
        store.write(new WriteBatch().put(b("a1"), b("x")).put(b("a5"), b("y")).put(b("b1"), b("z")), true);

        assertThat(store.floor(b("a"), b("a4")).key()).isEqualTo(b("a1"));
        assertThat(store.floor(b("a"), b("a5")).key()).isEqualTo(b("a5"));
        assertThat(store.floor(b("b"), b("b0"))).isNull();
    }

    @Test
    void scanFromFloorStartsAtTheEntryHoldingTheKeyOrElseAfterIt() {
        store.write(new WriteBatch().put(b("a1"), b("x")).put(b("a5"), b("y")).put(b("b1"), b("z")), true);

        assertThat(keysFromFloor(b("a"), b("a4"), b("b"))).containsExactly(b("a1"), b("a5"));
        assertThat(keysFromFloor(b("a"), b("a5"), b("b"))).containsExactly(b("a5"));
        assertThat(keysFromFloor(b("a2"), b("a4"), b("b"))).containsExactly(b("a5"));
        assertThat(keysFromFloor(b("b"), b("b0"), b("c"))).containsExactly(b("b1"));
    }

    @Test
    void aCursorCopiesAsMuchOfAValueAsFitsIntoHeapAndDirectBuffers() {
        store.write(new WriteBatch().put(b("k"), b("0123456789")), true);

        for (ByteBuffer target : List.of(ByteBuffer.allocate(16), ByteBuffer.allocateDirect(16))) {
            try (KeyValueCursor c = store.scanFromFloor(b("k"), b("k"), b("l"), false)) {
                assertThat(c.next()).isTrue();
                assertThat(c.valueLength()).isEqualTo(10);
                target.position(2).limit(6);
                assertThat(c.copyValue(target)).isEqualTo(4);
                assertThat(target.position()).isEqualTo(6);
                target.limit(16);
                assertThat(c.copyValue(target)).isEqualTo(10);
                assertThat(target.position()).isEqualTo(16);
            }
            byte[] copied = new byte[14];
            target.position(2).get(copied);
            assertThat(new String(copied, StandardCharsets.UTF_8)).isEqualTo("01230123456789");
        }
    }

    @Test
    void compactingADeletedRangeChangesNoContents() {
        store.write(new WriteBatch().put(b("a1"), b("1")).put(b("a2"), b("2")).put(b("b1"), b("3")), true);
        store.write(new WriteBatch().deleteRange(b("a"), b("b")), true);

        store.compact(b("a"), b("b"));

        assertThat(store.get(b("a1"))).isNull();
        assertThat(store.get(b("b1"))).isEqualTo(b("3"));
        store.write(new WriteBatch().put(b("a3"), b("4")), true);
        assertThat(store.get(b("a3"))).isEqualTo(b("4"));
    }

    @Test
    void deleteRangeRemovesOnlyTheRange() {
        store.write(new WriteBatch().put(b("a1"), b("x")).put(b("a2"), b("y")).put(b("b1"), b("z")), true);

        store.write(new WriteBatch().deleteRange(b("a"), b("b")), true);

        assertThat(store.get(b("a1"))).isNull();
        assertThat(store.get(b("a2"))).isNull();
        assertThat(store.get(b("b1"))).isEqualTo(b("z"));
    }

    @Test
    void bufferedWritesAreReadableToo() {
        store.write(new WriteBatch().put(b("k"), b("v")), false);

        assertThat(store.get(b("k"))).isEqualTo(b("v"));
    }

    @Test
    void memoryOnlyViewReadsWhatWasJustWritten() {
        store.write(new WriteBatch().put(b("a1"), b("x")).put(b("a2"), b("y")), true);
        KeyValueStore memory = store.memoryOnly();

        assertThat(memory.get(b("a2"))).isEqualTo(b("y"));
        assertThat(memory.get(b("a3"))).isNull();
        assertThat(memory.floor(b("a"), b("a9")).key()).isEqualTo(b("a2"));
        try (KeyValueCursor c = memory.scanFromFloor(b("a"), b("a15"), b("b"), false)) {
            assertThat(c.next()).isTrue();
            assertThat(c.key()).isEqualTo(b("a1"));
        }
    }

    private List<byte[]> keys(byte[] from, byte[] to) {
        List<byte[]> keys = new ArrayList<>();
        try (KeyValueCursor c = store.scan(from, to)) {
            while (c.next()) {
                keys.add(c.key());
            }
        }
        return keys;
    }

    private List<byte[]> keysFromFloor(byte[] lowerBound, byte[] key, byte[] to) {
        List<byte[]> keys = new ArrayList<>();
        try (KeyValueCursor c = store.scanFromFloor(lowerBound, key, to, true)) {
            while (c.next()) {
                keys.add(c.key());
            }
        }
        return keys;
    }

    static byte[] b(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
