package io.dsk.connector.delivery;

import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.function.DoubleSupplier;

/**
 * Exponential backoff with jitter, bounded by attempts and total time, honouring {@code Retry-After}.
 */
public final class RetryPolicy {

    private final int maxRetries;
    private final long initialMs;
    private final long maxMs;
    private final double jitter;
    private final long timeoutMs;
    private final DoubleSupplier random;

    /**
     * @param maxRetries most retries of one request
     * @param initialMs  wait before the first retry
     * @param maxMs      longest wait
     * @param jitter     fraction (0..1) by which a wait is randomly shortened
     * @param timeoutMs  longest total time spent retrying one request
     * @param random     source of uniform numbers in [0, 1)
     */
    public RetryPolicy(int maxRetries, long initialMs, long maxMs, double jitter, long timeoutMs,
                       DoubleSupplier random) {
        this.maxRetries = maxRetries;
        this.initialMs = initialMs;
        this.maxMs = maxMs;
        this.jitter = jitter;
        this.timeoutMs = timeoutMs;
        this.random = random;
    }

    /**
     * @param retry          which retry this is, from 1
     * @param retryAfterMs   the server's Retry-After in ms, or -1 when it sent none
     * @param elapsedMs      time since the request first failed
     * @return the wait before this retry in ms, or -1 when the request must not be retried any more
     */
    public long delayBeforeRetry(int retry, long retryAfterMs, long elapsedMs) {
        if (retry > maxRetries || elapsedMs >= timeoutMs) {
            return -1;
        }
        long delay;
        if (retryAfterMs >= 0) {
            delay = retryAfterMs;
        } else {
            long exponential = initialMs << Math.min(retry - 1, 30);
            long capped = exponential <= 0 ? maxMs : Math.min(exponential, maxMs);
            delay = Math.round(capped * (1.0 - jitter * random.getAsDouble()));
        }
        return Math.max(0, Math.min(delay, timeoutMs - elapsedMs));
    }

    /**
     * Parses a {@code Retry-After} header: delta seconds or an HTTP date.
     *
     * @param value   the header value, or {@code null}
     * @param nowMs   the current time in epoch milliseconds
     * @return the wait in ms, or -1 when absent or malformed
     */
    public static long retryAfterMs(String value, long nowMs) {
        if (value == null || value.isBlank()) {
            return -1;
        }
        String text = value.trim();
        try {
            return Duration.ofSeconds(Long.parseLong(text)).toMillis();
        } catch (NumberFormatException | ArithmeticException e) {
            try {
                long at = ZonedDateTime.parse(text, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant().toEpochMilli();
                return Math.max(0, at - nowMs);
            } catch (DateTimeParseException notADate) {
                return -1;
            }
        }
    }
}
