package io.dsk.gateway.streams;

/**
 * Told after each commit of queued appends, for metrics: how many appends it took (of any streams,
 * accepted or refused) and how long it ran (checks, the synced write, and waking readers). Runs on
 * the committer's thread and must not block.
 */
@FunctionalInterface
public interface AppendCommitListener {

    /** A listener that ignores every commit. */
    AppendCommitListener NONE = (appends, nanos) -> { };

    /**
     * @param appends the appends the commit took
     * @param nanos how long it ran
     */
    void committed(int appends, long nanos);
}
