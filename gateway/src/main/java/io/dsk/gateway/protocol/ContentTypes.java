package io.dsk.gateway.protocol;

import java.util.Locale;

/** Content type rules: comparison by media type, JSON mode, and SSE data encoding. */
public final class ContentTypes {

    public static final String DEFAULT = "application/octet-stream";
    public static final String JSON = "application/json";

    private ContentTypes() {
    }

    /** The media type without parameters, lower case: {@code Text/Plain; charset=x} is {@code text/plain}. */
    public static String mediaType(String contentType) {
        if (contentType == null) {
            return "";
        }
        int semicolon = contentType.indexOf(';');
        String type = semicolon < 0 ? contentType : contentType.substring(0, semicolon);
        return type.trim().toLowerCase(Locale.ROOT);
    }

    /** True if two content types name the same media type. */
    public static boolean matches(String a, String b) {
        // The same text names the same media type: most appends send the stream's own content type.
        return a != null && a.equals(b) || mediaType(a).equals(mediaType(b));
    }

    /** True for streams in JSON mode (PROTOCOL.md 9.1). */
    public static boolean isJson(String contentType) {
        return mediaType(contentType).equals(JSON);
    }

    /** True if SSE data events carry this type as text; otherwise they are base64. */
    public static boolean isSseText(String contentType) {
        String media = mediaType(contentType);
        return media.startsWith("text/") || media.equals(JSON);
    }

    /** A syntactically plausible {@code type/subtype}. */
    public static boolean isValid(String contentType) {
        String media = mediaType(contentType);
        int slash = media.indexOf('/');
        return slash > 0 && slash < media.length() - 1 && media.indexOf('/', slash + 1) < 0;
    }
}
