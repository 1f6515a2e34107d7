package io.dsk.gateway.subscriptions;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dsk.gateway.protocol.ProtocolException;
import io.dsk.gateway.store.StreamMetadata;
import io.dsk.gateway.store.StreamStore;
import io.dsk.gateway.streams.AppendRequest;
import io.dsk.gateway.streams.StreamListener;
import io.dsk.gateway.streams.Streams;
import io.dsk.path.StreamPath;
import io.dsk.path.StreamPathPattern;
import java.io.IOException;
import java.net.URI;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the subscriptions: applies each operation of {@link Subscriptions} under one lock with the
 * clock's {@code now}, commits the changed subscriptions to the store (synced) before anything is
 * answered or sent, then carries out the side effects: webhook requests, wake events, timers.
 *
 * <p>Threads: {@link #streamChanged} runs on the append committer and only queues the stream id; a
 * single thread ({@code dsk-subscriptions}) turns queued ids into wakes; deliveries run on the
 * {@code dsk-subscription-delivery} pool; lease ends and retries fire on the timer thread; the HTTP
 * API calls in from worker threads. All state changes go through {@link #apply}.
 */
public final class SubscriptionService implements StreamListener, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(SubscriptionService.class);
    private static final long ROTATION_CHECK_MS = 3_600_000;
    private static final int LIST_PAGE = 1000;

    private final StreamStore store;
    private final LongSupplier clock;
    private final WebhookUrlPolicy urlPolicy;
    private final WebhookSender sender;
    private final ExecutorService changes;
    private final ExecutorService delivery;
    private final ScheduledExecutorService timer;
    private final long keyRotationMillis;
    private final Subscriptions state = new Subscriptions();
    private final Object lock = new Object();
    private final Set<Long> queued = ConcurrentHashMap.newKeySet();
    /** subscription id -> the deadline its latest timer is set for. */
    private final Map<String, Long> timers = new ConcurrentHashMap<>();
    private final AtomicBoolean drainScheduled = new AtomicBoolean();
    private final SecureRandom random = new SecureRandom();
    private final WakeTokens tokens;
    private volatile Streams streams;
    private volatile SigningKeys keys;
    private volatile boolean open = true;

    /**
     * @param store where subscription state and signing keys are kept
     * @param clock wall clock, epoch millis
     * @param urlPolicy which webhook URLs may be called
     * @param sender sends webhook requests
     * @param changes runs the wakes caused by stream changes (one thread)
     * @param delivery runs deliveries
     * @param timer fires lease ends and retries
     * @param keyRotationMillis age at which the signing key is replaced
     */
    public SubscriptionService(StreamStore store, LongSupplier clock, WebhookUrlPolicy urlPolicy, WebhookSender sender,
                               ExecutorService changes, ExecutorService delivery, ScheduledExecutorService timer,
                               long keyRotationMillis) {
        this.store = store;
        this.clock = clock;
        this.urlPolicy = urlPolicy;
        this.sender = sender;
        this.changes = changes;
        this.delivery = delivery;
        this.timer = timer;
        this.keyRotationMillis = keyRotationMillis;
        this.tokens = new WakeTokens(tokenSecret());
        List<SigningKeys.Key> stored = new ArrayList<>();
        store.signingKeys().values().forEach(bytes -> stored.add(SigningKeys.decode(bytes)));
        this.keys = SigningKeys.of(stored);
        rotateKeyIfDue();
        store.subscriptions().values().forEach(bytes -> state.install(SubscriptionCodec.decode(bytes)));
    }

    /**
     * Connects the streams (built after this listener) and recovers: cursors meet the streams' current
     * tails, streams created while a change was still queued are linked, pending wakes are redelivered
     * or wait for their deadlines.
     */
    public void start(Streams boundStreams) {
        this.streams = boundStreams;
        synchronized (lock) {
            for (Subscription s : state.all()) {
                if (s.deleted()) {
                    continue;
                }
                Set<String> paths = new HashSet<>(s.links().keySet());
                StreamPathPattern pattern = s.config().compiledPattern();
                if (pattern != null) {
                    tails().matching(pattern).forEach(t -> paths.add(t.path()));
                }
                for (String path : paths) {
                    refresh(path, s.links().get(path));
                }
            }
            for (Subscription s : state.all()) {
                if (s.deleted() || s.wake() == null) {
                    continue;
                }
                schedule(s);
                if (s.config().type() == SubscriptionConfig.Type.PULL_WAKE && !s.wake().claimed()
                        && !s.wake().retrying()) {
                    deliverLater(s.id());
                }
            }
        }
        timer.scheduleWithFixedDelay(this::rotateKeyIfDue, ROTATION_CHECK_MS, ROTATION_CHECK_MS, TimeUnit.MILLISECONDS);
    }

    private void refresh(String path, StreamLink link) {
        Optional<StreamTails.StreamTail> tail = tails().tail(path);
        if (tail.isPresent()) {
            apply(state.streamAdvanced(path, tail.get().id(), tail.get().start(), tail.get().tail(),
                    clock.getAsLong(), wakeIds()));
        } else if (link != null && link.streamId() != StreamLink.NO_STREAM) {
            apply(state.streamRemoved(path, link.streamId()));
        }
    }

    // ---- stream changes ----

    /** Called on the append committer thread: only queues the stream. */
    @Override
    public void streamChanged(long streamId) {
        queued.add(streamId);
        if (open && drainScheduled.compareAndSet(false, true)) {
            changes.execute(this::drain);
        }
    }

    private void drain() {
        drainScheduled.set(false);
        List<Long> ids = new ArrayList<>(queued);
        queued.removeAll(ids);
        Streams bound = streams;
        if (bound == null) {
            queued.addAll(ids);
            return;
        }
        for (long id : ids) {
            try {
                Optional<StreamMetadata> meta = bound.current(id);
                synchronized (lock) {
                    if (meta.isPresent()) {
                        apply(state.streamAdvanced(meta.get().path(), id, ownDataStart(meta.get()),
                                meta.get().tail(), clock.getAsLong(), wakeIds()));
                    } else {
                        Optional<String> path = state.linkedPath(id);
                        if (path.isPresent()) {
                            apply(state.streamRemoved(path.get(), id));
                        }
                    }
                }
            } catch (RuntimeException e) {
                LOG.warn("subscriptions could not take a change of stream {}; it is taken at the next change", id, e);
            }
        }
    }

    // ---- control APIs ----

    /** PUT: creates or re-confirms. */
    public Subscriptions.PutResult put(SubscriptionConfig config, String baseUrl) {
        if (config.webhookUrl() != null) {
            urlPolicy.check(config.webhookUrl());
        }
        synchronized (lock) {
            Subscriptions.PutResult result = state.put(config, baseUrl, clock.getAsLong(), tails());
            apply(result.changes());
            return result;
        }
    }

    public Optional<Subscription> get(String id) {
        synchronized (lock) {
            return state.get(id);
        }
    }

    public void delete(String id) {
        synchronized (lock) {
            apply(state.delete(id));
        }
    }

    public void addStreams(String id, List<String> paths) {
        synchronized (lock) {
            apply(state.addStreams(id, paths, tails()));
        }
    }

    public void removeStream(String id, String path) {
        synchronized (lock) {
            apply(state.removeStream(id, path));
        }
    }

    /** The view of a subscription, with the active signing key. */
    public ObjectNode view(Subscription s) {
        return SubscriptionViews.subscription(s, keys.active().kid());
    }

    /** The JWK Set of the published signing keys. */
    public ObjectNode jwks() {
        return keys.jwks(clock.getAsLong());
    }

    // ---- workers ----

    /** POST claim: the claimed wake and its token. */
    public ObjectNode claim(String id, String worker) {
        synchronized (lock) {
            long now = clock.getAsLong();
            Subscriptions.ClaimResult result = state.claim(id, worker, now, wakeIds());
            apply(result.changes());
            Subscription s = result.subscription();
            return SubscriptionViews.claim(s, tokens.issue(id, s.generation(), s.wake().wakeId(), now));
        }
    }

    /** POST callback or ack: whether another wake follows. */
    public boolean ack(String id, String bearer, JsonNode body) {
        synchronized (lock) {
            long now = clock.getAsLong();
            Subscriptions.AckResult result = state.ack(id, wakeRequest(bearer, body, true, now), now, wakeIds());
            apply(result.changes());
            return result.nextWake();
        }
    }

    /** POST release. */
    public void release(String id, String bearer, JsonNode body) {
        synchronized (lock) {
            long now = clock.getAsLong();
            apply(state.release(id, wakeRequest(bearer, body, false, now), now, wakeIds()));
        }
    }

    private Subscriptions.WakeRequest wakeRequest(String bearer, JsonNode body, boolean acks, long now) {
        if (bearer == null) {
            throw SubscriptionException.unauthorized("send the wake token as Authorization: Bearer <token>");
        }
        WakeTokens.Claims claims = tokens.verify(bearer, now);
        if (body == null || !body.isObject() || !body.path("wake_id").isTextual()
                || !body.path("generation").canConvertToLong()) {
            throw SubscriptionException.badRequest("the body needs wake_id and generation");
        }
        List<Subscriptions.Ack> list = new ArrayList<>();
        JsonNode items = body.get("acks");
        if (acks && items != null && !items.isNull()) {
            if (!items.isArray()) {
                throw SubscriptionException.badRequest("acks must be an array");
            }
            for (JsonNode a : items) {
                if (!a.path("stream").isTextual() || !a.path("offset").isTextual()) {
                    throw SubscriptionException.badRequest("each ack needs stream and offset");
                }
                list.add(new Subscriptions.Ack(a.get("stream").asText(), a.get("offset").asText()));
            }
        }
        JsonNode done = body.get("done");
        if (done != null && !done.isNull() && !done.isBoolean()) {
            throw SubscriptionException.badRequest("done must be true or false");
        }
        return new Subscriptions.WakeRequest(claims, body.get("wake_id").asText(), body.get("generation").asLong(),
                list, done != null && done.asBoolean());
    }

    // ---- applying changes and their effects ----

    /** Commits the changes (synced), makes them current, then starts their deliveries and timers. */
    private void apply(Subscriptions.Changes c) {
        if (!c.changed().isEmpty()) {
            StreamStore.Mutation mutation = store.mutation();
            for (Subscription s : c.changed()) {
                mutation.putSubscription(s.id(), SubscriptionCodec.encode(s));
            }
            store.commit(mutation, true);
        }
        state.install(c);
        for (Subscription s : c.changed()) {
            schedule(s);
        }
        c.deliver().forEach(this::deliverLater);
    }

    /** Sets a timer for the subscription's deadline, unless one is set for that time already. */
    private void schedule(Subscription s) {
        long deadline = s.deadline();
        if (deadline < 0 || !open) {
            return;
        }
        String id = s.id();
        Long previous = timers.put(id, deadline);
        if (previous != null && previous == deadline) {
            return;
        }
        long delay = Math.max(0, deadline - clock.getAsLong());
        timer.schedule(() -> tick(id, deadline), delay + 1, TimeUnit.MILLISECONDS);
    }

    private void tick(String id, long deadline) {
        try {
            timers.remove(id, deadline);
            synchronized (lock) {
                apply(state.tick(id, clock.getAsLong(), wakeIds()));
            }
        } catch (RuntimeException e) {
            LOG.warn("subscription {}: a lease or retry check failed", id, e);
        }
    }

    private void deliverLater(String id) {
        if (open) {
            delivery.execute(() -> deliver(id));
        }
    }

    private void deliver(String id) {
        Subscription s;
        synchronized (lock) {
            s = state.get(id).orElse(null);
        }
        if (s == null || s.wake() == null) {
            return;
        }
        if (s.config().type() == SubscriptionConfig.Type.PULL_WAKE) {
            writeWakeEvent(s);
        } else {
            sendWebhook(s);
        }
    }

    private void writeWakeEvent(Subscription s) {
        long generation = s.wake().generation();
        try {
            byte[] event = SubscriptionViews.JSON.writeValueAsBytes(SubscriptionViews.wakeEvent(s, clock.getAsLong()));
            streams.append(new AppendRequest(s.config().wakeStream(), "application/json", event, false, null, null,
                    null));
        } catch (ProtocolException | IOException e) {
            LOG.info("subscription {}: wake event not written to {}: {}", s.id(), s.config().wakeStream(),
                    e.getMessage());
            failed(s.id(), generation);
        }
    }

    private void sendWebhook(Subscription s) {
        long generation = s.wake().generation();
        long now = clock.getAsLong();
        URI url;
        byte[] body;
        try {
            url = urlPolicy.check(s.config().webhookUrl());
            String token = tokens.issue(s.id(), generation, s.wake().wakeId(), now);
            body = SubscriptionViews.JSON.writeValueAsBytes(SubscriptionViews.webhookBody(s, token));
        } catch (SubscriptionException | IOException e) {
            LOG.info("subscription {}: webhook not sent: {}", s.id(), e.getMessage());
            failed(s.id(), generation);
            return;
        }
        sender.post(url, body, keys.sign(body, now)).whenComplete((answer, failure) -> {
            if (failure != null || answer.status() < 200 || answer.status() > 299) {
                LOG.info("subscription {}: webhook delivery failed: {}", s.id(),
                        failure != null ? failure.toString() : "status " + answer.status());
                failed(s.id(), generation);
                return;
            }
            boolean done = isDone(answer.body());
            try {
                synchronized (lock) {
                    apply(state.delivered(s.id(), generation, done, clock.getAsLong(), wakeIds()));
                }
            } catch (RuntimeException e) {
                LOG.warn("subscription {}: delivery outcome not recorded", s.id(), e);
            }
        });
    }

    private static boolean isDone(byte[] body) {
        try {
            JsonNode answer = SubscriptionViews.JSON.readTree(body);
            return answer != null && answer.path("done").asBoolean(false) && answer.path("done").isBoolean();
        } catch (IOException e) {
            return false;
        }
    }

    private void failed(String id, long generation) {
        try {
            synchronized (lock) {
                apply(state.deliveryFailed(id, generation, clock.getAsLong(), random.nextDouble() * 2 - 1));
            }
        } catch (RuntimeException e) {
            LOG.warn("subscription {}: failed delivery not recorded", id, e);
        }
    }

    // ---- keys, ids, tails ----

    private byte[] tokenSecret() {
        Optional<byte[]> stored = store.tokenSecret();
        if (stored.isPresent()) {
            return stored.get();
        }
        byte[] secret = new byte[32];
        random.nextBytes(secret);
        store.commit(store.mutation().putTokenSecret(secret), true);
        return secret;
    }

    private void rotateKeyIfDue() {
        try {
            long now = clock.getAsLong();
            SigningKeys current = keys;
            SigningKeys next = current.dueForRotation(now, keyRotationMillis) ? current.rotate(now) : current;
            next = next.pruned(now);
            if (next == current) {
                return;
            }
            StreamStore.Mutation mutation = store.mutation();
            Set<String> kept = new HashSet<>();
            for (SigningKeys.Key k : next.keys()) {
                kept.add(k.kid());
                mutation.putSigningKey(k.kid(), SigningKeys.encode(k));
            }
            for (SigningKeys.Key k : current.keys()) {
                if (!kept.contains(k.kid())) {
                    mutation.deleteSigningKey(k.kid());
                }
            }
            store.commit(mutation, true);
            keys = next;
        } catch (RuntimeException e) {
            LOG.warn("webhook signing key rotation failed; the current key stays", e);
        }
    }

    private Supplier<String> wakeIds() {
        return () -> {
            byte[] bytes = new byte[12];
            random.nextBytes(bytes);
            return "w_" + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        };
    }

    private StreamTails tails() {
        Streams bound = streams;
        return new StreamTails() {
            @Override
            public Optional<StreamTail> tail(String path) {
                if (bound == null) {
                    return Optional.empty();
                }
                return bound.list(path, null, 1).stream().filter(m -> m.path().equals(path)).findFirst()
                        .map(m -> new StreamTail(m.path(), m.id(), ownDataStart(m), m.tail()));
            }

            @Override
            public List<StreamTail> matching(StreamPathPattern pattern) {
                List<StreamTail> found = new ArrayList<>();
                if (bound == null) {
                    return found;
                }
                String prefix = literalPrefix(pattern.toString());
                String after = null;
                while (true) {
                    List<StreamMetadata> page = bound.list(prefix, after, LIST_PAGE);
                    for (StreamMetadata m : page) {
                        if (pattern.matches(StreamPath.fromName(m.path()), name -> Optional.empty())) {
                            found.add(new StreamTail(m.path(), m.id(), ownDataStart(m), m.tail()));
                        }
                    }
                    if (page.size() < LIST_PAGE) {
                        return found;
                    }
                    after = page.get(page.size() - 1).path();
                }
            }
        };
    }

    /** Where a stream's own data begins: 0, or a fork's fork offset. */
    private static long ownDataStart(StreamMetadata meta) {
        return meta.isFork() ? Math.min(meta.forkPosition(), meta.tail()) : 0;
    }

    /** The segments of a pattern before its first wildcard, each followed by {@code /}. */
    static String literalPrefix(String pattern) {
        StringBuilder prefix = new StringBuilder();
        for (String segment : pattern.split("/")) {
            if (segment.contains("*") || segment.contains("{")) {
                return prefix.toString();
            }
            prefix.append(segment).append('/');
        }
        return pattern;
    }

    @Override
    public void close() {
        open = false;
        changes.shutdownNow();
        delivery.shutdownNow();
        timer.shutdownNow();
        try {
            changes.awaitTermination(5, TimeUnit.SECONDS);
            delivery.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
