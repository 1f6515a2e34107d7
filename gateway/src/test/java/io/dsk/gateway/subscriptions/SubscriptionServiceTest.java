package io.dsk.gateway.subscriptions;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dsk.gateway.protocol.StreamExpiry;
import io.dsk.gateway.store.ForwardingKeyValueStore;
import io.dsk.gateway.store.InMemoryKeyValueStore;
import io.dsk.gateway.store.KeyValueStore;
import io.dsk.gateway.store.StreamStore;
import io.dsk.gateway.store.WriteBatch;
import io.dsk.gateway.streams.AppendRequest;
import io.dsk.gateway.streams.CountingKeyValueStore;
import io.dsk.gateway.streams.CreateRequest;
import io.dsk.gateway.streams.Streams;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.AbstractExecutorService;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The service over a real store and real streams, with executors that run only when the test says
 * so and a webhook sender that records requests: what is committed, what survives a restart, and
 * what the append path pays.
 */
class SubscriptionServiceTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final byte[] EVENT = "{\"e\":1}".getBytes(StandardCharsets.UTF_8);

    private final InMemoryKeyValueStore engine = new InMemoryKeyValueStore();
    private final StreamStore store = new StreamStore(engine);
    private final AtomicLong clock = new AtomicLong(1_800_000_000_000L);
    private final List<CompletableFuture<WebhookSender.Answer>> answers = new ArrayList<>();
    private final List<byte[]> bodies = new ArrayList<>();
    private final List<String> signatures = new ArrayList<>();
    private final List<ScheduledExecutorService> timers = new ArrayList<>();
    private final WebhookSender sender = (url, body, signature) -> {
        CompletableFuture<WebhookSender.Answer> answer = new CompletableFuture<>();
        bodies.add(body);
        signatures.add(signature);
        answers.add(answer);
        return answer;
    };
    private final WebhookUrlPolicy policy = new WebhookUrlPolicy(
            host -> List.of(java.net.InetAddress.getByName("93.184.216.34")), false);

    private QueuedExecutor changes;
    private QueuedExecutor delivery;
    private SubscriptionService service;
    private Streams streams;

    @AfterEach
    void stop() {
        timers.forEach(ScheduledExecutorService::shutdownNow);
    }

    private void start() {
        start(TimeUnit.DAYS.toMillis(30));
    }

    private void start(long keyRotationMillis) {
        changes = new QueuedExecutor();
        delivery = new QueuedExecutor();
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
        timers.add(timer);
        service = new SubscriptionService(store, clock::get, policy, sender, changes, delivery, timer,
                keyRotationMillis);
        streams = new Streams(store, service, clock::get);
        service.start(streams);
    }

    private void createStream(String path) {
        streams.create(new CreateRequest(path, "application/json", StreamExpiry.NONE, false, EVENT, null, null, 0));
    }

    private void append(String path) {
        streams.append(new AppendRequest(path, "application/json", EVENT, false, null, null, null));
    }

    private SubscriptionConfig webhook(String id) throws Exception {
        return SubscriptionConfig.parse(id, JSON.readTree(
                "{\"type\":\"webhook\",\"pattern\":\"events/*\",\"webhook\":{\"url\":\"https://hooks.example/h\"}}"));
    }

    @Test
    void aWebhookWakeIsSignedWithAKeyOfThePublishedSetAndNamesItsCallback() throws Exception {
        start();
        service.put(webhook("s"), "http://gw:4437");
        createStream("events/a");
        changes.runAll();
        delivery.runAll();
        assertThat(bodies).hasSize(1);
        assertThat(SigningKeys.verify(signatures.get(0), bodies.get(0), service.jwks(), clock.get())).isTrue();
        JsonNode wake = JSON.readTree(bodies.get(0));
        assertThat(wake.path("subscription_id").asText()).isEqualTo("s");
        assertThat(wake.path("generation").asLong()).isEqualTo(1);
        assertThat(wake.path("callback_url").asText()).isEqualTo("http://gw:4437/v1/stream/__ds/subscriptions/s/callback");
        assertThat(wake.path("streams").get(0).path("has_pending").asBoolean()).isTrue();
    }

    @Test
    void keysSubscriptionsAndTheRetryScheduleSurviveARestart() throws Exception {
        start();
        service.put(webhook("s"), "http://gw");
        createStream("events/a");
        changes.runAll();
        delivery.runAll();
        String kid = service.jwks().path("keys").get(0).path("kid").asText();
        String token = JSON.readTree(bodies.get(0)).path("callback_token").asText();
        answers.get(0).complete(new WebhookSender.Answer(503, new byte[0]));
        Subscription failed = service.get("s").orElseThrow();
        assertThat(failed.status()).isEqualTo("failed");
        long nextAttempt = failed.wake().nextAttemptAt();
        assertThat(nextAttempt).isBetween(clock.get() + 800, clock.get() + 1200);

        service.close();
        start();
        Subscription reloaded = service.get("s").orElseThrow();
        assertThat(reloaded).isEqualTo(failed);
        assertThat(service.jwks().path("keys").get(0).path("kid").asText()).isEqualTo(kid);
        ObjectNodeAck ack = new ObjectNodeAck(reloaded.wake().wakeId(), 1);
        assertThat(service.ack("s", token, ack.body(List.of()))).as("work is still pending").isTrue();
    }

    @Test
    void anAckIsCommittedBeforeItIsAnsweredAndARestartKeepsTheCursor() throws Exception {
        start();
        createStream("wake/w");
        service.put(SubscriptionConfig.parse("p", JSON.readTree(
                "{\"type\":\"pull-wake\",\"pattern\":\"events/*\",\"wake_stream\":\"wake/w\"}")), "http://gw");
        createStream("events/a");
        changes.runAll();
        delivery.runAll();
        assertThat(streams.head("wake/w").tail()).isGreaterThan(EVENT.length);
        JsonNode claim = service.claim("p", "worker-1");
        String tail = claim.path("streams").get(0).path("tail_offset").asText();
        assertThat(service.ack("p", claim.path("token").asText(), new ObjectNodeAck(claim.path("wake_id").asText(),
                claim.path("generation").asLong()).body(List.of("events/a", tail)))).isFalse();

        service.close();
        start();
        assertThat(service.get("p").orElseThrow().links().get("events/a").acked())
                .isEqualTo(io.dsk.gateway.protocol.StreamOffset.parse(tail, "tail"));
        assertThat(service.get("p").orElseThrow().wake()).isNull();
    }

    @Test
    void oneAppendToAStreamLinkedByTenThousandSubscriptionsOnlyQueuesWorkOnTheAppendThread() throws Exception {
        start();
        createStream("events/hot");
        for (int i = 0; i < 10_000; i++) {
            service.put(SubscriptionConfig.parse("s" + i, JSON.readTree(
                    "{\"type\":\"webhook\",\"streams\":[\"events/hot\"],\"webhook\":{\"url\":\"https://h.example/\"}}")),
                    "http://gw");
        }
        changes.runAll();
        append("events/hot");
        append("events/hot");
        assertThat(changes.queued()).isEqualTo(1);
        assertThat(delivery.queued()).isZero();
        changes.runAll();
        assertThat(delivery.queued()).isEqualTo(10_000);
        assertThat(service.get("s9999").orElseThrow().generation()).isEqualTo(1);
    }

    @Test
    void whileNoSubscriptionExistsAStreamChangeCostsTheServiceNoStoreRead() throws Exception {
        CountingKeyValueStore counting = new CountingKeyValueStore(new InMemoryKeyValueStore());
        StreamStore countedStore = new StreamStore(counting);
        QueuedExecutor queue = new QueuedExecutor();
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
        timers.add(timer);
        SubscriptionService counted = new SubscriptionService(countedStore, clock::get, policy, sender, queue,
                new QueuedExecutor(), timer, TimeUnit.DAYS.toMillis(30));
        Streams countedStreams = new Streams(countedStore, counted, clock::get);
        counted.start(countedStreams);
        countedStreams.create(new CreateRequest("events/a", "application/json", StreamExpiry.NONE, false, EVENT, null,
                null, 0));
        countedStreams.append(new AppendRequest("events/a", "application/json", EVENT, false, null, null, null));

        long before = counting.operations();
        assertThat(queue.queued()).as("changes handed to the service").isZero();
        queue.runAll();
        assertThat(counting.operations() - before).as("store operations of the service for one change").isZero();

        counted.put(SubscriptionConfig.parse("other", JSON.readTree(
                "{\"type\":\"webhook\",\"streams\":[\"elsewhere\"],\"webhook\":{\"url\":\"https://h.example/\"}}")),
                "http://gw");
        countedStreams.append(new AppendRequest("events/a", "application/json", EVENT, false, null, null, null));
        assertThat(queue.queued()).as("with a subscription, the change is handed to the service").isPositive();
    }

    @Test
    void whileNoSubscriptionExistsAStreamChangeHandsNothingToTheSubscriptionsThread() throws Exception {
        start();
        createStream("events/a");
        append("events/a");
        append("events/a");
        assertThat(changes.queued()).as("tasks handed to the subscriptions thread").isZero();

        service.put(webhook("s"), "http://gw");
        long tail = streams.head("events/a").tail();
        assertThat(service.get("s").orElseThrow().links().get("events/a").tail())
                .as("a subscription created later links the stream at its current tail").isEqualTo(tail);
        append("events/a");
        assertThat(changes.queued()).isEqualTo(1);
        changes.runAll();
        assertThat(service.get("s").orElseThrow().wake()).isNotNull();

        service.delete("s");
        changes.runAll();
        append("events/a");
        assertThat(changes.queued()).as("once the last subscription is gone").isZero();
    }

    @Test
    void anAppendCommittedAfterASubscriptionReadTheTailsItLinksAtStillWakesIt() throws Exception {
        AtomicReference<Runnable> beforeNextWrite = new AtomicReference<>();
        StreamStore hooked = new StreamStore(new BeforeWriteKeyValueStore(new InMemoryKeyValueStore(), beforeNextWrite));
        changes = new QueuedExecutor();
        delivery = new QueuedExecutor();
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
        timers.add(timer);
        service = new SubscriptionService(hooked, clock::get, policy, sender, changes, delivery, timer,
                TimeUnit.DAYS.toMillis(30));
        streams = new Streams(hooked, service, clock::get);
        service.start(streams);
        createStream("events/a");
        // the put's first write is its own, after it read the tails
        beforeNextWrite.set(() -> append("events/a"));

        service.put(SubscriptionConfig.parse("s", JSON.readTree(
                "{\"type\":\"webhook\",\"streams\":[\"events/a\"],\"webhook\":{\"url\":\"https://h.example/\"}}")),
                "http://gw");
        StreamLink linked = service.get("s").orElseThrow().links().get("events/a");
        assertThat(linked.tail()).as("the put read the tail before the append").isLessThan(streams.head("events/a").tail());
        changes.runAll();
        assertThat(service.get("s").orElseThrow().links().get("events/a").tail())
                .isEqualTo(streams.head("events/a").tail());
        assertThat(service.get("s").orElseThrow().wake()).isNotNull();
    }

    @Test
    void backfillListsOnlyThePatternsLiteralPrefixAndMatchesEachStream() throws Exception {
        assertThat(SubscriptionService.literalPrefix("events/*")).isEqualTo("events/");
        assertThat(SubscriptionService.literalPrefix("a/b/**/c")).isEqualTo("a/b/");
        assertThat(SubscriptionService.literalPrefix("**")).isEmpty();
        assertThat(SubscriptionService.literalPrefix("events/exact")).isEqualTo("events/exact");
        start();
        for (String path : new String[] {"events/exact", "events/exactly", "events/exact/deeper", "events/x"}) {
            createStream(path);
        }
        service.put(SubscriptionConfig.parse("e", JSON.readTree(
                "{\"type\":\"pull-wake\",\"pattern\":\"events/exact\",\"wake_stream\":\"wake/w\"}")), "http://gw");
        service.put(SubscriptionConfig.parse("d", JSON.readTree(
                "{\"type\":\"pull-wake\",\"pattern\":\"events/**\",\"wake_stream\":\"wake/w\"}")), "http://gw");
        assertThat(service.get("e").orElseThrow().links()).containsOnlyKeys("events/exact");
        assertThat(service.get("d").orElseThrow().links()).hasSize(4);
        assertThat(service.get("d").orElseThrow().hasPending()).isFalse();
    }

    @Test
    void aKeyDueForRotationIsReplacedAtStartAndTheOldPublicKeyStaysPublishedForTheReplayWindow() {
        long hour = TimeUnit.HOURS.toMillis(1);
        start(hour);
        String first = service.jwks().path("keys").get(0).path("kid").asText();
        service.close();
        clock.addAndGet(hour);
        start(hour);
        List<String> kids = new ArrayList<>();
        service.jwks().path("keys").forEach(k -> kids.add(k.path("kid").asText()));
        assertThat(kids).hasSize(2).contains(first);
        service.close();
        clock.addAndGet(SigningKeys.PUBLISHED_AFTER_RETIREMENT_MS);
        start(hour);
        assertThat(service.jwks().path("keys")).hasSize(1);
        assertThat(service.jwks().path("keys").get(0).path("kid").asText()).isNotEqualTo(first);
        assertThat(store.signingKeys()).hasSize(1);
    }

    @Test
    void aForkCreatedLaterIsFollowedFromItsForkOffsetNotFromTheDataItShares() throws Exception {
        start();
        createStream("events/a");
        service.put(SubscriptionConfig.parse("f", JSON.readTree(
                "{\"type\":\"pull-wake\",\"pattern\":\"events/*\",\"wake_stream\":\"wake/w\"}")), "http://gw");
        streams.create(new CreateRequest("events/fork", null, StreamExpiry.NONE, false, new byte[0], "events/a", null, 0));
        changes.runAll();
        StreamLink fork = service.get("f").orElseThrow().links().get("events/fork");
        assertThat(fork.acked()).isEqualTo(streams.head("events/a").tail()).isEqualTo(fork.tail());
        assertThat(service.get("f").orElseThrow().wake()).isNull();
        append("events/fork");
        changes.runAll();
        assertThat(service.get("f").orElseThrow().wake()).isNotNull();
    }

    /** An ack body. */
    private record ObjectNodeAck(String wakeId, long generation) {
        JsonNode body(List<String> streamAndOffset) {
            var node = JSON.createObjectNode().put("wake_id", wakeId).put("generation", generation).put("done", true);
            var acks = node.putArray("acks");
            for (int i = 0; i < streamAndOffset.size(); i += 2) {
                acks.addObject().put("stream", streamAndOffset.get(i)).put("offset", streamAndOffset.get(i + 1));
            }
            return node;
        }
    }

    /**
     * An engine that, once armed, runs a task right after the next read of a stream's metadata
     * returns: something that happens between a read and what the reader does with it.
     */
    /** Runs the armed task (once) before the next write it is asked for. */
    private static final class BeforeWriteKeyValueStore extends ForwardingKeyValueStore {
        private final AtomicReference<Runnable> armed;

        BeforeWriteKeyValueStore(KeyValueStore engine, AtomicReference<Runnable> armed) {
            super(engine);
            this.armed = armed;
        }

        @Override
        public void write(WriteBatch batch, boolean durable) {
            Runnable task = armed.getAndSet(null);
            if (task != null) {
                task.run();
            }
            super.write(batch, durable);
        }
    }

    /** Runs its tasks only when told. */
    private static final class QueuedExecutor extends AbstractExecutorService {
        private final List<Runnable> tasks = new ArrayList<>();

        @Override
        public synchronized void execute(Runnable command) {
            tasks.add(command);
        }

        synchronized int queued() {
            return tasks.size();
        }

        void runAll() {
            while (true) {
                Runnable next;
                synchronized (this) {
                    if (tasks.isEmpty()) {
                        return;
                    }
                    next = tasks.remove(0);
                }
                next.run();
            }
        }

        @Override
        public void shutdown() {
        }

        @Override
        public List<Runnable> shutdownNow() {
            return List.of();
        }

        @Override
        public boolean isShutdown() {
            return false;
        }

        @Override
        public boolean isTerminated() {
            return true;
        }

        @Override
        public boolean awaitTermination(long timeout, TimeUnit unit) {
            return true;
        }
    }
}
