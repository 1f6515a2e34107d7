package io.dsk.gateway.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class WriteBatchTest {

    @Test
    void putsAreAppliedInKeyOrderAndPutsToOneKeyKeepTheirOrder() {
        WriteBatch batch = new WriteBatch().put(b("b"), b("1")).put(b("a"), b("2")).put(b("b"), b("3"))
                .put(new byte[] {(byte) 0x80}, b("4")).put(b("a0"), b("5"));

        assertThat(applied(batch)).containsExactly("a=2", "a0=5", "b=1", "b=3", "\u0080=4");
    }

    @Test
    void aBatchWithDeletesIsAppliedInTheOrderItWasBuilt() {
        WriteBatch batch = new WriteBatch().put(b("b"), b("1")).deleteRange(b("a"), b("c")).put(b("a"), b("2"));

        assertThat(batch.opsForApplying()).isEqualTo(batch.ops());
    }

    @Test
    void theLastPutToAKeyWinsInEitherOrder() throws Exception {
        InMemoryKeyValueStore store = new InMemoryKeyValueStore();
        WriteBatch sorted = new WriteBatch();
        for (WriteBatch.Op op : new WriteBatch().put(b("k"), b("old")).put(b("j"), b("x")).put(b("k"), b("new"))
                .opsForApplying()) {
            WriteBatch.Put put = (WriteBatch.Put) op;
            sorted.put(put.key(), put.value());
        }
        store.write(sorted, true);

        assertThat(store.get(b("k"))).isEqualTo(b("new"));
        store.close();
    }

    private static List<String> applied(WriteBatch batch) {
        return batch.opsForApplying().stream().map(op -> (WriteBatch.Put) op)
                .map(p -> new String(p.key(), StandardCharsets.ISO_8859_1) + "="
                        + new String(p.value(), StandardCharsets.ISO_8859_1))
                .toList();
    }

    private static byte[] b(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }
}
