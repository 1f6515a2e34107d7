package io.dsk.gateway.subscriptions;

import java.util.Collections;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The whole durable state of one subscription: its configuration, cursors, generation and wake.
 * Immutable; {@link Subscriptions} makes the next version.
 *
 * @param config the configuration it was created with
 * @param hash {@link SubscriptionConfig#hash()} of it
 * @param createdAt creation time, epoch millis
 * @param baseUrl scheme and authority the subscription was created through; callback URLs start there
 * @param links stream path to link, in path order
 * @param generation the fencing counter: the generation of the current or last wake
 * @param wake the current wake, or null while idle
 * @param deleted a tombstone: kept so that its generation keeps counting if the id is created again
 */
public record Subscription(SubscriptionConfig config, String hash, long createdAt, String baseUrl,
                           SortedMap<String, StreamLink> links, long generation, Wake wake, boolean deleted) {

    public Subscription {
        links = Collections.unmodifiableSortedMap(new TreeMap<>(links));
    }

    public String id() {
        return config.id();
    }

    /** {@code failed} while a webhook retry is scheduled, else {@code active} (PROTOCOL.md 6.3). */
    public String status() {
        return wake != null && wake.retrying() ? "failed" : "active";
    }

    /** True when some linked stream has data past its cursor. */
    public boolean hasPending() {
        for (StreamLink link : links.values()) {
            if (link.pending()) {
                return true;
            }
        }
        return false;
    }

    /** Stream path to current tail of every link: what a wake reports. */
    Map<String, Long> tails() {
        Map<String, Long> tails = new TreeMap<>();
        links.values().forEach(link -> tails.put(link.path(), link.tail()));
        return tails;
    }

    Subscription with(SortedMap<String, StreamLink> newLinks, long newGeneration, Wake newWake) {
        return new Subscription(config, hash, createdAt, baseUrl, newLinks, newGeneration, newWake, deleted);
    }

    Subscription withLinks(SortedMap<String, StreamLink> newLinks) {
        return with(newLinks, generation, wake);
    }

    Subscription withWake(Wake newWake) {
        return with(links, generation, newWake);
    }

    /** When something must next happen to it (lease end, retry), or -1. */
    public long deadline() {
        return wake == null ? -1 : wake.deadline();
    }
}
