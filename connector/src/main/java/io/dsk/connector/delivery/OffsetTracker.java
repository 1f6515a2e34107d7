package io.dsk.connector.delivery;

import java.util.ArrayDeque;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.common.TopicPartition;

/**
 * Tracks, per topic partition, which offsets are durably handled, to tell Connect which offsets it may
 * commit. Kafka offsets have gaps, so only offsets actually seen are tracked; the committable offset is
 * the offset of the oldest record not yet handled, or one past the newest when all are handled.
 * Not thread-safe: the caller holds the delivery lock.
 */
final class OffsetTracker {

    private final Map<TopicPartition, ArrayDeque<OffsetSlot>> pending = new HashMap<>();
    private final Map<TopicPartition, Long> nextOffsets = new HashMap<>();

    OffsetSlot track(TopicPartition partition, long offset) {
        OffsetSlot slot = new OffsetSlot(offset);
        pending.computeIfAbsent(partition, p -> new ArrayDeque<>()).addLast(slot);
        return slot;
    }

    void forget(Collection<TopicPartition> partitions) {
        for (TopicPartition partition : partitions) {
            pending.remove(partition);
            nextOffsets.remove(partition);
        }
    }

    /**
     * @return per partition, the offset Connect may commit (the next offset to consume)
     * @throws ExecutionException if the errant record reporter failed for a record
     */
    Map<TopicPartition, Long> committable() throws ExecutionException, InterruptedException {
        for (Map.Entry<TopicPartition, ArrayDeque<OffsetSlot>> entry : pending.entrySet()) {
            ArrayDeque<OffsetSlot> slots = entry.getValue();
            while (!slots.isEmpty() && slots.peekFirst().isDone()) {
                nextOffsets.put(entry.getKey(), slots.pollFirst().offset + 1);
            }
            if (!slots.isEmpty()) {
                nextOffsets.put(entry.getKey(), slots.peekFirst().offset);
            }
        }
        return Map.copyOf(nextOffsets);
    }
}
