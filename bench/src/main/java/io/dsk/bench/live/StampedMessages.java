package io.dsk.bench.live;

import java.util.Locale;
import java.util.function.LongConsumer;

/**
 * The JSON messages the fan-out writer appends: {@code {"s":<sequence>,"t":<send time>}}, the send
 * time in {@link System#nanoTime()} of the benchmark process, which also runs the subscribers. A
 * subscriber finds the send times in whatever a server delivers (one message, a JSON array of
 * several, split over SSE {@code data:} lines) by scanning for the {@code "t":} key.
 */
final class StampedMessages {

    private static final String STAMP_KEY = "\"t\":";

    private StampedMessages() {
    }

    /** The message for sequence number {@code sequence} sent at {@code sentNanos}. */
    static String message(long sequence, long sentNanos) {
        return String.format(Locale.ROOT, "{\"s\":%d,\"t\":%d}", sequence, sentNanos);
    }

    /**
     * Reports the send time of every message in {@code json}.
     *
     * @return how many send times it found
     */
    static int sendTimes(CharSequence json, LongConsumer sink) {
        String text = json.toString();
        int found = 0;
        for (int at = text.indexOf(STAMP_KEY); at >= 0; at = text.indexOf(STAMP_KEY, at + 1)) {
            int i = at + STAMP_KEY.length();
            while (i < text.length() && text.charAt(i) == ' ') {
                i++;
            }
            boolean negative = i < text.length() && text.charAt(i) == '-';
            if (negative) {
                i++;
            }
            long value = 0;
            int digits = 0;
            for (; i < text.length() && Character.isDigit(text.charAt(i)); i++, digits++) {
                value = value * 10 + (text.charAt(i) - '0');
            }
            if (digits > 0) {
                sink.accept(negative ? -value : value);
                found++;
            }
        }
        return found;
    }
}
