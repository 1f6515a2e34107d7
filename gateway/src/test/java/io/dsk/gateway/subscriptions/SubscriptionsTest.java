package io.dsk.gateway.subscriptions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.dsk.gateway.protocol.StreamOffset;
import io.dsk.path.StreamPath;
import io.dsk.path.StreamPathPattern;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

class SubscriptionsTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long T0 = 1_000_000;

    private final Subscriptions state = new Subscriptions();
    private final Map<String, StreamTails.StreamTail> streams = new TreeMap<>();
    private final WakeTokens tokens = new WakeTokens(new byte[32]);
    private int wakeCounter;
    private final Supplier<String> wakeIds = () -> "w" + (++wakeCounter);

    private final StreamTails tails = new StreamTails() {
        @Override
        public Optional<StreamTail> tail(String path) {
            return Optional.ofNullable(streams.get(path));
        }

        @Override
        public List<StreamTail> matching(StreamPathPattern pattern) {
            List<StreamTail> found = new ArrayList<>();
            for (StreamTail t : streams.values()) {
                if (pattern.matches(StreamPath.fromName(t.path()), n -> Optional.empty())) {
                    found.add(t);
                }
            }
            return found;
        }
    };

    private SubscriptionConfig config(String id, String body) throws Exception {
        return SubscriptionConfig.parse(id, JSON.readTree(body));
    }

    private Subscription create(String id, String body) throws Exception {
        Subscriptions.PutResult r = state.put(config(id, body), "http://gw", T0, tails);
        assertThat(r.outcome()).isEqualTo(Subscriptions.PutOutcome.CREATED);
        state.install(r.changes());
        return r.subscription();
    }

    private Subscriptions.Changes append(String path, long id, long tail, long now) {
        streams.put(path, new StreamTails.StreamTail(path, id, 0, tail));
        Subscriptions.Changes c = state.streamAdvanced(path, id, 0, tail, now, wakeIds);
        state.install(c);
        return c;
    }

    private Subscription get(String id) {
        return state.get(id).orElseThrow();
    }

    private Subscriptions.WakeRequest request(String id, Subscription s, List<Subscriptions.Ack> acks, boolean done) {
        WakeTokens.Claims claims = tokens.verify(tokens.issue(id, s.generation(), s.wake().wakeId(), T0), T0);
        return new Subscriptions.WakeRequest(claims, s.wake().wakeId(), s.generation(), acks, done);
    }

    @Test
    void createIsConfirmedByAnIdenticalConfigurationAndRefusedForAnother() throws Exception {
        create("s", "{\"type\":\"webhook\",\"pattern\":\"events/*\",\"streams\":[\"b/x\",\"a/x\"],"
                + "\"webhook\":{\"url\":\"https://h/\"}}");
        assertThat(state.put(config("s", "{\"type\":\"webhook\",\"pattern\":\"events/*\",\"streams\":[\"a/x\",\"b/x\",\"a/x\"],"
                + "\"webhook\":{\"url\":\"https://h/\"}}"), "http://gw", T0, tails).outcome())
                .isEqualTo(Subscriptions.PutOutcome.CONFIRMED);
        assertThat(state.put(config("s", "{\"type\":\"webhook\",\"pattern\":\"events/*\",\"streams\":[\"a/x\",\"b/x\"],"
                + "\"webhook\":{\"url\":\"https://h/\"},\"lease_ttl_ms\":5000}"), "http://gw", T0, tails).outcome())
                .isEqualTo(Subscriptions.PutOutcome.CONFLICT);
    }

    @Test
    void patternBackfillsExistingStreamsAtTheirTailAndLinksLaterStreamsFromTheirStart() throws Exception {
        streams.put("events/old", new StreamTails.StreamTail("events/old", 1, 0, 100));
        streams.put("other/x", new StreamTails.StreamTail("other/x", 2, 0, 100));
        Subscription s = create("s", "{\"type\":\"pull-wake\",\"pattern\":\"events/*\",\"wake_stream\":\"wake/w\"}");
        assertThat(s.links()).containsOnlyKeys("events/old");
        assertThat(s.links().get("events/old").acked()).isEqualTo(100);
        assertThat(s.hasPending()).isFalse();

        Subscriptions.Changes c = append("events/new", 3, 40, T0);
        assertThat(c.deliver()).containsExactly("s");
        StreamLink link = get("s").links().get("events/new");
        assertThat(link.acked()).isZero();
        assertThat(link.tail()).isEqualTo(40);
        assertThat(link.linkType()).isEqualTo("glob");
        assertThat(get("s").generation()).isEqualTo(1);
    }

    @Test
    void appendsDuringAWakeOnlyRefreshTheTailWithoutACommit() throws Exception {
        create("s", "{\"type\":\"pull-wake\",\"pattern\":\"events/*\",\"wake_stream\":\"wake/w\"}");
        assertThat(append("events/a", 1, 10, T0).changed()).hasSize(1);
        Subscriptions.Changes later = append("events/a", 1, 20, T0);
        assertThat(later.changed()).isEmpty();
        assertThat(later.deliver()).isEmpty();
        assertThat(later.refreshed()).hasSize(1);
        assertThat(get("s").links().get("events/a").tail()).isEqualTo(20);
    }

    @Test
    void doubleStarMatchesAnyDepthAndSingleStarOneSegment() throws Exception {
        create("one", "{\"type\":\"pull-wake\",\"pattern\":\"a/*\",\"wake_stream\":\"wake/w\"}");
        create("any", "{\"type\":\"pull-wake\",\"pattern\":\"a/**\",\"wake_stream\":\"wake/w\"}");
        append("a/b/c", 1, 10, T0);
        assertThat(get("one").links()).isEmpty();
        assertThat(get("any").links()).containsOnlyKeys("a/b/c");
    }

    @Test
    void theWakeStreamIsNeverLinkedToItsOwnSubscription() throws Exception {
        create("s", "{\"type\":\"pull-wake\",\"pattern\":\"**\",\"wake_stream\":\"wake/w\"}");
        assertThat(append("wake/w", 1, 10, T0).changed()).isEmpty();
    }

    @Test
    void removingAnExplicitLinkKeepsTheGlobLink() throws Exception {
        streams.put("events/a", new StreamTails.StreamTail("events/a", 1, 0, 5));
        create("s", "{\"type\":\"pull-wake\",\"pattern\":\"events/*\",\"streams\":[\"events/a\",\"manual/b\"],"
                + "\"wake_stream\":\"wake/w\"}");
        assertThat(get("s").links().get("events/a").linkType()).isEqualTo("explicit");
        assertThat(get("s").links().get("manual/b").streamId()).isEqualTo(StreamLink.NO_STREAM);

        state.install(state.removeStream("s", "events/a"));
        state.install(state.removeStream("s", "manual/b"));
        state.install(state.removeStream("s", "manual/b"));
        assertThat(get("s").links()).containsOnlyKeys("events/a");
        assertThat(get("s").links().get("events/a").linkType()).isEqualTo("glob");

        streams.put("manual/c", new StreamTails.StreamTail("manual/c", 7, 0, 9));
        state.install(state.addStreams("s", List.of("manual/c", "manual/c"), tails));
        assertThat(get("s").links().get("manual/c").acked()).isEqualTo(9);
    }

    @Test
    void claimGivesTheWakeAndASecondWorkerIsToldWhoHoldsIt() throws Exception {
        create("s", "{\"type\":\"pull-wake\",\"pattern\":\"events/*\",\"wake_stream\":\"wake/w\",\"lease_ttl_ms\":1000}");
        append("events/a", 1, 10, T0);
        Subscriptions.ClaimResult claim = state.claim("s", "worker-1", T0, wakeIds);
        state.install(claim.changes());
        assertThat(claim.subscription().wake().wakeId()).isEqualTo("w1");
        assertThatThrownBy(() -> state.claim("s", "worker-2", T0 + 999, wakeIds))
                .isInstanceOfSatisfying(SubscriptionException.class, e -> {
                    assertThat(e.code()).isEqualTo("ALREADY_CLAIMED");
                    assertThat(e.body().path("error").path("current_holder").asText()).isEqualTo("worker-1");
                    assertThat(e.body().path("error").path("generation").asLong()).isEqualTo(1);
                });
    }

    @Test
    void ackWithoutDoneExtendsTheLeaseAndAckWithDoneReleasesIt() throws Exception {
        create("s", "{\"type\":\"pull-wake\",\"pattern\":\"events/*\",\"wake_stream\":\"wake/w\",\"lease_ttl_ms\":1000}");
        append("events/a", 1, 10, T0);
        state.install(state.claim("s", "worker-1", T0, wakeIds).changes());
        Subscription s = get("s");
        Subscriptions.AckResult heartbeat = state.ack("s", request("s", s,
                List.of(new Subscriptions.Ack("events/a", StreamOffset.format(4))), false), T0 + 900, wakeIds);
        state.install(heartbeat.changes());
        assertThat(get("s").wake().leaseExpiresAt()).isEqualTo(T0 + 1900);
        assertThat(get("s").links().get("events/a").acked()).isEqualTo(4);

        Subscriptions.AckResult done = state.ack("s", request("s", get("s"),
                List.of(new Subscriptions.Ack("events/a", StreamOffset.format(10))), true), T0 + 1000, wakeIds);
        state.install(done.changes());
        assertThat(done.nextWake()).isFalse();
        assertThat(get("s").wake()).isNull();
        assertThat(get("s").links().get("events/a").acked()).isEqualTo(10);
    }

    @Test
    void workArrivedDuringTheWakeMeansANewWakeWithTheNextGeneration() throws Exception {
        create("s", "{\"type\":\"pull-wake\",\"pattern\":\"events/*\",\"wake_stream\":\"wake/w\"}");
        append("events/a", 1, 10, T0);
        state.install(state.claim("s", "worker-1", T0, wakeIds).changes());
        assertThat(append("events/a", 1, 20, T0).deliver()).isEmpty();
        Subscriptions.AckResult done = state.ack("s", request("s", get("s"),
                List.of(new Subscriptions.Ack("events/a", StreamOffset.format(10))), true), T0, wakeIds);
        state.install(done.changes());
        assertThat(done.nextWake()).isTrue();
        assertThat(done.changes().deliver()).containsExactly("s");
        assertThat(get("s").generation()).isEqualTo(2);
        assertThat(get("s").wake().wakeId()).isEqualTo("w2");
    }

    @Test
    void staleGenerationWakeIdOrTokenIsFencedAndAdvancesNothing() throws Exception {
        create("s", "{\"type\":\"pull-wake\",\"pattern\":\"events/*\",\"wake_stream\":\"wake/w\"}");
        append("events/a", 1, 10, T0);
        state.install(state.claim("s", "worker-1", T0, wakeIds).changes());
        Subscription s = get("s");
        List<Subscriptions.Ack> acks = List.of(new Subscriptions.Ack("events/a", StreamOffset.format(10)));
        WakeTokens.Claims good = tokens.verify(tokens.issue("s", 1, "w1", T0), T0);
        WakeTokens.Claims oldGeneration = tokens.verify(tokens.issue("s", 0, "w1", T0), T0);
        WakeTokens.Claims otherWake = tokens.verify(tokens.issue("s", 1, "w9", T0), T0);
        for (Subscriptions.WakeRequest stale : List.of(
                new Subscriptions.WakeRequest(good, "w1", 0, acks, true),
                new Subscriptions.WakeRequest(good, "w9", 1, acks, true),
                new Subscriptions.WakeRequest(oldGeneration, "w1", 1, acks, true),
                new Subscriptions.WakeRequest(otherWake, "w1", 1, acks, true))) {
            assertThatThrownBy(() -> state.ack("s", stale, T0, wakeIds))
                    .isInstanceOfSatisfying(SubscriptionException.class, e -> assertThat(e.code()).isEqualTo("FENCED"));
            assertThatThrownBy(() -> state.release("s", stale, T0, wakeIds))
                    .isInstanceOfSatisfying(SubscriptionException.class, e -> assertThat(e.code()).isEqualTo("FENCED"));
        }
        assertThat(get("s")).isEqualTo(s);
    }

    @Test
    void aTokenOfAnotherSubscriptionIsRefused() throws Exception {
        create("s", "{\"type\":\"pull-wake\",\"pattern\":\"events/*\",\"wake_stream\":\"wake/w\"}");
        append("events/a", 1, 10, T0);
        state.install(state.claim("s", "worker-1", T0, wakeIds).changes());
        WakeTokens.Claims other = tokens.verify(tokens.issue("t", 1, "w1", T0), T0);
        assertThatThrownBy(() -> state.ack("s", new Subscriptions.WakeRequest(other, "w1", 1, List.of(), true), T0, wakeIds))
                .isInstanceOfSatisfying(SubscriptionException.class, e -> assertThat(e.status()).isEqualTo(401));
    }

    @Test
    void anAckPastTheTailOrOfAnUnlinkedStreamIsRefusedWhole() throws Exception {
        create("s", "{\"type\":\"pull-wake\",\"pattern\":\"events/*\",\"wake_stream\":\"wake/w\"}");
        append("events/a", 1, 10, T0);
        append("events/b", 2, 10, T0);
        state.install(state.claim("s", "worker-1", T0, wakeIds).changes());
        Subscription s = get("s");
        assertThatThrownBy(() -> state.ack("s", request("s", s, List.of(
                new Subscriptions.Ack("events/a", StreamOffset.format(10)),
                new Subscriptions.Ack("events/b", StreamOffset.format(11))), true), T0, wakeIds))
                .isInstanceOfSatisfying(SubscriptionException.class, e -> assertThat(e.status()).isEqualTo(400));
        assertThatThrownBy(() -> state.ack("s", request("s", s, List.of(
                new Subscriptions.Ack("nope/x", StreamOffset.format(1))), true), T0, wakeIds))
                .isInstanceOf(SubscriptionException.class);
        assertThat(get("s")).isEqualTo(s);
    }

    @Test
    void cursorsNeverMoveBackwards() throws Exception {
        create("s", "{\"type\":\"pull-wake\",\"pattern\":\"events/*\",\"wake_stream\":\"wake/w\"}");
        append("events/a", 1, 10, T0);
        state.install(state.claim("s", "worker-1", T0, wakeIds).changes());
        state.install(state.ack("s", request("s", get("s"), List.of(new Subscriptions.Ack("events/a",
                StreamOffset.format(8))), false), T0, wakeIds).changes());
        state.install(state.ack("s", request("s", get("s"), List.of(new Subscriptions.Ack("events/a",
                StreamOffset.format(3))), false), T0, wakeIds).changes());
        assertThat(get("s").links().get("events/a").acked()).isEqualTo(8);
    }

    @Test
    void anExpiredLeaseClearsTheHolderAndWakesAgainWhenWorkRemains() throws Exception {
        create("s", "{\"type\":\"pull-wake\",\"pattern\":\"events/*\",\"wake_stream\":\"wake/w\",\"lease_ttl_ms\":1000}");
        append("events/a", 1, 10, T0);
        state.install(state.claim("s", "worker-1", T0, wakeIds).changes());
        assertThat(state.tick("s", T0 + 999, wakeIds).changed()).isEmpty();
        Subscriptions.Changes expired = state.tick("s", T0 + 1000, wakeIds);
        state.install(expired);
        assertThat(expired.deliver()).containsExactly("s");
        assertThat(get("s").wake().holder()).isNull();
        assertThat(get("s").generation()).isEqualTo(2);
        Subscriptions.ClaimResult next = state.claim("s", "worker-2", T0 + 1001, wakeIds);
        assertThat(next.subscription().wake().holder()).isEqualTo("worker-2");
        assertThat(next.subscription().generation()).isEqualTo(2);
    }

    @Test
    void anExpiredLeaseWithNothingPendingLeavesTheSubscriptionIdle() throws Exception {
        create("s", "{\"type\":\"pull-wake\",\"streams\":[\"events/a\"],\"wake_stream\":\"wake/w\",\"lease_ttl_ms\":1000}");
        state.install(state.claim("s", "worker-1", T0, wakeIds).changes());
        Subscriptions.Changes expired = state.tick("s", T0 + 1000, wakeIds);
        state.install(expired);
        assertThat(expired.deliver()).isEmpty();
        assertThat(get("s").wake()).isNull();
    }

    @Test
    void webhookDoneAutoAcksTheSnapshotNotWhatArrivedLater() throws Exception {
        create("s", "{\"type\":\"webhook\",\"pattern\":\"events/*\",\"webhook\":{\"url\":\"https://h/\"}}");
        append("events/a", 1, 10, T0);
        assertThat(get("s").wake().snapshot()).containsEntry("events/a", 10L);
        append("events/a", 1, 15, T0);
        Subscriptions.Changes done = state.delivered("s", 1, true, T0, wakeIds);
        state.install(done);
        assertThat(get("s").links().get("events/a").acked()).isEqualTo(10);
        assertThat(done.deliver()).containsExactly("s");
        assertThat(get("s").generation()).isEqualTo(2);
    }

    @Test
    void webhookLeaseStartsAtTheWakeAndIsExtendedByACallback() throws Exception {
        create("s", "{\"type\":\"webhook\",\"pattern\":\"events/*\",\"webhook\":{\"url\":\"https://h/\"},\"lease_ttl_ms\":2000}");
        append("events/a", 1, 10, T0);
        assertThat(get("s").wake().leaseExpiresAt()).isEqualTo(T0 + 2000);
        state.install(state.delivered("s", 1, false, T0 + 100, wakeIds));
        state.install(state.ack("s", request("s", get("s"), List.of(), false), T0 + 1500, wakeIds).changes());
        assertThat(get("s").wake().leaseExpiresAt()).isEqualTo(T0 + 3500);
    }

    @Test
    void failedDeliveriesAreRetriedOnTheScheduleAndMarkTheSubscriptionFailed() throws Exception {
        create("s", "{\"type\":\"webhook\",\"pattern\":\"events/*\",\"webhook\":{\"url\":\"https://h/\"}}");
        append("events/a", 1, 10, T0);
        state.install(state.deliveryFailed("s", 1, T0, 0));
        assertThat(get("s").status()).isEqualTo("failed");
        assertThat(get("s").wake().nextAttemptAt()).isEqualTo(T0 + 1000);
        assertThat(get("s").deadline()).isEqualTo(T0 + 1000);
        assertThat(state.tick("s", T0 + 999, wakeIds).deliver()).isEmpty();
        Subscriptions.Changes retry = state.tick("s", T0 + 1000, wakeIds);
        state.install(retry);
        assertThat(retry.deliver()).containsExactly("s");
        assertThat(get("s").generation()).isEqualTo(1);
        state.install(state.deliveryFailed("s", 1, T0 + 1000, 0));
        assertThat(get("s").wake().nextAttemptAt()).isEqualTo(T0 + 3000);
        state.install(state.delivered("s", 1, false, T0 + 3000, wakeIds));
        assertThat(get("s").status()).isEqualTo("active");
    }

    @Test
    void aDeletedSubscriptionRefusesCallbacksAndItsIdStartsAfterItsLastGeneration() throws Exception {
        create("s", "{\"type\":\"pull-wake\",\"pattern\":\"events/*\",\"wake_stream\":\"wake/w\"}");
        append("events/a", 1, 10, T0);
        state.install(state.claim("s", "worker-1", T0, wakeIds).changes());
        Subscriptions.WakeRequest inFlight = request("s", get("s"),
                List.of(new Subscriptions.Ack("events/a", StreamOffset.format(10))), true);
        state.install(state.delete("s"));
        assertThatThrownBy(() -> state.ack("s", inFlight, T0, wakeIds))
                .isInstanceOfSatisfying(SubscriptionException.class, e -> assertThat(e.status()).isEqualTo(404));
        assertThatThrownBy(() -> state.release("s", inFlight, T0, wakeIds)).isInstanceOf(SubscriptionException.class);
        assertThat(state.get("s")).isEmpty();

        Subscription again = create("s", "{\"type\":\"pull-wake\",\"pattern\":\"events/*\",\"wake_stream\":\"wake/w\"}");
        assertThat(again.generation()).isEqualTo(1);
        assertThat(again.links().get("events/a").acked()).isEqualTo(10);
        assertThatThrownBy(() -> state.ack("s", inFlight, T0, wakeIds)).isInstanceOf(SubscriptionException.class);
    }

    @Test
    void aDeletedStreamLosesItsGlobLinkAndAnExplicitLinkWaitsForANewStream() throws Exception {
        create("s", "{\"type\":\"pull-wake\",\"pattern\":\"events/*\",\"streams\":[\"events/b\"],\"wake_stream\":\"wake/w\"}");
        append("events/a", 1, 10, T0);
        append("events/b", 2, 10, T0);
        state.install(state.streamRemoved("events/a", 1));
        state.install(state.streamRemoved("events/b", 2));
        assertThat(get("s").links()).containsOnlyKeys("events/b");
        assertThat(get("s").links().get("events/b").streamId()).isEqualTo(StreamLink.NO_STREAM);
        assertThat(state.linkedPath(1)).isEmpty();

        append("events/b", 3, 4, T0);
        assertThat(get("s").links().get("events/b").acked()).isZero();
        assertThat(get("s").links().get("events/b").tail()).isEqualTo(4);
    }

    @Test
    void theStoredFormRoundTrips() throws Exception {
        create("s", "{\"type\":\"webhook\",\"pattern\":\"events/*\",\"streams\":[\"m/a\"],"
                + "\"webhook\":{\"url\":\"https://h/\"},\"description\":\"d\"}");
        append("events/a", 1, 10, T0);
        state.install(state.deliveryFailed("s", 1, T0, 0.5));
        Subscription s = get("s");
        assertThat(SubscriptionCodec.decode(SubscriptionCodec.encode(s))).isEqualTo(s);
    }
}
