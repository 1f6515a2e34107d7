package io.dsk.gateway.cluster;

/**
 * Which one node of a cluster acts for all of them where exactly one must: delivering subscription
 * wakes and running their timers. Two nodes may both believe they lead for a moment (a node cut off
 * from Kafka learns it lost the lead only when its session times out); what they do then is fenced by
 * the log, so at worst a wake is delivered twice, never lost and never acted on twice.
 */
interface Leadership extends AutoCloseable {

    /** True while this node leads. */
    boolean leader();

    /** Sets who is told, on some thread of the leadership's, each time {@link #leader()} changes. */
    void onChange(Runnable listener);

    @Override
    void close();

    /** The lead of a node alone with its log (tests): always this node. */
    static Leadership alone() {
        return new Leadership() {
            @Override
            public boolean leader() {
                return true;
            }

            @Override
            public void onChange(Runnable listener) {
            }

            @Override
            public void close() {
            }
        };
    }
}
