package io.dsk.gateway.store;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/** An engine-independent list of writes that a {@link KeyValueStore} applies atomically, in order. */
public final class WriteBatch {

    /** One write. */
    public sealed interface Op permits Put, Delete, DeleteRange {
    }

    /** Sets {@code key} to {@code value}. */
    public record Put(byte[] key, byte[] value) implements Op {
    }

    /** Removes {@code key}. */
    public record Delete(byte[] key) implements Op {
    }

    /** Removes every key in {@code [from, to)}. */
    public record DeleteRange(byte[] from, byte[] to) implements Op {
    }

    private final List<Op> ops = new ArrayList<>();

    public WriteBatch put(byte[] key, byte[] value) {
        ops.add(new Put(key, value));
        return this;
    }

    public WriteBatch delete(byte[] key) {
        ops.add(new Delete(key));
        return this;
    }

    public WriteBatch deleteRange(byte[] from, byte[] to) {
        ops.add(new DeleteRange(from, to));
        return this;
    }

    /**
     * The writes in an order with the same outcome that an engine applies fastest: a batch of puts
     * only is sorted by key (stably, so puts to one key keep their order), which lets a sorted
     * in-memory table insert each key next to the one before; any other batch keeps its order.
     */
    public List<Op> opsForApplying() {
        for (Op op : ops) {
            if (!(op instanceof Put)) {
                return ops();
            }
        }
        List<Op> sorted = new ArrayList<>(ops);
        sorted.sort((a, b) -> Arrays.compareUnsigned(((Put) a).key(), ((Put) b).key()));
        return sorted;
    }

    /** The writes in the order they were added. */
    public List<Op> ops() {
        return Collections.unmodifiableList(ops);
    }

    public boolean isEmpty() {
        return ops.isEmpty();
    }
}
