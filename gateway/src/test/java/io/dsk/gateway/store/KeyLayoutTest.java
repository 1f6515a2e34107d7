package io.dsk.gateway.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
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
}
