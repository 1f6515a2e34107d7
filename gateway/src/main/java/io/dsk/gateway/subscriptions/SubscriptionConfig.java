package io.dsk.gateway.subscriptions;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dsk.path.InvalidStreamPathException;
import io.dsk.path.StreamPath;
import io.dsk.path.StreamPathPattern;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * The configuration of one subscription as the client sent it to {@code PUT __ds/subscriptions/:id}
 * (PROTOCOL.md 6.2), validated and normalised: explicit streams sorted and deduplicated.
 *
 * @param id the subscription id
 * @param type how it is delivered
 * @param pattern glob over stream paths, or null
 * @param streams explicit stream paths, sorted, possibly empty
 * @param webhookUrl the webhook URL of a webhook subscription, or null
 * @param wakeStream the wake stream of a pull-wake subscription, or null
 * @param leaseTtlMs lease duration
 * @param description free text, or null
 */
public record SubscriptionConfig(String id, Type type, String pattern, List<String> streams, String webhookUrl,
                                 String wakeStream, long leaseTtlMs, String description) {

    /** Shortest lease. */
    public static final long MIN_LEASE_MS = 1_000;
    /** Longest lease. */
    public static final long MAX_LEASE_MS = 600_000;
    /** Lease when none is given. */
    public static final long DEFAULT_LEASE_MS = 30_000;
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9._~-]{1,128}");
    private static final int MAX_STREAMS = 1000;
    private static final int MAX_DESCRIPTION = 1000;
    private static final Set<String> FIELDS = Set.of("type", "pattern", "streams", "webhook", "wake_stream",
            "lease_ttl_ms", "description");
    private static final ObjectMapper JSON = new ObjectMapper();

    /** How wakes reach the application. */
    public enum Type {
        WEBHOOK("webhook"), PULL_WAKE("pull-wake");

        private final String wire;

        Type(String wire) {
            this.wire = wire;
        }

        /** The name on the wire. */
        public String wire() {
            return wire;
        }

        static Type of(String wire) {
            for (Type t : values()) {
                if (t.wire.equals(wire)) {
                    return t;
                }
            }
            throw SubscriptionException.badRequest("type must be webhook or pull-wake");
        }
    }

    public SubscriptionConfig {
        streams = List.copyOf(streams);
    }

    /** True when {@code id} may name a subscription: 1 to 128 characters of {@code A-Z a-z 0-9 . _ ~ -}, not only dots. */
    public static boolean validId(String id) {
        return ID.matcher(id).matches() && !id.chars().allMatch(c -> c == '.');
    }

    /**
     * Reads and checks a create request.
     *
     * @throws SubscriptionException 400 naming the field that is wrong
     */
    public static SubscriptionConfig parse(String id, JsonNode body) {
        if (body == null || !body.isObject()) {
            throw SubscriptionException.badRequest("the body must be a JSON object");
        }
        for (Iterator<String> names = body.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!FIELDS.contains(name)) {
                throw SubscriptionException.badRequest("unknown field " + name);
            }
        }
        Type type = Type.of(text(body, "type", true));
        String pattern = text(body, "pattern", false);
        if (pattern != null) {
            checkPattern(pattern);
        }
        List<String> streams = streamList(body.get("streams"));
        if (pattern == null && streams.isEmpty()) {
            throw SubscriptionException.badRequest("give a pattern, streams, or both");
        }
        String url = null;
        String wake = null;
        JsonNode webhook = body.get("webhook");
        if (type == Type.WEBHOOK) {
            if (webhook == null || !webhook.isObject() || !webhook.path("url").isTextual()) {
                throw SubscriptionException.badRequest("a webhook subscription needs webhook.url");
            }
            if (webhook.size() != 1) {
                throw SubscriptionException.badRequest("webhook holds only url");
            }
            url = webhook.get("url").asText();
            if (hasValue(body, "wake_stream")) {
                throw SubscriptionException.badRequest("wake_stream is for pull-wake subscriptions");
            }
        } else {
            wake = text(body, "wake_stream", true);
            wake = streamPath(wake, "wake_stream");
            if (webhook != null && !webhook.isNull()) {
                throw SubscriptionException.badRequest("webhook is for webhook subscriptions");
            }
        }
        long lease = DEFAULT_LEASE_MS;
        JsonNode ttl = body.get("lease_ttl_ms");
        if (ttl != null && !ttl.isNull()) {
            if (!ttl.canConvertToLong() || !ttl.isIntegralNumber()) {
                throw SubscriptionException.badRequest("lease_ttl_ms must be a whole number of milliseconds");
            }
            lease = ttl.asLong();
            if (lease < MIN_LEASE_MS || lease > MAX_LEASE_MS) {
                throw SubscriptionException.badRequest("lease_ttl_ms must be from 1000 to 600000");
            }
        }
        String description = text(body, "description", false);
        if (description != null && description.length() > MAX_DESCRIPTION) {
            throw SubscriptionException.badRequest("description is longer than " + MAX_DESCRIPTION + " characters");
        }
        return new SubscriptionConfig(id, type, pattern, streams, url, wake, lease, description);
    }

    /** The stream paths of a {@code streams} array, checked, sorted and deduplicated. */
    static List<String> streamList(JsonNode node) {
        if (node == null || node.isNull()) {
            return List.of();
        }
        if (!node.isArray()) {
            throw SubscriptionException.badRequest("streams must be an array of stream paths");
        }
        if (node.size() > MAX_STREAMS) {
            throw SubscriptionException.badRequest("at most " + MAX_STREAMS + " streams at once");
        }
        Set<String> paths = new TreeSet<>();
        for (JsonNode item : node) {
            if (!item.isTextual()) {
                throw SubscriptionException.badRequest("streams must be an array of stream paths");
            }
            paths.add(streamPath(item.asText(), "streams[]"));
        }
        return new ArrayList<>(paths);
    }

    /** A stream path from a body, checked by the one stream path rule; never a reserved path. */
    static String streamPath(String name, String field) {
        try {
            return StreamPath.fromQueryParameter(name).name();
        } catch (InvalidStreamPathException e) {
            throw SubscriptionException.badRequest(field + ": " + e.getMessage());
        }
    }

    private static void checkPattern(String pattern) {
        try {
            StreamPathPattern parsed = StreamPathPattern.parse(pattern);
            if (!parsed.placeholders().isEmpty()) {
                throw SubscriptionException.badRequest("pattern must not hold {placeholders}");
            }
        } catch (IllegalArgumentException e) {
            throw SubscriptionException.badRequest("pattern: " + e.getMessage());
        }
        if (StreamPath.isReservedName(pattern.strip())) {
            throw SubscriptionException.badRequest("pattern must not reach the reserved __ds paths");
        }
    }

    private static boolean hasValue(JsonNode body, String field) {
        return body.has(field) && !body.get(field).isNull();
    }

    private static String text(JsonNode body, String field, boolean required) {
        JsonNode value = body.get(field);
        if (value == null || value.isNull()) {
            if (required) {
                throw SubscriptionException.badRequest(field + " is required");
            }
            return null;
        }
        if (!value.isTextual() || value.asText().isEmpty()) {
            throw SubscriptionException.badRequest(field + " must be a non-empty string");
        }
        return value.asText();
    }

    /** The compiled pattern, or null. */
    public StreamPathPattern compiledPattern() {
        return pattern == null ? null : StreamPathPattern.parse(pattern);
    }

    /**
     * The hash that decides re-confirmation (PROTOCOL.md 6.2): SHA-256 over the canonical JSON of type,
     * pattern, sorted streams, delivery configuration, lease and description.
     */
    public String hash() {
        ObjectNode canonical = JSON.createObjectNode();
        canonical.put("type", type.wire());
        canonical.put("pattern", pattern);
        ArrayNode list = canonical.putArray("streams");
        streams.forEach(list::add);
        canonical.put("webhook_url", webhookUrl);
        canonical.put("wake_stream", wakeStream);
        canonical.put("lease_ttl_ms", leaseTtlMs);
        canonical.put("description", description);
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest(canonical.toString().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
