package io.dsk.gateway.streams;

import io.dsk.gateway.store.KeyValueCursor;
import io.dsk.gateway.store.KeyValueStore;
import io.dsk.gateway.store.WriteBatch;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/** An engine that counts the calls made to the one it wraps: the work of an operation, independent of time. */
public final class CountingKeyValueStore implements KeyValueStore {

    private static final byte[] PAST_EVERY_KEY = new byte[16];

    static {
        Arrays.fill(PAST_EVERY_KEY, (byte) 0xff);
    }

    private final KeyValueStore engine;
    private final AtomicLong operations = new AtomicLong();

    public CountingKeyValueStore(KeyValueStore engine) {
        this.engine = engine;
    }

    /** Calls of {@link #get}, {@link #scan}, {@link #floor}, {@link #scanFromFloor} and {@link #write} so far. */
    public long operations() {
        return operations.get();
    }

    /** Every key the engine holds, as text, in key order (not counted). */
    List<String> keys() {
        List<String> keys = new ArrayList<>();
        try (KeyValueCursor c = engine.scan(new byte[0], PAST_EVERY_KEY)) {
            while (c.next()) {
                keys.add(Arrays.toString(c.key()));
            }
        }
        return keys;
    }

    @Override
    public byte[] get(byte[] key) {
        operations.incrementAndGet();
        return engine.get(key);
    }

    @Override
    public KeyValueCursor scan(byte[] from, byte[] to) {
        operations.incrementAndGet();
        return engine.scan(from, to);
    }

    @Override
    public KeyValue floor(byte[] lowerBound, byte[] key) {
        operations.incrementAndGet();
        return engine.floor(lowerBound, key);
    }

    @Override
    public KeyValueCursor scanFromFloor(byte[] lowerBound, byte[] key, byte[] to, boolean bulk) {
        operations.incrementAndGet();
        return engine.scanFromFloor(lowerBound, key, to, bulk);
    }

    @Override
    public void write(WriteBatch batch, boolean durable) {
        operations.incrementAndGet();
        engine.write(batch, durable);
    }

    @Override
    public void compact(byte[] from, byte[] to) {
        operations.incrementAndGet();
        engine.compact(from, to);
    }

    @Override
    public void close() {
        engine.close();
    }
}
