package io.dsk.gateway.cluster;

import io.dsk.gateway.ops.GatewayMetrics;
import io.dsk.gateway.streams.StreamApply;
import io.dsk.gateway.streams.StreamChanges;
import io.dsk.gateway.subscriptions.SubscriptionLedger;
import io.micrometer.core.instrument.Tags;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One gateway's membership of a cluster: the command log it writes to and applies, the clock its
 * streams run on, and whether it is ready (caught up with the log). Build the node's
 * {@link io.dsk.gateway.streams.Streams} with {@link #clock()} and {@link #changes(StreamApply)}.
 *
 * @see <a href="../../../../../../../docs/cluster.md">docs/cluster.md</a>
 */
public final class ClusterNode implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ClusterNode.class);
    private static final long END_REFRESH_SECONDS = 5;

    private final CommandLog log;
    private final ClusterSettings settings;
    private final LogClock clock;
    private final PendingCommands pending;
    private final ScheduledExecutorService timer;
    private final Leadership leadership;
    private final ReplicatedSubscriptions subscriptions;
    private volatile ReplicatedChanges changes;
    /** The log's end as last asked, per partition, for the apply lag metric. */
    private volatile Map<Integer, Long> knownEnds = Map.of();

    ClusterNode(CommandLog log, ClusterSettings settings, LongSupplier wallClock, Leadership leadership) {
        this.log = log;
        this.settings = settings;
        this.leadership = leadership;
        this.subscriptions = new ReplicatedSubscriptions(leadership);
        this.clock = new LogClock(log.partitions(), wallClock);
        this.pending = new PendingCommands(new SecureRandom().nextLong(), System::nanoTime);
        this.timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread t = new Thread(runnable, "dsk-cluster-timer");
            t.setDaemon(true);
            return t;
        });
    }

    /**
     * Prepares the command log topic (creating it when missing, refusing it when unsafe) and
     * connects to it.
     *
     * @param maxAppendBytes the largest body a request may carry (the topic must take such records)
     * @throws IllegalStateException if the topic is unsafe or Kafka cannot be reached
     */
    public static ClusterNode start(ClusterSettings settings, long maxAppendBytes) {
        int partitions = LogTopic.prepare(settings, maxAppendBytes);
        @SuppressWarnings({"unchecked", "rawtypes"})
        Map<String, Object> client = (Map) settings.kafkaClientConfig();
        LOG.info("cluster mode: node {}, command log {} ({} partition(s)) on {}", settings.nodeId(), settings.topic(),
                partitions, String.join(",", settings.bootstrapServers()));
        GroupLeadership leadership = new GroupLeadership(settings.topic(), client, settings.nodeId());
        ClusterNode node = new ClusterNode(new KafkaCommandLog(settings.topic(), partitions, client, settings.nodeId(),
                maxAppendBytes + LogTopic.RECORD_OVERHEAD_BYTES), settings,
                System::currentTimeMillis, leadership);
        leadership.start();
        return node;
    }

    /** The clock to build this node's streams with: the log's time while applying. */
    public LongSupplier clock() {
        return clock;
    }

    /** The changes of this node's streams: written to the log, answered once applied here. Call once. */
    public StreamChanges changes(StreamApply apply) {
        if (changes != null) {
            throw new IllegalStateException("a cluster node serves one set of streams");
        }
        ReplicatedChanges c = new ReplicatedChanges(log, apply, clock, pending, subscriptions, settings.readWait(),
                settings.writeTimeout());
        changes = c;
        timer.scheduleWithFixedDelay(c::expireLate, 1, 1, TimeUnit.SECONDS);
        timer.scheduleWithFixedDelay(this::refreshEnds, 0, END_REFRESH_SECONDS, TimeUnit.SECONDS);
        return c;
    }

    /**
     * Where this node's subscription service keeps its state: the command log, with the lead
     * chosen by a consumer group. Bind it before {@link #changes} starts the apply.
     */
    public SubscriptionLedger subscriptions() {
        return subscriptions;
    }

    /**
     * Publishes {@code dsk_cluster_leader}, {@code dsk_cluster_apply_lag_records} (records of the log not yet applied here, as
     * of the last look at the log's end, every few seconds) and {@code dsk_cluster_applied_offset}
     * per partition. Call after {@link #changes}.
     */
    public void bindMetrics(GatewayMetrics metrics) {
        metrics.gauge("dsk_cluster_leader", "1 while this node leads the cluster: it delivers subscription wakes and "
                + "runs their timers", Tags.empty(), () -> leadership.leader() ? 1 : 0);
        LogApplier applier = changes.applier();
        for (int p = 0; p < log.partitions(); p++) {
            int partition = p;
            Tags tags = Tags.of("partition", Integer.toString(p));
            metrics.gauge("dsk_cluster_apply_lag_records", "Records of the command log not yet applied by this node",
                    tags, () -> Math.max(0, knownEnds.getOrDefault(partition, 0L) - applier.next(partition)));
            metrics.gauge("dsk_cluster_applied_offset", "The next offset of the command log this node applies",
                    tags, () -> applier.next(partition));
        }
    }

    private void refreshEnds() {
        try {
            knownEnds = log.endOffsets(Duration.ofSeconds(END_REFRESH_SECONDS));
        } catch (RuntimeException e) {
            LOG.debug("the command log's end is unknown for now", e);
        }
    }

    /** True once this node has applied what the log held when it started and nothing stops its apply. */
    public boolean ready() {
        ReplicatedChanges c = changes;
        return c != null && c.applier().ready();
    }

    /** Why this node is not ready, or null when it is. */
    public String notReadyReason() {
        ReplicatedChanges c = changes;
        if (c == null) {
            return "the streams are not open yet";
        }
        if (c.applier().ready()) {
            return null;
        }
        String fault = c.applier().fault();
        return fault != null ? fault : "catching up with the command log";
    }

    /** Stops the timer and the log clients; close the streams (which stop the apply) first. */
    @Override
    public void close() {
        timer.shutdownNow();
        leadership.close();
        log.close();
    }
}
