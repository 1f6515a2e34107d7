package io.dsk.gateway.store;

class InMemoryKeyValueStoreTest extends KeyValueStoreContract {

    @Override
    protected KeyValueStore open() {
        return new InMemoryKeyValueStore();
    }
}
