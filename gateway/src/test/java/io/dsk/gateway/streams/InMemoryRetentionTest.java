package io.dsk.gateway.streams;

import io.dsk.gateway.store.InMemoryKeyValueStore;
import io.dsk.gateway.store.KeyValueStore;

class InMemoryRetentionTest extends RetentionContract {

    @Override
    protected KeyValueStore engine() {
        return new InMemoryKeyValueStore();
    }
}
