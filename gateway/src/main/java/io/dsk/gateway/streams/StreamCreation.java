package io.dsk.gateway.streams;

import io.dsk.gateway.protocol.ContentTypes;
import io.dsk.gateway.protocol.ProtocolException;
import io.dsk.gateway.protocol.StreamExpiry;
import io.dsk.gateway.protocol.StreamOffset;
import io.dsk.gateway.store.StreamMetadata;
import io.dsk.gateway.store.StreamStore;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Create and fork (PUT), idempotent on matching configuration. */
final class StreamCreation {

    private final StreamLookup lookup;
    private final StreamLocks locks;
    private final StreamRemoval removal;
    private final EntryFraming framing;
    private final int maxForkDepth;

    /**
     * @param maxForkDepth most forks between a stream and its root; a fork that would be deeper is
     *                     refused with 400
     */
    StreamCreation(StreamLookup lookup, StreamLocks locks, StreamRemoval removal, EntryFraming framing,
                   int maxForkDepth) {
        this.lookup = lookup;
        this.locks = locks;
        this.removal = removal;
        this.framing = framing;
        this.maxForkDepth = maxForkDepth;
    }

    CreateResult create(CreateRequest request) {
        StreamStore store = lookup.store();
        while (true) {
            Set<String> paths = lockSet(request, store.byPath(request.path()));
            try (StreamLocks.Held held = locks.lock(paths)) {
                Optional<StreamMetadata> existing = store.byPath(request.path());
                if (!paths.containsAll(lockSet(request, existing))) {
                    continue;
                }
                if (existing.isPresent()) {
                    StreamMetadata meta = existing.get();
                    if (meta.softDeleted()) {
                        throw ProtocolException.conflict(
                                "this path belongs to a deleted stream that forks still read; choose another path");
                    }
                    if (!lookup.isExpired(meta)) {
                        return existingMatches(meta, request);
                    }
                    removal.remove(meta, false);
                }
                return new CreateResult(request.isFork() ? createFork(request) : createRoot(request), true);
            }
        }
    }

    private Set<String> lockSet(CreateRequest request, Optional<StreamMetadata> existing) {
        Set<String> paths = new LinkedHashSet<>();
        paths.add(request.path());
        existing.ifPresent(m -> paths.addAll(removal.lockPaths(m)));
        if (request.isFork()) {
            paths.add(request.forkedFrom());
        }
        return paths;
    }

    private CreateResult existingMatches(StreamMetadata meta, CreateRequest request) {
        String requestedType = request.contentType() != null ? request.contentType()
                : request.isFork() ? meta.contentType() : ContentTypes.DEFAULT;
        boolean matches = ContentTypes.matches(meta.contentType(), requestedType)
                && meta.closed() == request.closed()
                && expiryMatches(meta, request)
                && forkMatches(meta, request);
        if (!matches) {
            throw ProtocolException.conflict("a stream already exists at this path with a different configuration "
                    + "(content type, TTL or expiry, closure, or fork source)");
        }
        return new CreateResult(meta, false);
    }

    private static boolean expiryMatches(StreamMetadata meta, CreateRequest request) {
        StreamExpiry e = request.expiry();
        if (request.isFork() && e.isNone()) {
            return true;
        }
        return e.ttlSeconds() == meta.ttlSeconds() && e.expiresAtMillis() == meta.expiresAtMillis();
    }

    private boolean forkMatches(StreamMetadata meta, CreateRequest request) {
        if (!request.isFork()) {
            return true;
        }
        if (!meta.isFork() || !request.forkedFrom().equals(meta.forkedFrom())) {
            return false;
        }
        if (request.forkOffset() == null && request.forkSubOffset() == 0) {
            return true;
        }
        Optional<StreamMetadata> source = lookup.store().byId(meta.sourceId());
        return source.isPresent() && forkPosition(source.get(), request) == meta.forkPosition();
    }

    private StreamMetadata createRoot(CreateRequest request) {
        String contentType = request.contentType() != null ? request.contentType() : ContentTypes.DEFAULT;
        List<byte[]> entries = framing.forCreate(contentType, request.body());
        StreamStore store = lookup.store();
        long id = store.newStreamId();
        StreamExpiry e = request.expiry();
        StreamMetadata meta = new StreamMetadata(id, request.path(), contentType, e.ttlSeconds(), e.expiresAt(),
                e.expiresAtMillis(), lookup.now(), 0, request.closed(), null, null, -1, null, 0, 0, false)
                .withRetention(request.retention());
        return write(meta, entries, null);
    }

    private StreamMetadata createFork(CreateRequest request) {
        StreamStore store = lookup.store();
        StreamMetadata source = store.byPath(request.forkedFrom())
                .orElseThrow(() -> ProtocolException.notFound("the fork source stream does not exist"));
        if (source.softDeleted()) {
            throw ProtocolException.conflict("the fork source stream was deleted");
        }
        if (lookup.isExpired(source)) {
            throw ProtocolException.notFound("the fork source stream does not exist (it expired)");
        }
        if (request.contentType() != null && !ContentTypes.matches(request.contentType(), source.contentType())) {
            throw ProtocolException.conflict("a fork must have its source's content type " + source.contentType());
        }
        int depth = lookup.forkDepth(source, maxForkDepth) + 1;
        if (depth > maxForkDepth) {
            throw ProtocolException.badRequest("the fork would be deeper than max-fork-depth allows (" + maxForkDepth
                    + " forks between a stream and its root); fork the root or a shallower fork instead");
        }
        long position = forkPosition(source, request);
        List<byte[]> entries = framing.forCreate(source.contentType(), request.body());
        StreamExpiry e = ForkExpiry.resolve(source, request.expiry());
        StreamMetadata fork = new StreamMetadata(store.newStreamId(), request.path(), source.contentType(),
                e.ttlSeconds(), e.expiresAt(), e.expiresAtMillis(), lookup.now(), position, request.closed(), null,
                null, source.id(), request.forkedFrom(), position, 0, false, depth).withRetention(request.retention());
        return write(fork, entries, source.withForkCount(source.forkCount() + 1));
    }

    private long forkPosition(StreamMetadata source, CreateRequest request) {
        long anchor = request.forkOffset() == null ? source.tail()
                : StreamOffset.parse(request.forkOffset(), "Stream-Fork-Offset");
        if (anchor > source.tail()) {
            throw ProtocolException.badRequest("Stream-Fork-Offset is beyond the end of the source stream");
        }
        long sub = request.forkSubOffset();
        if (sub == 0) {
            return anchor;
        }
        if (ContentTypes.isJson(source.contentType())) {
            long position = StreamSegments.of(lookup.chain(source)).positionAfterEntries(lookup.store(), anchor, sub);
            if (position < 0) {
                throw ProtocolException.badRequest("Stream-Fork-Sub-Offset is past the source's last message");
            }
            return position;
        }
        if (sub > source.tail() - anchor) {
            throw ProtocolException.badRequest("Stream-Fork-Sub-Offset is past the end of the source stream");
        }
        return anchor + sub;
    }

    private StreamMetadata write(StreamMetadata meta, List<byte[]> entries, StreamMetadata updatedSource) {
        StreamStore store = lookup.store();
        StreamStore.Mutation mutation = store.mutation();
        long tail = meta.tail();
        for (byte[] entry : entries) {
            mutation.putData(meta.id(), tail, entry);
            tail += entry.length;
        }
        StreamMetadata written = meta.withTail(tail);
        mutation.putNewStream(written).bindPath(meta.path(), meta.id());
        if (written.deadlineMillis() >= 0) {
            mutation.indexExpiry(written.id(), written.deadlineMillis());
        }
        if (updatedSource != null) {
            mutation.putMetadata(updatedSource);
        }
        if (written.hasRetention()) {
            mutation.indexRetained(written.id());
        }
        if (written.retention().hasMaxAge() && tail > 0) {
            // A fork's history below its fork position is at least as old as the fork.
            mutation.indexAppendTime(written.id(), tail, lookup.now());
        }
        store.commit(mutation, true);
        return written;
    }
}
