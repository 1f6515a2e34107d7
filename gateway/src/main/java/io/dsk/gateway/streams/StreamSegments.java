package io.dsk.gateway.streams;

import io.dsk.gateway.store.DataChunk;
import io.dsk.gateway.store.StreamMetadata;
import io.dsk.gateway.store.StreamStore;
import java.util.ArrayList;
import java.util.List;

/**
 * A stream's position space stitched from its fork chain: positions below a fork's divergence
 * point resolve against its source (recursively), positions at or above against the fork's own
 * data. There is no offset translation.
 */
final class StreamSegments {

    /** Positions {@code [from, to)} of the stream with internal id {@code id}. */
    record Segment(long id, long from, long to) {
    }

    private final List<Segment> segments;

    private StreamSegments(List<Segment> segments) {
        this.segments = segments;
    }

    /** The segments of {@code chain} (leaf first, as {@link StreamLookup#chain} returns it), root first. */
    static StreamSegments of(List<StreamMetadata> chain) {
        List<Segment> segments = new ArrayList<>();
        long upper = chain.get(0).tail();
        for (StreamMetadata m : chain) {
            long lower = m.isFork() ? m.forkPosition() : 0;
            segments.add(0, new Segment(m.id(), Math.min(lower, upper), upper));
            upper = Math.min(upper, lower);
        }
        return new StreamSegments(segments);
    }

    /** The segments, root first; they are contiguous and together cover {@code [0, tail)}. */
    List<Segment> segments() {
        return List.copyOf(segments);
    }

    /**
     * Reads from {@code from} up to about {@code maxBytes}.
     *
     * @param wholeEntries never split a stored entry (JSON messages)
     */
    DataChunk read(StreamStore store, long from, int maxBytes, boolean wholeEntries) {
        List<byte[]> parts = new ArrayList<>(segments.size());
        int size = 0;
        long position = from;
        int entries = 0;
        for (Segment s : segments) {
            if (position >= s.to() || size >= maxBytes) {
                continue;
            }
            long start = Math.max(position, s.from());
            DataChunk chunk = store.read(s.id(), start, s.to(), maxBytes - size, wholeEntries, size == 0);
            parts.add(chunk.bytes());
            size += chunk.bytes().length;
            entries += chunk.entries();
            position = chunk.end();
            if (position < s.to()) {
                break;
            }
        }
        return new DataChunk(concat(parts, size), from, position, entries);
    }

    /** The parts back to back; a single part (any stream that is not a fork) is not copied. */
    private static byte[] concat(List<byte[]> parts, int size) {
        if (parts.size() == 1) {
            return parts.get(0);
        }
        byte[] all = new byte[size];
        int at = 0;
        for (byte[] part : parts) {
            System.arraycopy(part, 0, all, at, part.length);
            at += part.length;
        }
        return all;
    }

    /**
     * The start of the stored entry (a message) that holds {@code position}; {@code position} itself
     * when an entry starts there or it is at or past the tail. A segment's start counts as an entry
     * start.
     */
    long entryStart(StreamStore store, long position) {
        for (Segment s : segments) {
            if (position >= s.from() && position < s.to()) {
                return Math.max(s.from(), store.entryStart(s.id(), position));
            }
        }
        return position;
    }

    /**
     * The end of the stored entry (a message) that holds the byte before {@code position};
     * {@code position} itself when an entry ends there. A segment's end counts as an entry end.
     */
    long entryEnd(StreamStore store, long position) {
        for (Segment s : segments) {
            if (position > s.from() && position < s.to()) {
                return Math.min(s.to(), store.entryEnd(s.id(), position));
            }
        }
        return position;
    }

    /**
     * The position {@code count} entries past {@code from}, or -1 if fewer entries exist.
     */
    long positionAfterEntries(StreamStore store, long from, long count) {
        long position = from;
        long remaining = count;
        for (Segment s : segments) {
            if (remaining == 0) {
                break;
            }
            if (position >= s.to()) {
                continue;
            }
            StreamStore.EntryWalk walk = store.walkEntries(s.id(), Math.max(position, s.from()), s.to(), remaining);
            remaining -= walk.entries();
            position = walk.end();
        }
        return remaining == 0 ? position : -1;
    }
}
