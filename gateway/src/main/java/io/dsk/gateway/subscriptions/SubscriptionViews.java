package io.dsk.gateway.subscriptions;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dsk.gateway.protocol.StreamOffset;
import io.dsk.path.StreamPath;
import java.time.Instant;
import java.util.Map;

/** The JSON bodies of subscriptions and wakes, as PROTOCOL.md 6.3, 7.1 and 7.2 show them. */
final class SubscriptionViews {

    static final ObjectMapper JSON = new ObjectMapper();
    static final String JWKS_PATH = StreamPath.CONTROL_SEGMENT + "/jwks.json";

    private SubscriptionViews() {
    }

    /** {@code GET __ds/subscriptions/:id}, also the answer to its create. */
    static ObjectNode subscription(Subscription s, String activeKid) {
        SubscriptionConfig c = s.config();
        ObjectNode n = JSON.createObjectNode();
        n.put("id", c.id());
        n.put("subscription_id", c.id());
        n.put("type", c.type().wire());
        n.put("pattern", c.pattern());
        ArrayNode streams = n.putArray("streams");
        for (StreamLink link : s.links().values()) {
            streams.addObject().put("path", link.path()).put("link_type", link.linkType())
                    .put("acked_offset", StreamOffset.format(link.acked()));
        }
        if (c.type() == SubscriptionConfig.Type.WEBHOOK) {
            ObjectNode webhook = n.putObject("webhook");
            webhook.put("url", c.webhookUrl());
            webhook.putObject("signing").put("alg", "ed25519").put("kid", activeKid)
                    .put("jwks_url", streamUrl(s.baseUrl(), JWKS_PATH));
        } else {
            n.putNull("webhook");
        }
        n.put("wake_stream", c.wakeStream());
        n.put("lease_ttl_ms", c.leaseTtlMs());
        n.put("created_at", Instant.ofEpochMilli(s.createdAt()).toString());
        n.put("status", s.status());
        n.put("description", c.description());
        return n;
    }

    /** The {@code streams} of a wake: each stream of the snapshot with its cursor and tail. */
    static ArrayNode wakeStreams(Subscription s) {
        ArrayNode streams = JSON.createArrayNode();
        for (Map.Entry<String, Long> e : s.wake().snapshot().entrySet()) {
            StreamLink link = s.links().get(e.getKey());
            if (link == null) {
                continue;
            }
            streams.addObject().put("path", link.path()).put("link_type", link.linkType())
                    .put("acked_offset", StreamOffset.format(link.acked()))
                    .put("tail_offset", StreamOffset.format(e.getValue()))
                    .put("has_pending", e.getValue() > link.acked());
        }
        return streams;
    }

    /** The webhook request body (7.1). */
    static ObjectNode webhookBody(Subscription s, String callbackToken) {
        ObjectNode n = JSON.createObjectNode();
        n.put("subscription_id", s.id());
        n.put("wake_id", s.wake().wakeId());
        n.put("generation", s.wake().generation());
        n.set("streams", wakeStreams(s));
        n.put("callback_url", streamUrl(s.baseUrl(),
                StreamPath.CONTROL_SEGMENT + "/subscriptions/" + s.id() + "/callback"));
        n.put("callback_token", callbackToken);
        return n;
    }

    /** A successful claim (7.2). */
    static ObjectNode claim(Subscription s, String token) {
        ObjectNode n = JSON.createObjectNode();
        n.put("wake_id", s.wake().wakeId());
        n.put("generation", s.wake().generation());
        n.put("token", token);
        n.set("streams", wakeStreams(s));
        n.put("lease_ttl_ms", s.config().leaseTtlMs());
        return n;
    }

    /** The wake event written to a pull-wake subscription's wake stream (7.2). */
    static ObjectNode wakeEvent(Subscription s, long now) {
        ObjectNode n = JSON.createObjectNode();
        n.put("type", "wake");
        n.put("subscription_id", s.id());
        String stream = null;
        for (Map.Entry<String, Long> e : s.wake().snapshot().entrySet()) {
            StreamLink link = s.links().get(e.getKey());
            if (link != null && e.getValue() > link.acked()) {
                stream = e.getKey();
                break;
            }
        }
        n.put("stream", stream);
        n.put("generation", s.wake().generation());
        n.put("ts", now);
        return n;
    }

    static String streamUrl(String baseUrl, String path) {
        return (baseUrl == null ? "" : baseUrl) + StreamPath.URL_PREFIX + path;
    }
}
