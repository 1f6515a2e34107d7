package io.dsk.gateway.subscriptions;

import io.dsk.gateway.protocol.StreamOffset;
import io.dsk.path.StreamPath;
import io.dsk.path.StreamPathPattern;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

/**
 * The state machine of every subscription (PROTOCOL.md 6 and 7): each operation reads the current
 * state and its arguments (the time {@code now}, new wake ids, stream tails) and returns the
 * {@link Changes} it makes, without touching a clock, the network or the store. The caller commits
 * the changed subscriptions, then {@link #install installs} them and carries out the deliveries the
 * changes ask for. So each operation can become one command of a replicated log, applied alike on
 * every node.
 *
 * <p>Not thread-safe: the caller runs one operation at a time.
 */
public final class Subscriptions {

    private final Map<String, Subscription> byId = new HashMap<>();
    /** stream path -> ids of live subscriptions that link it. */
    private final Map<String, Set<String>> byPath = new HashMap<>();
    /** internal stream id -> path, of every linked stream. */
    private final Map<Long, String> pathById = new HashMap<>();
    /** id -> compiled pattern of live subscriptions that have one. */
    private final Map<String, StreamPathPattern> patterns = new LinkedHashMap<>();
    /** How an operation sees a live subscription: as stored, or with newer stream tails. */
    private UnaryOperator<Subscription> view = UnaryOperator.identity();

    /**
     * What an operation changed.
     *
     * @param changed new versions of the subscriptions it changed, to commit together
     * @param deliver ids of subscriptions whose current wake must now be delivered (webhook request,
     *                or wake event written to the wake stream)
     * @param refreshed new versions that differ only in the stream tails they have seen: made current
     *                  without a commit, since tails are read again from the streams after a restart
     */
    public record Changes(List<Subscription> changed, List<String> deliver, List<Subscription> refreshed) {
        static final Changes NONE = new Changes(List.of(), List.of(), List.of());

        public Changes(List<Subscription> changed, List<String> deliver) {
            this(changed, deliver, List.of());
        }

        static Changes of(Subscription changed, boolean deliver) {
            return new Changes(List.of(changed), deliver ? List.of(changed.id()) : List.of());
        }
    }

    /** How a create request ended. */
    public enum PutOutcome { CREATED, CONFIRMED, CONFLICT }

    /** A create request's outcome and the changes it made. */
    public record PutResult(PutOutcome outcome, Subscription subscription, Changes changes) {
    }

    /** An accepted ack, callback or release. */
    public record AckResult(boolean nextWake, Changes changes) {
    }

    /** A successful claim: the claimed wake in {@code subscription}. */
    public record ClaimResult(Subscription subscription, Changes changes) {
    }

    /** One ack of a request: a stream path and the offset processed, inclusive. */
    public record Ack(String stream, String offset) {
    }

    /** A callback, ack or release as the worker sent it, with the claims of its verified token. */
    public record WakeRequest(WakeTokens.Claims token, String wakeId, long generation, List<Ack> acks, boolean done) {
    }

    /**
     * Operations and {@link #get} see each live subscription through {@code tails}, which may give
     * its links newer stream tails than the stored version has. A cluster node stores only what the
     * log committed, so it reads the tails from its own streams this way.
     */
    public void viewThrough(UnaryOperator<Subscription> tails) {
        this.view = tails;
    }

    /** The live subscription with that id, as operations see it. */
    public Optional<Subscription> get(String id) {
        Subscription s = byId.get(id);
        return s == null || s.deleted() ? Optional.empty() : Optional.of(view.apply(s));
    }

    /** The version of a subscription (tombstones included) that was last installed, or null. */
    public Subscription stored(String id) {
        return byId.get(id);
    }

    /** Every subscription, tombstones included. */
    public Collection<Subscription> all() {
        return List.copyOf(byId.values());
    }

    /** Makes committed versions current. */
    public void install(Changes changes) {
        changes.changed().forEach(this::install);
        changes.refreshed().forEach(this::install);
    }

    /** Makes one committed (or loaded) version current. */
    public void install(Subscription s) {
        Subscription old = byId.put(s.id(), s);
        if (old != null) {
            old.links().keySet().forEach(path -> unindex(path, s.id()));
            patterns.remove(s.id());
        }
        if (s.deleted()) {
            return;
        }
        for (StreamLink link : s.links().values()) {
            byPath.computeIfAbsent(link.path(), p -> new HashSet<>()).add(s.id());
            if (link.streamId() != StreamLink.NO_STREAM) {
                pathById.put(link.streamId(), link.path());
            }
        }
        if (s.config().pattern() != null) {
            patterns.put(s.id(), s.config().compiledPattern());
        }
    }

    /** True if some live subscription links a stream or has a pattern: only then can a stream change matter. */
    public boolean watchesStreams() {
        return !byPath.isEmpty() || !patterns.isEmpty();
    }

    /** The path of a linked stream, by internal id, if some subscription links it. */
    public Optional<String> linkedPath(long streamId) {
        return Optional.ofNullable(pathById.get(streamId));
    }

    private void unindex(String path, String id) {
        Set<String> ids = byPath.get(path);
        if (ids != null) {
            ids.remove(id);
            if (ids.isEmpty()) {
                byPath.remove(path);
            }
        }
    }

    // ---- control APIs (6.2 - 6.4) ----

    /**
     * Creates a subscription, or re-confirms one with the same configuration hash. A pattern links
     * every matching live stream at its tail; explicit streams are linked at their tail too.
     */
    public PutResult put(SubscriptionConfig config, String baseUrl, long now, StreamTails tails) {
        Subscription existing = byId.get(config.id());
        String hash = config.hash();
        if (existing != null && !existing.deleted()) {
            return new PutResult(existing.hash().equals(hash) ? PutOutcome.CONFIRMED : PutOutcome.CONFLICT,
                    existing, Changes.NONE);
        }
        SortedMap<String, StreamLink> links = new TreeMap<>();
        StreamPathPattern pattern = config.compiledPattern();
        if (pattern != null) {
            for (StreamTails.StreamTail t : tails.matching(pattern)) {
                if (!t.path().equals(config.wakeStream())) {
                    links.put(t.path(), new StreamLink(t.path(), t.id(), t.tail(), t.tail(), false, true));
                }
            }
        }
        for (String path : config.streams()) {
            links.put(path, explicitLink(path, links.get(path), tails));
        }
        long generation = existing == null ? 0 : existing.generation();
        Subscription created = new Subscription(config, hash, now, baseUrl, links, generation, null, false);
        return new PutResult(PutOutcome.CREATED, created, Changes.of(created, false));
    }

    private static StreamLink explicitLink(String path, StreamLink current, StreamTails tails) {
        if (current != null) {
            return current.withKinds(true, current.glob());
        }
        return tails.tail(path)
                .map(t -> new StreamLink(path, t.id(), t.tail(), t.tail(), true, false))
                .orElse(new StreamLink(path, StreamLink.NO_STREAM, 0, 0, true, false));
    }

    /** Tombstones a subscription: its wake and links end; its generation is kept. */
    public Changes delete(String id) {
        Subscription s = live(id);
        Subscription tomb = new Subscription(s.config(), s.hash(), s.createdAt(), s.baseUrl(), new TreeMap<>(),
                s.generation(), null, true);
        return Changes.of(tomb, false);
    }

    /** Adds explicit links at the streams' tails; a link that exists already becomes explicit. */
    public Changes addStreams(String id, List<String> paths, StreamTails tails) {
        Subscription s = live(id);
        SortedMap<String, StreamLink> links = new TreeMap<>(s.links());
        for (String path : paths) {
            if (!path.equals(s.config().wakeStream())) {
                links.put(path, explicitLink(path, links.get(path), tails));
            }
        }
        return Changes.of(s.withLinks(links), false);
    }

    /** Removes an explicit link; the link stays as a glob link while the pattern matches. */
    public Changes removeStream(String id, String path) {
        Subscription s = live(id);
        StreamLink link = s.links().get(path);
        if (link == null || !link.explicit()) {
            return Changes.NONE;
        }
        SortedMap<String, StreamLink> links = new TreeMap<>(s.links());
        if (link.glob()) {
            links.put(path, link.withKinds(false, true));
        } else {
            links.remove(path);
        }
        return Changes.of(s.withLinks(links), false);
    }

    // ---- streams (6.2 linking, 7 wakes) ----

    /**
     * A stream reached {@code tail}: every subscription that links it, or whose pattern matches it
     * (linked now at {@code start}, since all its own data arrived after the subscription), records the
     * tail and, if idle with pending work, gets a wake.
     *
     * @param start where the stream's own data begins: 0, or a fork's fork offset (what it shares with
     *              its source is not new)
     */
    public Changes streamAdvanced(String path, long streamId, long start, long tail, long now,
                                  Supplier<String> wakeIds) {
        Set<String> ids = new HashSet<>(byPath.getOrDefault(path, Set.of()));
        StreamPath streamPath = null;
        for (Map.Entry<String, StreamPathPattern> p : patterns.entrySet()) {
            if (!ids.contains(p.getKey())) {
                if (streamPath == null) {
                    streamPath = StreamPath.fromName(path);
                }
                if (p.getValue().matches(streamPath, name -> Optional.empty())) {
                    ids.add(p.getKey());
                }
            }
        }
        List<Subscription> changed = new ArrayList<>();
        List<String> deliver = new ArrayList<>();
        List<Subscription> refreshed = new ArrayList<>();
        for (String id : ids) {
            Subscription s = byId.get(id);
            if (path.equals(s.config().wakeStream())) {
                continue;
            }
            SortedMap<String, StreamLink> links = new TreeMap<>(s.links());
            StreamLink link = links.get(path);
            links.put(path, link == null
                    ? new StreamLink(path, streamId, start, tail, false, true)
                    : link.withTail(streamId, start, tail));
            Subscription next = s.withLinks(links);
            Subscription woken = wakeIfPending(next, now, wakeIds);
            boolean wakes = woken.wake() != null && woken.wake() != next.wake();
            if (wakes) {
                deliver.add(id);
            }
            if (woken.equals(s)) {
                continue;
            }
            if (wakes || link == null || link.streamId() != streamId) {
                changed.add(woken);
            } else {
                refreshed.add(woken);
            }
        }
        return new Changes(changed, deliver, refreshed);
    }

    /**
     * The stream with internal id {@code streamId}, at {@code path}, was deleted or expired: glob
     * links to it go, explicit links stay without a stream (and without a cursor) until one is
     * created at the path.
     */
    public Changes streamRemoved(String path, long streamId) {
        List<Subscription> changed = new ArrayList<>();
        for (String id : byPath.getOrDefault(path, Set.of())) {
            Subscription s = byId.get(id);
            StreamLink link = s.links().get(path);
            if (link == null || link.streamId() != streamId) {
                continue;
            }
            SortedMap<String, StreamLink> links = new TreeMap<>(s.links());
            if (link.explicit()) {
                links.put(path, link.withoutStream());
            } else {
                links.remove(path);
            }
            changed.add(s.withLinks(links));
        }
        pathById.remove(streamId);
        return new Changes(changed, List.of());
    }

    /** The subscription with a new wake (next generation) if it is idle and has pending work; else as it is. */
    private static Subscription wakeIfPending(Subscription s, long now, Supplier<String> wakeIds) {
        if (s.deleted() || s.wake() != null || !s.hasPending()) {
            return s;
        }
        long generation = s.generation() + 1;
        long lease = s.config().type() == SubscriptionConfig.Type.WEBHOOK ? now + s.config().leaseTtlMs() : -1;
        Wake wake = new Wake(wakeIds.get(), generation, s.tails(), null, lease, 0, -1);
        return s.with(s.links(), generation, wake);
    }

    // ---- delivery outcomes (7.1) ----

    /**
     * The webhook answered 2xx to wake {@code generation}. With {@code done}, the tails of the wake's
     * snapshot are acked and the subscription is released (and woken again if work arrived since);
     * otherwise the lease runs from now until a callback.
     */
    public Changes delivered(String id, long generation, boolean done, long now, Supplier<String> wakeIds) {
        Subscription s = get(id).orElse(null);
        if (s == null || s.deleted() || s.wake() == null || s.wake().generation() != generation) {
            return Changes.NONE;
        }
        if (!done) {
            return Changes.of(s.withWake(s.wake().withLeaseUntil(now + s.config().leaseTtlMs())), false);
        }
        SortedMap<String, StreamLink> links = new TreeMap<>(s.links());
        for (Map.Entry<String, Long> e : s.wake().snapshot().entrySet()) {
            StreamLink link = links.get(e.getKey());
            if (link != null) {
                links.put(e.getKey(), link.withAcked(Math.min(e.getValue(), link.tail())));
            }
        }
        return release(s.with(links, s.generation(), null), now, wakeIds);
    }

    /**
     * A delivery attempt of wake {@code generation} failed (no answer, a non-2xx answer, a refused
     * address, a wake stream that cannot be written): the next attempt is scheduled by {@link RetrySchedule}.
     *
     * @param jitter a number in [-1, 1] that spreads the retry by up to 20%
     */
    public Changes deliveryFailed(String id, long generation, long now, double jitter) {
        Subscription s = get(id).orElse(null);
        if (s == null || s.deleted() || s.wake() == null || s.wake().generation() != generation) {
            return Changes.NONE;
        }
        int attempt = s.wake().attempts() + 1;
        return Changes.of(s.withWake(s.wake().withAttemptFailed(now + RetrySchedule.delayMillis(attempt, jitter))),
                false);
    }

    /**
     * Time passed: a retry that is due is delivered again; an expired lease clears the holder and
     * wake token (the wake ends) and, if work is pending, a new wake is issued (7.3).
     */
    public Changes tick(String id, long now, Supplier<String> wakeIds) {
        Subscription s = get(id).orElse(null);
        if (s == null || s.deleted() || s.wake() == null) {
            return Changes.NONE;
        }
        Wake wake = s.wake();
        if (wake.nextAttemptAt() >= 0) {
            if (wake.nextAttemptAt() > now) {
                return Changes.NONE;
            }
            Wake attempt = new Wake(wake.wakeId(), wake.generation(), wake.snapshot(), wake.holder(),
                    now + s.config().leaseTtlMs(), wake.attempts(), -1);
            if (s.config().type() == SubscriptionConfig.Type.PULL_WAKE) {
                attempt = new Wake(wake.wakeId(), wake.generation(), wake.snapshot(), null, -1, wake.attempts(), -1);
            }
            return Changes.of(s.withWake(attempt), true);
        }
        if (wake.leaseExpiresAt() < 0 || wake.leaseExpiresAt() > now) {
            return Changes.NONE;
        }
        return release(s.withWake(null), now, wakeIds);
    }

    /** The subscription idle, then woken again at once if work is pending. */
    private static Changes release(Subscription idle, long now, Supplier<String> wakeIds) {
        Subscription next = wakeIfPending(idle, now, wakeIds);
        return Changes.of(next, next.wake() != null);
    }

    // ---- workers (7.1 callback, 7.2 claim, ack, release) ----

    /**
     * A pull-wake worker claims the subscription: the wake waiting to be claimed, or a new one.
     *
     * @throws SubscriptionException 404 for no such subscription, 400 for a webhook subscription,
     *     409 {@code ALREADY_CLAIMED} while another worker's lease runs
     */
    public ClaimResult claim(String id, String worker, long now, Supplier<String> wakeIds) {
        Subscription s = live(id);
        if (s.config().type() != SubscriptionConfig.Type.PULL_WAKE) {
            throw SubscriptionException.badRequest("only pull-wake subscriptions are claimed");
        }
        Wake wake = s.wake();
        if (wake != null && wake.claimed() && wake.leaseExpiresAt() > now) {
            throw SubscriptionException.alreadyClaimed(wake.holder(), wake.generation());
        }
        long generation = s.generation();
        String wakeId;
        if (wake != null && !wake.claimed()) {
            wakeId = wake.wakeId();
        } else {
            generation++;
            wakeId = wakeIds.get();
        }
        Wake claimed = new Wake(wakeId, generation, s.tails(), worker, now + s.config().leaseTtlMs(), 0, -1);
        Subscription next = s.with(s.links(), generation, claimed);
        return new ClaimResult(next, Changes.of(next, false));
    }

    /**
     * A webhook callback or a pull-wake ack: applies the acks (cursors only move forward); with
     * {@code done} releases the wake and wakes again if work is pending, else extends the lease.
     *
     * @throws SubscriptionException 404 for a deleted subscription, 409 {@code FENCED} for a stale
     *     wake, 400 for an ack of a stream not linked or past its tail
     */
    public AckResult ack(String id, WakeRequest request, long now, Supplier<String> wakeIds) {
        Subscription s = fenced(id, request);
        SortedMap<String, StreamLink> links = new TreeMap<>(s.links());
        for (Ack ack : request.acks()) {
            StreamLink link = links.get(ack.stream());
            if (link == null) {
                throw SubscriptionException.badRequest("stream " + ack.stream() + " is not linked to this subscription");
            }
            long position = StreamOffsetArgument.parse(ack.offset());
            if (position > link.tail()) {
                throw SubscriptionException.badRequest("offset of " + ack.stream() + " is past the stream's tail "
                        + StreamOffset.format(link.tail()));
            }
            links.put(ack.stream(), link.withAcked(position));
        }
        if (request.done()) {
            Changes changes = release(s.with(links, s.generation(), null), now, wakeIds);
            return new AckResult(!changes.deliver().isEmpty(), changes);
        }
        Subscription next = s.with(links, s.generation(), s.wake().withLeaseUntil(now + s.config().leaseTtlMs()));
        return new AckResult(false, Changes.of(next, false));
    }

    /** A worker gives the wake back without acking; a new wake follows if work is pending. */
    public Changes release(String id, WakeRequest request, long now, Supplier<String> wakeIds) {
        Subscription s = fenced(id, request);
        return release(s.withWake(null), now, wakeIds);
    }

    private Subscription fenced(String id, WakeRequest request) {
        Subscription s = live(id);
        Wake wake = s.wake();
        WakeTokens.Claims token = request.token();
        if (!token.subscriptionId().equals(id)) {
            throw SubscriptionException.unauthorized("the token is for another subscription");
        }
        if (wake == null || token.generation() != s.generation() || request.generation() != s.generation()
                || !wake.wakeId().equals(request.wakeId()) || !wake.wakeId().equals(token.wakeId())
                || (s.config().type() == SubscriptionConfig.Type.PULL_WAKE && !wake.claimed())) {
            throw SubscriptionException.fenced("this wake is no longer current");
        }
        return s;
    }

    private Subscription live(String id) {
        return get(id).orElseThrow(() -> SubscriptionException.notFound("no subscription " + id));
    }
}
