package io.dsk.gateway.subscriptions;

import io.dsk.path.StreamPath;
import io.undertow.util.HttpString;
import io.undertow.util.Methods;
import java.io.ByteArrayOutputStream;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.ByteBuffer;

/**
 * A request to the subscription control APIs, read from the raw request path (PROTOCOL.md 6, 7):
 * {@code /v1/stream/__ds/subscriptions/:id[/streams[/:path] | /claim | /ack | /release | /callback]} and
 * {@code /v1/stream/__ds/jwks.json}. The {@code :path} of a membership removal is URL-encoded and
 * may hold {@code %2F}, so these paths are parsed here, not by the stream path rule; the auth layer
 * and the router both use {@link #parse}.
 *
 * @param operation what is asked
 * @param id the subscription id, or null for the JWKS
 * @param stream the decoded stream path of a membership removal, or null
 */
public record SubscriptionRoute(Operation operation, String id, String stream) {

    private static final String PREFIX = StreamPath.URL_PREFIX + StreamPath.CONTROL_SEGMENT + "/";
    private static final String SUBSCRIPTIONS = PREFIX + "subscriptions/";
    private static final String JWKS = PREFIX + "jwks.json";

    /** The addressed resource. */
    public enum Operation {
        JWKS, SUBSCRIPTION, STREAMS, STREAM, CLAIM, ACK, RELEASE, CALLBACK, UNKNOWN
    }

    /** True for a path this class routes (it may still be refused as malformed by {@link #parse}). */
    public static boolean matches(String rawPath) {
        String path = withoutQuery(rawPath);
        return path.equals(JWKS) || path.startsWith(SUBSCRIPTIONS);
    }

    /**
     * Reads a routed path.
     *
     * @throws SubscriptionException 400 for a malformed id or stream path
     */
    public static SubscriptionRoute parse(String rawPath) {
        String path = withoutQuery(rawPath);
        if (path.equals(JWKS)) {
            return new SubscriptionRoute(Operation.JWKS, null, null);
        }
        String rest = path.substring(SUBSCRIPTIONS.length());
        int slash = rest.indexOf('/');
        String id = slash < 0 ? rest : rest.substring(0, slash);
        if (!SubscriptionConfig.validId(id)) {
            throw SubscriptionException.badRequest(
                    "a subscription id is 1 to 128 characters of A-Z a-z 0-9 . _ ~ -, not only dots");
        }
        if (slash < 0) {
            return new SubscriptionRoute(Operation.SUBSCRIPTION, id, null);
        }
        String tail = rest.substring(slash + 1);
        switch (tail) {
            case "streams":
                return new SubscriptionRoute(Operation.STREAMS, id, null);
            case "claim":
                return new SubscriptionRoute(Operation.CLAIM, id, null);
            case "ack":
                return new SubscriptionRoute(Operation.ACK, id, null);
            case "release":
                return new SubscriptionRoute(Operation.RELEASE, id, null);
            case "callback":
                return new SubscriptionRoute(Operation.CALLBACK, id, null);
            default:
                break;
        }
        if (tail.startsWith("streams/") && tail.length() > "streams/".length()) {
            String stream = SubscriptionConfig.streamPath(decodeOnce(tail.substring("streams/".length())),
                    "the stream path");
            return new SubscriptionRoute(Operation.STREAM, id, stream);
        }
        return new SubscriptionRoute(Operation.UNKNOWN, id, null);
    }

    /**
     * True for requests that carry their own credentials or none: the JWKS is public, and callback, ack
     * and release carry a wake token that the subscription API checks (PROTOCOL.md 12.9), not a service JWT.
     */
    public boolean checksOwnToken(HttpString method) {
        return switch (operation) {
            case JWKS -> Methods.GET.equals(method) || Methods.HEAD.equals(method);
            case ACK, RELEASE, CALLBACK -> Methods.POST.equals(method);
            default -> false;
        };
    }

    /**
     * The reserved path whose {@code admin} grant the request needs: {@code __ds/subscriptions/<id>} for the
     * control APIs, {@code __ds/subscriptions/<id>/claim} for a claim (so workers can be granted claims alone).
     */
    public StreamPath grantPath() {
        String base = StreamPath.CONTROL_SEGMENT + "/subscriptions/" + id;
        return StreamPath.fromName(switch (operation) {
            case CLAIM -> base + "/claim";
            case STREAMS, STREAM -> base + "/streams";
            case JWKS -> StreamPath.CONTROL_SEGMENT + "/jwks.json";
            default -> base;
        });
    }

    private static String withoutQuery(String raw) {
        int q = raw.indexOf('?');
        String path = q < 0 ? raw : raw.substring(0, q);
        int scheme = path.indexOf("://");
        if (scheme > 0) {
            int slash = path.indexOf('/', scheme + 3);
            path = slash < 0 ? "/" : path.substring(slash);
        }
        return path;
    }

    /** Percent-decodes once; refuses malformed escapes and invalid UTF-8. */
    static String decodeOnce(String raw) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(raw.length());
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c == '%') {
                if (i + 2 >= raw.length()) {
                    throw SubscriptionException.badRequest("the stream path has a malformed % escape");
                }
                int hi = Character.digit(raw.charAt(i + 1), 16);
                int lo = Character.digit(raw.charAt(i + 2), 16);
                if (hi < 0 || lo < 0) {
                    throw SubscriptionException.badRequest("the stream path has a malformed % escape");
                }
                out.write(hi * 16 + lo);
                i += 2;
            } else {
                byte[] utf8 = String.valueOf(c).getBytes(StandardCharsets.UTF_8);
                out.write(utf8, 0, utf8.length);
            }
        }
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(out.toByteArray())).toString();
        } catch (CharacterCodingException e) {
            throw SubscriptionException.badRequest("the stream path is not valid UTF-8");
        }
    }
}
