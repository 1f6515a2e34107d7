package io.dsk.gateway.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dsk.gateway.Eventually;
import io.dsk.gateway.protocol.StreamExpiry;
import io.dsk.gateway.store.InMemoryKeyValueStore;
import io.dsk.gateway.store.StreamStore;
import io.dsk.gateway.streams.AppendCommitListener;
import io.dsk.gateway.streams.AppendRequest;
import io.dsk.gateway.streams.CreateRequest;
import io.dsk.gateway.streams.Streams;
import io.dsk.gateway.subscriptions.SubscriptionConfig;
import io.dsk.gateway.subscriptions.SubscriptionException;
import io.dsk.gateway.subscriptions.SubscriptionLedger;
import io.dsk.gateway.subscriptions.SubscriptionService;
import io.dsk.gateway.subscriptions.WebhookSender;
import io.dsk.gateway.subscriptions.WebhookUrlPolicy;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Subscriptions on two nodes of one log: state committed on either node is the same bytes on both,
 * a race for the same wake is won by one node, tokens and keys are shared, and only the leader
 * delivers, until the lead moves.
 */
class ReplicatedSubscriptionsTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Eventually AWAIT = Eventually.within(Duration.ofSeconds(10));
    private static final byte[] EVENT = "{\"e\":1}".getBytes(StandardCharsets.UTF_8);
    private static final String PULL = "{\"type\":\"pull-wake\",\"pattern\":\"events/*\",\"wake_stream\":\"wake/w\"}";
    private static final String HOOK = "{\"type\":\"webhook\",\"pattern\":\"events/*\","
            + "\"webhook\":{\"url\":\"https://hooks.example/h\"}}";

    private final MemoryCommandLog log = new MemoryCommandLog(1, System::currentTimeMillis);
    private final List<Node> nodes = new ArrayList<>();

    /** A lead the test hands over. */
    private static final class HandedLeadership implements Leadership {
        private volatile boolean leads;
        private volatile Runnable listener = () -> { };

        HandedLeadership(boolean leads) {
            this.leads = leads;
        }

        void set(boolean value) {
            leads = value;
            listener.run();
        }

        @Override
        public boolean leader() {
            return leads;
        }

        @Override
        public void onChange(Runnable changed) {
            listener = changed;
        }

        @Override
        public void close() {
        }
    }

    private final class Node implements AutoCloseable {
        final StreamStore store = new StreamStore(new InMemoryKeyValueStore());
        final HandedLeadership leadership;
        final List<String> sent = new CopyOnWriteArrayList<>();
        /** Runs the service's handling of stream changes, one task at a time. */
        final java.util.concurrent.ExecutorService changes = Executors.newSingleThreadExecutor();
        final ClusterNode cluster;
        final SubscriptionService service;
        final Streams streams;

        Node(boolean leads) {
            this(leads, ledger -> ledger);
        }

        Node(boolean leads, java.util.function.UnaryOperator<SubscriptionLedger> ledgers) {
            leadership = new HandedLeadership(leads);
            ClusterSettings settings = new ClusterSettings(List.of("memory:0"), "dsk.log", Map.of(), "n" + nodes.size(),
                    1, 3, 2, Duration.ofSeconds(10), Duration.ofSeconds(10));
            cluster = new ClusterNode(log, settings, System::currentTimeMillis, leadership);
            WebhookSender sender = (url, body, signature) -> {
                sent.add(new String(body, StandardCharsets.UTF_8));
                return new CompletableFuture<>();
            };
            service = new SubscriptionService(store, System::currentTimeMillis,
                    new WebhookUrlPolicy(host -> List.of(InetAddress.getByName("93.184.216.34")), false), sender,
                    changes, Executors.newFixedThreadPool(2),
                    Executors.newSingleThreadScheduledExecutor(), TimeUnit.DAYS.toMillis(30),
                    ledgers.apply(cluster.subscriptions()));
            streams = new Streams(store, service, cluster.clock(), 64, AppendCommitListener.NONE, cluster::changes);
            service.start(streams);
            nodes.add(this);
        }

        @Override
        public void close() {
            service.close();
            streams.close();
            cluster.close();
        }
    }

    @AfterEach
    void stop() {
        nodes.forEach(Node::close);
    }

    private static SubscriptionConfig config(String id, String json) throws Exception {
        return SubscriptionConfig.parse(id, JSON.readTree(json));
    }

    private static void create(Node node, String path) {
        node.streams.create(new CreateRequest(path, "application/json", StreamExpiry.NONE, false, EVENT, null, null, 0));
    }

    private static void append(Node node, String path) {
        node.streams.append(new AppendRequest(path, "application/json", EVENT, false, null, null, null));
    }

    private static String ackBody(ObjectNode claim, String stream) {
        String tail = null;
        for (JsonNode s : claim.path("streams")) {
            if (s.path("path").asText().equals(stream)) {
                tail = s.path("tail_offset").asText();
            }
        }
        return JSON.createObjectNode().put("wake_id", claim.path("wake_id").asText())
                .put("generation", claim.path("generation").asLong()).put("done", true)
                .set("acks", JSON.createArrayNode().add(JSON.createObjectNode().put("stream", stream).put("offset", tail)))
                .toString();
    }

    @Test
    void stateCommittedOnEitherNodeIsTheSameBytesOnBothAndTokensFromOneWorkOnTheOther() throws Exception {
        Node leader = new Node(true);
        Node follower = new Node(false);
        create(follower, "wake/w");
        follower.service.put(config("s", PULL), "http://gw");
        create(follower, "events/a");
        AWAIT.until("events/a linked on the leader",
                () -> leader.service.get("s").orElseThrow().links().containsKey("events/a"));

        ObjectNode claim = follower.service.claim("s", "w1");
        assertThat(claim.path("generation").asLong()).isPositive();
        append(leader, "events/a");
        boolean next = leader.service.ack("s", claim.path("token").asText(), JSON.readTree(ackBody(claim, "events/a")));

        assertThat(next).as("the append after the claim is pending work, so another wake follows").isTrue();
        assertThat(follower.service.jwks()).isEqualTo(leader.service.jwks());
        follower.service.get("s");
        leader.service.get("s");
        assertThat(bytes(follower.store)).isEqualTo(bytes(leader.store));
        assertThat(follower.store.signingKeys().keySet()).isEqualTo(leader.store.signingKeys().keySet()).hasSize(1);
        assertThat(follower.store.tokenSecret().orElseThrow()).isEqualTo(leader.store.tokenSecret().orElseThrow());
    }

    private static Map<String, String> bytes(StreamStore store) {
        Map<String, String> out = new java.util.TreeMap<>();
        store.subscriptions().forEach((id, b) -> out.put(id, java.util.HexFormat.of().formatHex(b)));
        return out;
    }

    @Test
    void twoNodesRacingToClaimTheSameWakeGiveItToOneWorker() throws Exception {
        Node a = new Node(true);
        Node b = new Node(false);
        create(a, "wake/w");
        a.service.put(config("s", PULL), "http://gw");
        create(a, "events/a");
        AWAIT.until("events/a linked", () -> b.service.get("s").orElseThrow().links().containsKey("events/a"));

        for (int round = 0; round < 20; round++) {
            CountDownLatch go = new CountDownLatch(1);
            CompletableFuture<Object> onA = race(go, a, "wa" + round);
            CompletableFuture<Object> onB = race(go, b, "wb" + round);
            go.countDown();
            List<Object> outcomes = List.of(onA.get(10, TimeUnit.SECONDS), onB.get(10, TimeUnit.SECONDS));
            assertThat(outcomes).as("round %d: %s", round, outcomes).filteredOn(o -> o instanceof ObjectNode).hasSize(1);
            assertThat(outcomes).as("round %d: %s", round, outcomes).filteredOn(o -> o instanceof SubscriptionException e
                    && e.code().equals("ALREADY_CLAIMED")).hasSize(1);
            ObjectNode won = (ObjectNode) outcomes.stream().filter(o -> o instanceof ObjectNode).findFirst().orElseThrow();
            Node winner = outcomes.get(0) == won ? a : b;
            Node other = winner == a ? b : a;
            other.service.release("s", won.path("token").asText(), JSON.readTree(ackBody(won, "events/a")));
            winner.service.get("s");
            assertThat(bytes(a.store)).isEqualTo(bytes(b.store));
        }
    }

    private static CompletableFuture<Object> race(CountDownLatch go, Node node, String worker) {
        return CompletableFuture.supplyAsync(() -> {
            try {
                go.await();
                return node.service.claim("s", worker);
            } catch (RuntimeException e) {
                return e;
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
    }

    @Test
    void onlyTheLeaderDeliversAndTheNextLeaderTakesOverItsTimers() throws Exception {
        Node a = new Node(true);
        Node b = new Node(false);
        b.service.put(config("h", HOOK.replace("}}", "},\"lease_ttl_ms\":1000}")), "http://gw");
        create(b, "events/a");
        AWAIT.until("the leader sent the wake", () -> a.sent.size() == 1);
        long generation = JSON.readTree(a.sent.get(0)).path("generation").asLong();

        a.leadership.set(false);
        b.leadership.set(true);
        // The webhook never answers: the new leader's timer ends the lease and wakes again.
        AWAIT.until("the new leader sent the next wake", () -> b.sent.size() == 1);
        assertThat(JSON.readTree(b.sent.get(0)).path("generation").asLong()).isEqualTo(generation + 1);
        assertThat(a.sent).as("the former leader sends nothing more").hasSize(1);
        a.service.get("h");
        b.service.get("h");
        assertThat(bytes(a.store)).isEqualTo(bytes(b.store));
    }

    @Test
    void oneAppendWakingThousandsOfSubscriptionsIsWrittenInRecordsTheLogTakes() throws Exception {
        log.maxRecordBytes(256 << 10);
        Node leader = new Node(true);
        Node follower = new Node(false);
        int subscriptions = 2_000;
        for (int i = 0; i < subscriptions; i++) {
            follower.service.put(config("s" + i, HOOK), "http://gw");
        }
        create(follower, "events/a");
        AWAIT.until("every subscription woken on both nodes", () -> woken(leader) == subscriptions
                && woken(follower) == subscriptions);
        follower.service.get("s0");
        assertThat(bytes(follower.store)).isEqualTo(bytes(leader.store));
        assertThat(log.records(0)).allSatisfy(r -> assertThat(r.value().length).isLessThanOrEqualTo(256 << 10));
    }

    private static long woken(Node node) {
        return node.store.subscriptions().values().stream()
                .filter(b -> new String(b, StandardCharsets.UTF_8).contains("\"wake\":{")).count();
    }

    @Test
    void anAppendTheLeaderTookBeforeItAppliedASubscriptionThatMissedItStillWakesIt() throws Exception {
        Node leader = new Node(true);
        create(leader, "wake/w");
        create(leader, "events/a");
        java.util.concurrent.atomic.AtomicBoolean first = new java.util.concurrent.atomic.AtomicBoolean(true);
        Node follower = new Node(false, ledger -> new SubscriptionLedger() {
            @Override
            public void bind(Applied applied, Runnable leadershipChanged) {
                ledger.bind(applied, leadershipChanged);
            }

            @Override
            public boolean commit(List<Write> writes, List<String> deliver) {
                if (first.getAndSet(false)) {
                    // After the follower read the tails it links at, and before its write reaches the log,
                    // an append lands and the leader takes the change while no subscription exists yet.
                    append(leader, "events/a");
                    try {
                        leader.changes.submit(() -> { }).get(10, TimeUnit.SECONDS);
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                }
                return ledger.commit(writes, deliver);
            }

            @Override
            public void catchUp() {
                ledger.catchUp();
            }

            @Override
            public boolean leader() {
                return ledger.leader();
            }
        });
        follower.service.put(config("s", PULL), "http://gw");

        AWAIT.until("the append the subscription's links missed wakes it", () ->
                leader.service.get("s").map(s -> s.wake() != null).orElse(false));
    }
}
