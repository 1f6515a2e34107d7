package io.dsk.gateway.store;

/** An engine that hands every call to another; tests override the calls they count or fail. */
public abstract class ForwardingKeyValueStore implements KeyValueStore {

    private final KeyValueStore engine;

    protected ForwardingKeyValueStore(KeyValueStore engine) {
        this.engine = engine;
    }

    /** The engine calls are handed to. */
    protected KeyValueStore engine() {
        return engine;
    }

    @Override
    public byte[] get(byte[] key) {
        return engine.get(key);
    }

    @Override
    public KeyValueCursor scan(byte[] from, byte[] to) {
        return engine.scan(from, to);
    }

    @Override
    public KeyValue floor(byte[] lowerBound, byte[] key) {
        return engine.floor(lowerBound, key);
    }

    @Override
    public KeyValueCursor scanFromFloor(byte[] lowerBound, byte[] key, byte[] to, boolean bulk) {
        return engine.scanFromFloor(lowerBound, key, to, bulk);
    }

    @Override
    public void write(WriteBatch batch, boolean durable) {
        engine.write(batch, durable);
    }

    @Override
    public String full() {
        return engine.full();
    }

    @Override
    public void compact(byte[] from, byte[] to) {
        engine.compact(from, to);
    }

    @Override
    public void close() {
        engine.close();
    }
}
