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
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
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
 * <p>Threads: {@link #streamChanged} runs on the append committer and only queues the stream id, and
 * only while some subscription links a stream or has a pattern (else it returns at once); a
 * single thread ({@code dsk-subscriptions}) turns queued ids into wakes; deliveries run on the
 * {@code dsk-subscription-delivery} pool; lease ends and retries fire on the timer thread; the HTTP
 * API calls in from worker threads. All state changes go through {@link #execute}.
 *
 * <p>In a cluster ({@link SubscriptionLedger}) every node holds every subscription as the log
 * committed it and computes changes the same way, but commits them through the log; the leader
 * alone turns stream changes into wakes, delivers them and runs the timers.
 */
public final class SubscriptionService implements StreamListener, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(SubscriptionService.class);
    private static final long ROTATION_CHECK_MS = 3_600_000;
    private static final int LIST_PAGE = 1000;
    /** How often a cluster node computes a change again after losing a race for the same subscription. */
    private static final int MAX_ATTEMPTS = 20;
    /** Most bytes of subscription records in one conditional write: well within any command log record. */
    private static final int COMMIT_PART_BYTES = 64 << 10;

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
    /**
     * Guards {@link #watching}. A monitor rather than a volatile: a committer that finds it unset
     * after its commit releases it before an operation sets it and then reads the tails it links
     * at, so that read sees the commit.
     */
    private final Object watchLock = new Object();
    /**
     * True while some live subscription links a stream or has a pattern, or an operation that may
     * link streams runs: only then is a stream change queued.
     */
    private boolean watching;
    private final SecureRandom random = new SecureRandom();
    /** Null on a single node, which commits to its own store. */
    private final SubscriptionLedger ledger;
    /** In a cluster: subscription id -> the bytes the log committed, which a conditional write expects. */
    private final Map<String, byte[]> committed = new HashMap<>();
    private volatile WakeTokens tokens;
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
        this(store, clock, urlPolicy, sender, changes, delivery, timer, keyRotationMillis, null);
    }

    /**
     * A cluster node's service: its state is what {@code ledger} committed, loaded from {@code store}
     * now and kept current as the log is applied. Build it before the node starts applying the log.
     */
    public SubscriptionService(StreamStore store, LongSupplier clock, WebhookUrlPolicy urlPolicy, WebhookSender sender,
                               ExecutorService changes, ExecutorService delivery, ScheduledExecutorService timer,
                               long keyRotationMillis, SubscriptionLedger ledger) {
        this.ledger = ledger;
        this.store = store;
        this.clock = clock;
        this.urlPolicy = urlPolicy;
        this.sender = sender;
        this.changes = changes;
        this.delivery = delivery;
        this.timer = timer;
        this.keyRotationMillis = keyRotationMillis;
        this.keys = storedKeys();
        if (ledger == null) {
            this.tokens = new WakeTokens(tokenSecret());
            rotateKeyIfDue();
        } else {
            this.tokens = store.tokenSecret().map(WakeTokens::new).orElse(null);
            state.viewThrough(this::withLocalTails);
            ledger.bind(this::replicated, () -> changes.execute(this::leadershipChanged));
        }
        store.subscriptions().forEach((id, bytes) -> {
            state.install(SubscriptionCodec.decode(bytes));
            if (ledger != null) {
                committed.put(id, bytes);
            }
        });
        watch(state.watchesStreams());
    }

    private void watch(boolean on) {
        synchronized (watchLock) {
            watching = on;
        }
    }

    private SigningKeys storedKeys() {
        List<SigningKeys.Key> stored = new ArrayList<>();
        store.signingKeys().values().forEach(bytes -> stored.add(SigningKeys.decode(bytes)));
        return SigningKeys.of(stored);
    }

    /**
     * Connects the streams (built after this listener) and recovers: cursors meet the streams' current
     * tails, streams created while a change was still queued are linked, pending wakes are redelivered
     * or wait for their deadlines.
     */
    public void start(Streams boundStreams) {
        this.streams = boundStreams;
        if (ledger == null) {
            recover();
        } else {
            changes.execute(this::leadershipChanged);
        }
        timer.scheduleWithFixedDelay(this::rotateKeyIfDue, ROTATION_CHECK_MS, ROTATION_CHECK_MS, TimeUnit.MILLISECONDS);
    }

    /** Links and wakes for what changed while no one watched; timers and undelivered wakes again. */
    private void recover() {
        List<Subscription> all;
        synchronized (lock) {
            all = List.copyOf(state.all());
        }
        for (Subscription s : all) {
            relink(s);
        }
        synchronized (lock) {
            all = List.copyOf(state.all());
        }
        for (Subscription s : all) {
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

    private void relinkQuietly(Subscription s) {
        try {
            relink(s);
        } catch (RuntimeException e) {
            LOG.warn("subscription {}: its new links are taken at the next change of their streams", s.id(), e);
        }
    }

    /** Takes the current tails of every stream a subscription links or its pattern matches. */
    private void relink(Subscription s) {
        if (s.deleted()) {
            return;
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

    private void refresh(String path, StreamLink link) {
        Optional<StreamTails.StreamTail> tail = tails().tail(path);
        if (tail.isPresent()) {
            run(() -> state.streamAdvanced(path, tail.get().id(), tail.get().start(), tail.get().tail(),
                    clock.getAsLong(), wakeIds()));
        } else if (link != null && link.streamId() != StreamLink.NO_STREAM) {
            run(() -> state.streamRemoved(path, link.streamId()));
        }
    }

    /**
     * In a cluster, on the {@code dsk-subscriptions} thread after the lead changed: a new leader
     * catches up, makes sure the token secret and a signing key exist, and recovers as a restarted
     * single node does; a node that lost the lead forgets its timers (each checks the lead anyway).
     */
    private void leadershipChanged() {
        timers.clear();
        if (streams == null || !open || !ledger.leader()) {
            return;
        }
        try {
            ledger.catchUp();
            secrets();
            rotateKeyIfDue();
            recover();
        } catch (RuntimeException e) {
            LOG.warn("taking over subscriptions as the cluster's leader failed; trying again in 1 s", e);
            if (open) {
                timer.schedule(() -> changes.execute(this::leadershipChanged), 1, TimeUnit.SECONDS);
            }
        }
    }

    // ---- stream changes ----

    /**
     * Called on the append committer thread after the change is committed: only queues the stream,
     * and while nothing watches streams does nothing at all. A subscription created later reads the
     * stream's tail itself (see {@link #execute} and {@link #replicated}).
     */
    @Override
    public void streamChanged(long streamId) {
        synchronized (watchLock) {
            if (!watching) {
                return;
            }
        }
        if (ledger != null && !ledger.leader()) {
            return;
        }
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
            synchronized (lock) {
                // Checked under the lock a create takes to read the tails it links at: a subscription
                // created after this check saw this change already.
                if (!state.watchesStreams()) {
                    continue;
                }
            }
            try {
                Optional<StreamMetadata> meta = bound.current(id);
                run(() -> {
                    if (meta.isPresent()) {
                        return state.streamAdvanced(meta.get().path(), id, ownDataStart(meta.get()),
                                meta.get().tail(), clock.getAsLong(), wakeIds());
                    }
                    Optional<String> path = state.linkedPath(id);
                    return path.isPresent() ? state.streamRemoved(path.get(), id) : Subscriptions.Changes.NONE;
                });
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
        catchUp();
        return execute(() -> {
            Subscriptions.PutResult result = state.put(config, baseUrl, clock.getAsLong(), tails());
            return new Op<>(result, result.changes());
        });
    }

    public Optional<Subscription> get(String id) {
        catchUp();
        synchronized (lock) {
            return state.get(id);
        }
    }

    public void delete(String id) {
        catchUp();
        run(() -> state.delete(id));
    }

    public void addStreams(String id, List<String> paths) {
        catchUp();
        run(() -> state.addStreams(id, paths, tails()));
    }

    public void removeStream(String id, String path) {
        catchUp();
        run(() -> state.removeStream(id, path));
    }

    /** The view of a subscription, with the active signing key. */
    public ObjectNode view(Subscription s) {
        secrets();
        return SubscriptionViews.subscription(s, keys.active().kid());
    }

    /** The JWK Set of the published signing keys. */
    public ObjectNode jwks() {
        secrets();
        return keys.jwks(clock.getAsLong());
    }

    // ---- workers ----

    /** POST claim: the claimed wake and its token. */
    public ObjectNode claim(String id, String worker) {
        catchUp();
        secrets();
        long now = clock.getAsLong();
        Subscription s = execute(() -> {
            Subscriptions.ClaimResult result = state.claim(id, worker, now, wakeIds());
            return new Op<>(result.subscription(), result.changes());
        });
        return SubscriptionViews.claim(s, tokens.issue(id, s.generation(), s.wake().wakeId(), now));
    }

    /** POST callback or ack: whether another wake follows. */
    public boolean ack(String id, String bearer, JsonNode body) {
        catchUp();
        secrets();
        long now = clock.getAsLong();
        Subscriptions.WakeRequest request = wakeRequest(bearer, body, true, now);
        return execute(() -> {
            Subscriptions.AckResult result = state.ack(id, request, now, wakeIds());
            return new Op<>(result.nextWake(), result.changes());
        });
    }

    /** POST release. */
    public void release(String id, String bearer, JsonNode body) {
        catchUp();
        secrets();
        long now = clock.getAsLong();
        Subscriptions.WakeRequest request = wakeRequest(bearer, body, false, now);
        run(() -> state.release(id, request, now, wakeIds()));
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

    /** What an operation returns and the changes it makes. */
    private record Op<T>(T result, Subscriptions.Changes changes) {
    }

    private void run(Supplier<Subscriptions.Changes> operation) {
        execute(() -> new Op<>(null, operation.get()));
    }

    /**
     * Computes an operation on the current state and commits its changes. On a single node, under
     * the lock, to the store ({@link #apply}). In a cluster, as a conditional write through the log:
     * if another node changed one of the same subscriptions first, this node has applied that change
     * by the time the write is refused, and computes the operation again on it.
     */
    private <T> T execute(Supplier<Op<T>> operation) {
        if (ledger == null) {
            synchronized (lock) {
                // Set before the operation reads any tail: a change committed after that read is queued.
                watch(true);
                try {
                    Op<T> op = operation.get();
                    apply(op.changes());
                    return op.result();
                } finally {
                    watch(state.watchesStreams());
                }
            }
        }
        for (int attempt = 1; ; attempt++) {
            Op<T> op;
            List<SubscriptionLedger.Write> writes = new ArrayList<>();
            synchronized (lock) {
                op = operation.get();
                for (Subscription s : op.changes().changed()) {
                    writes.add(new SubscriptionLedger.Write(SubscriptionLedger.Kind.SUBSCRIPTION, s.id(),
                            committed.get(s.id()), SubscriptionCodec.encode(s)));
                }
            }
            if (commitInParts(writes, op.changes().deliver())) {
                return op.result();
            }
            if (attempt == MAX_ATTEMPTS) {
                throw new SubscriptionException(503, "UNAVAILABLE", "the subscription kept changing on other nodes "
                        + "while this request was applied; retry");
            }
        }
    }

    /**
     * Commits the writes in parts of at most {@value #COMMIT_PART_BYTES} bytes (and one record at
     * least), so that a change of thousands of subscriptions (one append waking them all) fits the
     * log's records. Each subscription's change is whole within one part; an operation's changes of
     * different subscriptions need not commit together. After a refused part the operation is
     * computed again: the parts already written then change nothing more.
     *
     * @return false if a part was refused
     */
    private boolean commitInParts(List<SubscriptionLedger.Write> writes, List<String> deliver) {
        int from = 0;
        while (from < writes.size()) {
            int to = from;
            long bytes = 0;
            while (to < writes.size() && (to == from || bytes + writes.get(to).value().length <= COMMIT_PART_BYTES)) {
                bytes += writes.get(to).value().length;
                to++;
            }
            List<SubscriptionLedger.Write> part = writes.subList(from, to);
            Set<String> ids = new HashSet<>();
            part.forEach(w -> ids.add(w.key()));
            if (!ledger.commit(part, deliver.stream().filter(ids::contains).toList())) {
                return false;
            }
            from = to;
        }
        return true;
    }

    /** In a cluster, waits until this node has applied every change acknowledged before the request. */
    private void catchUp() {
        if (ledger != null) {
            ledger.catchUp();
        }
    }

    /**
     * In a cluster, on every node as the log is applied: makes committed subscriptions current, takes
     * new signing keys and the token secret, and on the leader starts deliveries and timers.
     */
    private void replicated(List<SubscriptionLedger.Write> writes, List<String> deliver) {
        List<Subscription> changed = new ArrayList<>();
        List<Subscription> linked = new ArrayList<>();
        boolean secrets = false;
        synchronized (lock) {
            for (SubscriptionLedger.Write w : writes) {
                if (w.kind() == SubscriptionLedger.Kind.SUBSCRIPTION) {
                    Subscription s = SubscriptionCodec.decode(w.value());
                    Subscription before = state.stored(w.key());
                    committed.put(w.key(), w.value());
                    state.install(s);
                    changed.add(s);
                    if (before == null || before.deleted() || !before.links().keySet().containsAll(s.links().keySet())) {
                        linked.add(s);
                    }
                } else {
                    secrets = true;
                }
            }
            // Set before the leader re-reads the tails of new links below, so no change falls between.
            watch(state.watchesStreams());
        }
        if (secrets) {
            keys = storedKeys();
            tokens = store.tokenSecret().map(WakeTokens::new).orElse(null);
        }
        if (ledger.leader()) {
            changed.forEach(this::schedule);
            deliver.forEach(this::deliverLater);
            // The node that made these links read the tails from its own copy of the streams; this
            // node may have taken appends to them since, before the links existed here.
            linked.forEach(s -> changes.execute(() -> relinkQuietly(s)));
        }
    }

    /**
     * In a cluster, makes sure the token secret and a signing key exist, creating them through the
     * log the first time any node needs them. A single node made them when it started.
     */
    private void secrets() {
        if (ledger == null) {
            return;
        }
        for (int attempt = 1; tokens == null || keys.active() == null; attempt++) {
            List<SubscriptionLedger.Write> writes = new ArrayList<>();
            if (tokens == null) {
                byte[] secret = new byte[32];
                random.nextBytes(secret);
                writes.add(new SubscriptionLedger.Write(SubscriptionLedger.Kind.TOKEN_SECRET, "", null, secret));
            }
            if (keys.active() == null) {
                SigningKeys.Key key = SigningKeys.generate(clock.getAsLong());
                writes.add(new SubscriptionLedger.Write(SubscriptionLedger.Kind.SIGNING_KEY, key.kid(), null,
                        SigningKeys.encode(key)));
            }
            if (!ledger.commit(writes, List.of()) && attempt == MAX_ATTEMPTS) {
                throw new SubscriptionException(503, "UNAVAILABLE", "the webhook signing keys are being created; retry");
            }
        }
    }

    /** A subscription with the tails of its links as this node's streams have them. */
    private Subscription withLocalTails(Subscription s) {
        Streams bound = streams;
        if (bound == null || s.deleted()) {
            return s;
        }
        SortedMap<String, StreamLink> links = null;
        for (StreamLink link : s.links().values()) {
            if (link.streamId() == StreamLink.NO_STREAM) {
                continue;
            }
            Optional<StreamMetadata> meta = bound.current(link.streamId());
            if (meta.isPresent() && meta.get().tail() > link.tail()) {
                if (links == null) {
                    links = new TreeMap<>(s.links());
                }
                links.put(link.path(), link.withTail(link.streamId(), ownDataStart(meta.get()), meta.get().tail()));
            }
        }
        return links == null ? s : s.withLinks(links);
    }

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
            if (ledger != null && !ledger.leader()) {
                return;
            }
            run(() -> state.tick(id, clock.getAsLong(), wakeIds()));
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
        if (ledger != null && !ledger.leader()) {
            return;
        }
        Subscription s;
        synchronized (lock) {
            s = state.get(id).orElse(null);
        }
        if (s == null || s.wake() == null) {
            return;
        }
        try {
            secrets();
        } catch (RuntimeException e) {
            LOG.info("subscription {}: not delivered yet, the signing key is not there: {}", s.id(), e.getMessage());
            failed(s.id(), s.wake().generation());
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
                run(() -> state.delivered(s.id(), generation, done, clock.getAsLong(), wakeIds()));
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
            double jitter = random.nextDouble() * 2 - 1;
            run(() -> state.deliveryFailed(id, generation, clock.getAsLong(), jitter));
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
            if (ledger != null && !ledger.leader()) {
                return;
            }
            long now = clock.getAsLong();
            SigningKeys current = keys;
            SigningKeys next = current.dueForRotation(now, keyRotationMillis) ? current.rotate(now) : current;
            next = next.pruned(now);
            if (next == current) {
                return;
            }
            if (ledger != null) {
                ledger.commit(keyWrites(current, next), List.of());
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

    /** The writes that turn the stored key set {@code current} into {@code next}. */
    private List<SubscriptionLedger.Write> keyWrites(SigningKeys current, SigningKeys next) {
        List<SubscriptionLedger.Write> writes = new ArrayList<>();
        Set<String> kept = new HashSet<>();
        for (SigningKeys.Key k : next.keys()) {
            kept.add(k.kid());
            byte[] before = store.signingKey(k.kid()).orElse(null);
            byte[] after = SigningKeys.encode(k);
            if (before == null || !Arrays.equals(before, after)) {
                writes.add(new SubscriptionLedger.Write(SubscriptionLedger.Kind.SIGNING_KEY, k.kid(), before, after));
            }
        }
        for (SigningKeys.Key k : current.keys()) {
            if (!kept.contains(k.kid())) {
                writes.add(new SubscriptionLedger.Write(SubscriptionLedger.Kind.SIGNING_KEY, k.kid(),
                        store.signingKey(k.kid()).orElse(null), null));
            }
        }
        return writes;
    }

    private Supplier<String> wakeIds() {
        return () -> {
            byte[] bytes = new byte[12];
            random.nextBytes(bytes);
            return "w_" + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        };
    }

    /**
     * The tails of the streams this node has applied. Operations read them under the lock, which the
     * apply of a cluster's log needs too, so they never wait to catch up here: each request caught up
     * before it took the lock.
     */
    private StreamTails tails() {
        Streams bound = streams;
        return new StreamTails() {
            @Override
            public Optional<StreamTail> tail(String path) {
                if (bound == null) {
                    return Optional.empty();
                }
                return bound.listApplied(path, null, 1).stream().filter(m -> m.path().equals(path)).findFirst()
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
                    List<StreamMetadata> page = bound.listApplied(prefix, after, LIST_PAGE);
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
