package io.dsk.gateway.subscriptions;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/** The stored form of a {@link Subscription}: one JSON document per subscription. */
final class SubscriptionCodec {

    private static final ObjectMapper JSON = new ObjectMapper();

    private SubscriptionCodec() {
    }

    static byte[] encode(Subscription s) {
        ObjectNode n = JSON.createObjectNode();
        SubscriptionConfig c = s.config();
        n.put("id", c.id());
        n.put("type", c.type().wire());
        n.put("pattern", c.pattern());
        ArrayNode streams = n.putArray("streams");
        c.streams().forEach(streams::add);
        n.put("webhook_url", c.webhookUrl());
        n.put("wake_stream", c.wakeStream());
        n.put("lease_ttl_ms", c.leaseTtlMs());
        n.put("description", c.description());
        n.put("hash", s.hash());
        n.put("created_at", s.createdAt());
        n.put("base_url", s.baseUrl());
        n.put("generation", s.generation());
        n.put("deleted", s.deleted());
        ArrayNode links = n.putArray("links");
        for (StreamLink l : s.links().values()) {
            links.addObject().put("path", l.path()).put("stream_id", l.streamId()).put("acked", l.acked())
                    .put("tail", l.tail()).put("explicit", l.explicit()).put("glob", l.glob());
        }
        Wake w = s.wake();
        if (w != null) {
            ObjectNode wake = n.putObject("wake");
            wake.put("wake_id", w.wakeId()).put("generation", w.generation()).put("holder", w.holder())
                    .put("lease_expires_at", w.leaseExpiresAt()).put("attempts", w.attempts())
                    .put("next_attempt_at", w.nextAttemptAt());
            ObjectNode snapshot = wake.putObject("snapshot");
            w.snapshot().forEach(snapshot::put);
        }
        try {
            return JSON.writeValueAsBytes(n);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Subscription decode(byte[] stored) {
        JsonNode n;
        try {
            n = JSON.readTree(stored);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<String> streams = new ArrayList<>();
        n.path("streams").forEach(s -> streams.add(s.asText()));
        SubscriptionConfig config = new SubscriptionConfig(n.path("id").asText(),
                SubscriptionConfig.Type.of(n.path("type").asText()), text(n, "pattern"), streams,
                text(n, "webhook_url"), text(n, "wake_stream"), n.path("lease_ttl_ms").asLong(),
                text(n, "description"));
        SortedMap<String, StreamLink> links = new TreeMap<>();
        for (JsonNode l : n.path("links")) {
            StreamLink link = new StreamLink(l.path("path").asText(), l.path("stream_id").asLong(),
                    l.path("acked").asLong(), l.path("tail").asLong(), l.path("explicit").asBoolean(),
                    l.path("glob").asBoolean());
            links.put(link.path(), link);
        }
        Wake wake = null;
        JsonNode w = n.get("wake");
        if (w != null && w.isObject()) {
            Map<String, Long> snapshot = new TreeMap<>();
            w.path("snapshot").fields().forEachRemaining(e -> snapshot.put(e.getKey(), e.getValue().asLong()));
            wake = new Wake(w.path("wake_id").asText(), w.path("generation").asLong(), snapshot, text(w, "holder"),
                    w.path("lease_expires_at").asLong(), w.path("attempts").asInt(), w.path("next_attempt_at").asLong());
        }
        return new Subscription(config, n.path("hash").asText(), n.path("created_at").asLong(), text(n, "base_url"),
                links, n.path("generation").asLong(), wake, n.path("deleted").asBoolean());
    }

    private static String text(JsonNode n, String field) {
        JsonNode v = n.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }
}
