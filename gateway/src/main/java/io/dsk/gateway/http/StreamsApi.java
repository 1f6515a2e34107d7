package io.dsk.gateway.http;

import io.dsk.gateway.GatewaySettings;
import io.dsk.gateway.cluster.ClusterNode;
import io.dsk.gateway.live.StreamWaiters;
import io.dsk.gateway.ops.GatewayMetrics;
import io.dsk.gateway.protocol.StreamCursor;
import io.dsk.gateway.store.InMemoryKeyValueStore;
import io.dsk.gateway.store.KeyValueStore;
import io.dsk.gateway.store.RocksDbKeyValueStore;
import io.dsk.gateway.store.StreamStore;
import io.dsk.gateway.streams.Streams;
import io.dsk.gateway.subscriptions.SubscriptionApi;
import io.dsk.gateway.subscriptions.SubscriptionLedger;
import io.dsk.gateway.subscriptions.SubscriptionService;
import io.dsk.gateway.subscriptions.WebhookSender;
import io.dsk.gateway.subscriptions.WebhookUrlPolicy;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Durable Streams protocol as one Undertow handler, over the store chosen by the settings.
 *
 * <p>This is the seam between the server bootstrap (which owns the listener, health and metrics
 * routes) and the protocol implementation (which owns everything under {@code /v1/stream/}).
 */
public final class StreamsApi implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(StreamsApi.class);
    private static final long SWEEP_INTERVAL_SECONDS = 1;
    /** How often stream entries of the live waiters that nobody used since the last time are dropped. */
    private static final long IDLE_WATCHES_INTERVAL_SECONDS = 30;
    private static final Duration LIVE_READS_END = Duration.ofSeconds(3);
    private static final Duration WEBHOOK_TIMEOUT = Duration.ofSeconds(10);

    private final HttpHandler handler;
    private final Streams streams;
    private final StreamStore store;
    private final ClusterNode cluster;
    private final LiveContext live;
    private final ScheduledExecutorService sweeper;
    private final SubscriptionService subscriptions;
    private final AtomicBoolean open = new AtomicBoolean(true);

    private StreamsApi(HttpHandler handler, Streams streams, StreamStore store, ClusterNode cluster, LiveContext live,
                       ScheduledExecutorService sweeper, SubscriptionService subscriptions) {
        this.handler = handler;
        this.streams = streams;
        this.store = store;
        this.cluster = cluster;
        this.live = live;
        this.sweeper = sweeper;
        this.subscriptions = subscriptions;
    }

    /**
     * Opens the store named by the settings and builds the protocol handler over it.
     *
     * @param settings the gateway settings
     * @param metrics where protocol and store metrics are recorded
     * @return the API, ready to serve
     * @throws IOException if the store cannot be opened
     */
    public static StreamsApi open(GatewaySettings settings, GatewayMetrics metrics) throws IOException {
        KeyValueStore engine = settings.inMemory()
                ? new InMemoryKeyValueStore(settings.inMemoryMaxBytes())
                : RocksDbKeyValueStore.open(settings.dataDir());
        return open(settings, metrics, engine);
    }

    /** {@code --entry-cache-bytes}, at most an eighth of the JVM's maximum heap, so a small heap keeps room. */
    static long entryCacheBytes(GatewaySettings settings) {
        return Math.min(settings.entryCacheBytes(), Runtime.getRuntime().maxMemory() / 8);
    }

    /** Like {@link #open(GatewaySettings, GatewayMetrics)}, over a storage engine already open. */
    static StreamsApi open(GatewaySettings settings, GatewayMetrics metrics, KeyValueStore engine) {
        StreamStore store = new StreamStore(engine, entryCacheBytes(settings));
        metrics.bindStore(store, engine);
        ExecutorService wakeups = Executors.newSingleThreadExecutor(daemon("dsk-live-wake"));
        StreamWaiters waiters = new StreamWaiters(wakeups);
        ClusterNode cluster = null;
        SubscriptionService subscriptions = null;
        Streams streams;
        if (settings.cluster().enabled()) {
            try {
                cluster = ClusterNode.start(settings.cluster(), settings.maxAppendBytes());
            } catch (RuntimeException e) {
                store.close();
                throw e;
            }
            SubscriptionService service = subscriptions(settings, store, cluster.subscriptions());
            streams = new Streams(store, id -> {
                waiters.streamChanged(id);
                service.streamChanged(id);
            }, cluster.clock(), settings.maxForkDepth(), metrics::committed, cluster::changes);
            cluster.bindMetrics(metrics);
            service.start(streams);
            subscriptions = service;
        } else {
            SubscriptionService service = subscriptions(settings, store, null);
            streams = new Streams(store, id -> {
                waiters.streamChanged(id);
                service.streamChanged(id);
            }, System::currentTimeMillis, settings.maxForkDepth(), metrics::committed);
            service.start(streams);
            subscriptions = service;
        }
        // A long-poll answered by a change cancels its timeout: removed at once, the timer thread
        // does not wake for it later (one wake per answered long-poll otherwise).
        ScheduledThreadPoolExecutor timer = new ScheduledThreadPoolExecutor(1, daemon("dsk-live-timer"));
        timer.setRemoveOnCancelPolicy(true);
        timer.scheduleWithFixedDelay(waiters::forgetIdle, IDLE_WATCHES_INTERVAL_SECONDS, IDLE_WATCHES_INTERVAL_SECONDS,
                TimeUnit.SECONDS);
        LiveContext live = new LiveContext(streams, waiters, wakeups, timer,
                new StreamCursor(settings.cursorIntervalSeconds()), settings, metrics);
        // One keep-alive pass over every SSE session per interval: one timer wake, not one per session.
        long keepAliveEvery = settings.sseKeepAliveInterval().toMillis();
        timer.scheduleAtFixedRate(live::keepAlive, keepAliveEvery, keepAliveEvery, TimeUnit.MILLISECONDS);
        ReadResponses responses = new ReadResponses(settings.historicalCacheControl(), metrics, live.bodies);
        ClientErrorLog clientErrors = ClientErrorLog.create();
        StreamRoutes routes = new StreamRoutes(settings.maxPathLength(),
                new RequestBodies(settings.maxAppendBytes(), settings.bodyIdleTimeout(), clientErrors, Responses::text),
                new CreateHandler(streams, settings.maxPathLength(), metrics, settings.retentionRules()),
                new AppendHandler(streams, metrics),
                new ReadHandler(live, responses),
                new MetadataHandlers(streams, metrics),
                new SourceOffsetsHandler(streams),
                new StreamListingHandler(streams),
                new SubscriptionApi(subscriptions, new RequestBodies(SubscriptionApi.MAX_BODY_BYTES,
                        settings.bodyIdleTimeout(), clientErrors, SubscriptionApi::refuseBody)));
        ScheduledExecutorService sweeper = Executors.newSingleThreadScheduledExecutor(daemon("dsk-expiry-sweeper"));
        sweeper.scheduleWithFixedDelay(() -> sweep(streams), SWEEP_INTERVAL_SECONDS, SWEEP_INTERVAL_SECONDS,
                TimeUnit.SECONDS);
        long retentionEvery = settings.retentionCheckInterval().toMillis();
        sweeper.scheduleWithFixedDelay(new RetentionSweeper(streams, store, metrics, System::currentTimeMillis,
                settings.retentionCompactionInterval().toMillis()), retentionEvery, retentionEvery, TimeUnit.MILLISECONDS);
        return new StreamsApi(new BrowserHeadersHandler(routes), streams, store, cluster, live, sweeper,
                subscriptions);
    }

    /** Serves every request whose path starts with {@code /v1/stream/}; it sees the full request path. */
    public HttpHandler handler() {
        return handler;
    }

    /** True once the store is open and the API can serve reads and writes (in a cluster: caught up with the log). */
    public boolean ready() {
        return open.get() && (cluster == null || cluster.ready());
    }


    /** Ends live reads, stops taking appends, then flushes and closes the store. */
    @Override
    public void close() {
        if (!open.compareAndSet(true, false)) {
            return;
        }
        live.endAll();
        sweeper.shutdownNow();
        try {
            if (!live.awaitEnded(LIVE_READS_END)) {
                LOG.warn("live reads still ending after {}; closing the store anyway", LIVE_READS_END);
            }
            sweeper.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        live.timer.shutdownNow();
        live.wakeups.shutdownNow();
        if (subscriptions != null) {
            subscriptions.close();
        }
        streams.close();
        if (cluster != null) {
            cluster.close();
        }
        store.close();
    }

    /** The subscription service; {@code ledger} is the cluster's, or null on a single node. */
    private static SubscriptionService subscriptions(GatewaySettings settings, StreamStore store,
                                                     SubscriptionLedger ledger) {
        ExecutorService delivery = Executors.newFixedThreadPool(4, daemon("dsk-subscription-delivery"));
        return new SubscriptionService(store, System::currentTimeMillis,
                new WebhookUrlPolicy(WebhookUrlPolicy.SYSTEM, settings.subscriptionsAllowLoopbackWebhooks()),
                WebhookSender.http(WEBHOOK_TIMEOUT, delivery),
                Executors.newSingleThreadExecutor(daemon("dsk-subscriptions")), delivery,
                Executors.newSingleThreadScheduledExecutor(daemon("dsk-subscription-timer")),
                settings.subscriptionsSigningKeyRotation().toMillis(), ledger);
    }

    private static void sweep(Streams streams) {
        try {
            int removed = streams.sweepExpired();
            if (removed > 0) {
                LOG.debug("expired {} stream(s)", removed);
            }
        } catch (RuntimeException e) {
            LOG.warn("expiry sweep failed; it runs again shortly", e);
        }
    }

    private static ThreadFactory daemon(String name) {
        return runnable -> {
            Thread t = new Thread(runnable, name);
            t.setDaemon(true);
            return t;
        };
    }
}
