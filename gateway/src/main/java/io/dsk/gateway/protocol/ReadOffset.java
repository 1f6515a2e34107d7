package io.dsk.gateway.protocol;

/** The {@code offset} query parameter of a read: the stream start, the tail, or a position. */
public record ReadOffset(Kind kind, long position) {

    /** Which form the client used. */
    public enum Kind { START, NOW, POSITION }

    public static final ReadOffset START = new ReadOffset(Kind.START, 0);
    public static final ReadOffset NOW = new ReadOffset(Kind.NOW, -1);

    /**
     * Parses the parameter; absent means the stream start.
     *
     * @throws ProtocolException 400 when malformed
     */
    public static ReadOffset parse(String value) {
        if (value == null || value.equals("-1")) {
            return START;
        }
        if (value.equals("now")) {
            return NOW;
        }
        return new ReadOffset(Kind.POSITION, StreamOffset.parse(value, "offset"));
    }

    public boolean isNow() {
        return kind == Kind.NOW;
    }
}
