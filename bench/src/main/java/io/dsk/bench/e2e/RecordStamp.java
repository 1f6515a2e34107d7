package io.dsk.bench.e2e;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The JSON value of a benchmark record, {@code {"seq":12,"sent":345,"pad":"xx…"}}, and how to find
 * those numbers again in the text a subscriber receives. {@code seq} is the record's position in its
 * stream (0, 1, 2, …) and {@code sent} its scheduled send time in {@link System#nanoTime()}
 * nanoseconds. The scanner does not depend on the field order or on whitespace, because the
 * connector re-renders the JSON.
 */
final class RecordStamp {

    private static final String SEQ = "\"seq\"";
    private static final String SENT = "\"sent\"";

    /** The smallest payload that holds any stamp, whatever its numbers. */
    static final int MIN_PAYLOAD_BYTES = head(Long.MAX_VALUE, Long.MIN_VALUE).length() + 2;

    /** Receives each stamped message found in a text. */
    interface Sink {
        void accept(long seq, long sentNanos);
    }

    private RecordStamp() {
    }

    /**
     * A compact ASCII JSON value of exactly {@code payloadBytes} bytes.
     *
     * @throws IllegalArgumentException if {@code payloadBytes} cannot hold the two numbers
     */
    static byte[] value(long seq, long sentNanos, int payloadBytes) {
        byte[] head = head(seq, sentNanos).getBytes(StandardCharsets.US_ASCII);
        if (head.length + 2 > payloadBytes) {
            throw new IllegalArgumentException("payload of " + payloadBytes + " bytes is too small for a stamped "
                    + "record; use at least " + (head.length + 2) + " bytes");
        }
        byte[] value = new byte[payloadBytes];
        System.arraycopy(head, 0, value, 0, head.length);
        Arrays.fill(value, head.length, payloadBytes - 2, (byte) 'x');
        value[payloadBytes - 2] = '"';
        value[payloadBytes - 1] = '}';
        return value;
    }

    private static String head(long seq, long sentNanos) {
        return "{" + SEQ + ":" + seq + "," + SENT + ":" + sentNanos + ",\"pad\":\"";
    }

    /**
     * Finds every JSON object in {@code text} that holds both numbers and passes them to {@code sink},
     * in order. Objects without them are skipped.
     *
     * @return how many stamped objects were found
     */
    static int scan(CharSequence text, Sink sink) {
        int found = 0;
        int length = text.length();
        for (int open = indexOf(text, '{', 0); open >= 0; ) {
            int close = indexOf(text, '}', open + 1);
            int end = close < 0 ? length : close;
            long seq = number(text, SEQ, open, end);
            long sent = number(text, SENT, open, end);
            if (seq != Long.MIN_VALUE && sent != Long.MIN_VALUE) {
                sink.accept(seq, sent);
                found++;
            }
            open = close < 0 ? -1 : indexOf(text, '{', close + 1);
        }
        return found;
    }

    /** The integer after {@code "name":} within {@code [from, to)}, or {@link Long#MIN_VALUE}. */
    private static long number(CharSequence text, String name, int from, int to) {
        int at = indexOf(text, name, from, to);
        if (at < 0) {
            return Long.MIN_VALUE;
        }
        int i = skipSpaces(text, at + name.length(), to);
        if (i >= to || text.charAt(i) != ':') {
            return Long.MIN_VALUE;
        }
        i = skipSpaces(text, i + 1, to);
        boolean negative = i < to && text.charAt(i) == '-';
        if (negative) {
            i++;
        }
        int digits = i;
        long value = 0;
        while (i < to && Character.isDigit(text.charAt(i))) {
            value = value * 10 + (text.charAt(i) - '0');
            i++;
        }
        if (i == digits) {
            return Long.MIN_VALUE;
        }
        return negative ? -value : value;
    }

    private static int skipSpaces(CharSequence text, int from, int to) {
        int i = from;
        while (i < to && Character.isWhitespace(text.charAt(i))) {
            i++;
        }
        return i;
    }

    private static int indexOf(CharSequence text, char c, int from) {
        for (int i = from; i < text.length(); i++) {
            if (text.charAt(i) == c) {
                return i;
            }
        }
        return -1;
    }

    private static int indexOf(CharSequence text, String s, int from, int to) {
        for (int i = from; i + s.length() <= to; i++) {
            if (text.charAt(i) == s.charAt(0) && regionMatches(text, i, s)) {
                return i;
            }
        }
        return -1;
    }

    private static boolean regionMatches(CharSequence text, int at, String s) {
        for (int k = 1; k < s.length(); k++) {
            if (text.charAt(at + k) != s.charAt(k)) {
                return false;
            }
        }
        return true;
    }
}
