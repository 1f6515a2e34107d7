package io.dsk.gateway.streams;

import io.dsk.gateway.store.StreamMetadata;
import io.dsk.gateway.store.StreamStore;

/**
 * Single-node changes: applied to the local store at once, appends through one committer that
 * syncs each batch before answering.
 */
final class LocalChanges implements StreamChanges {

    private final StreamApply apply;
    private final AppendCommitter committer;

    LocalChanges(StreamApply apply) {
        this.apply = apply;
        this.committer = new AppendCommitter(apply.appends());
    }

    @Override
    public CreateResult create(CreateRequest request) {
        return apply.create(request);
    }

    @Override
    public void submitAppend(AppendRequest request, Streams.AppendAnswer answer) {
        if (!StreamApply.refuseEmpty(request, answer)) {
            committer.submit(request, answer);
        }
    }

    @Override
    public void delete(String path) {
        apply.delete(path);
    }

    @Override
    public void touched(StreamMetadata meta, long millis) {
        StreamStore store = apply.store();
        store.commit(store.mutation().touch(meta.id(), millis), false);
    }

    @Override
    public int sweepExpired() {
        return apply.sweepExpired();
    }

    @Override
    public RetentionPass enforceRetention(long now) {
        return apply.enforceRetention(now);
    }

    @Override
    public void catchUp() {
    }

    @Override
    public boolean catchUpMayWait() {
        return false;
    }

    @Override
    public void close() {
        committer.close();
    }
}
