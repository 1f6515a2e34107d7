package io.dsk.gateway.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class KeyLayoutTest {

    @Test
    void everyKindOfRecordHasATagOfItsOwn() throws Exception {
        Map<Byte, String> owners = new HashMap<>();
        for (Field f : KeyLayout.class.getDeclaredFields()) {
            if (f.getType() == byte.class && Modifier.isStatic(f.getModifiers())) {
                f.setAccessible(true);
                String before = owners.putIfAbsent(f.getByte(null), f.getName());
                assertThat(before).as("tag '%s' of %s is already %s's", (char) f.getByte(null), f.getName(), before)
                        .isNull();
            }
        }
        assertThat(owners).hasSizeGreaterThan(10);
    }

    @Test
    void aStreamsKeysOfOneKindShareTheirFirstBytesAndOtherStreamsDoNot() {
        int n = KeyLayout.STREAM_PREFIX_LENGTH;
        assertThat(prefix(KeyLayout.data(7, 0), n)).isEqualTo(prefix(KeyLayout.data(7, 1L << 40), n))
                .isNotEqualTo(prefix(KeyLayout.data(8, 0), n));
        assertThat(prefix(KeyLayout.appendTime(7, 0), n)).isEqualTo(prefix(KeyLayout.appendTime(7, 99), n))
                .isNotEqualTo(prefix(KeyLayout.appendTime(1L << 32, 0), n));
        assertThat(KeyLayout.meta(7)).hasSize(n);
    }

    private static byte[] prefix(byte[] key, int n) {
        return Arrays.copyOf(key, n);
    }
}
