package io.dsk.gateway.streams;

/** Told after a stream's state changed durably: created, data appended, closed, or deleted. */
@FunctionalInterface
public interface StreamListener {

    /** The stream with internal id {@code streamId} changed. */
    void streamChanged(long streamId);
}
