package io.dsk.gateway.auth;

import io.dsk.gateway.config.ConfigException;
import io.dsk.gateway.config.ConfigValues;
import java.util.List;
import java.util.Map;

/**
 * The {@code rate-limit-*} options: token buckets per client address and per token subject.
 * A rate of 0 (the default) turns that limit off.
 */
public final class RateLimitSettings {

    public static final String IP_RATE = "rate-limit-ip-rps";
    public static final String IP_BURST = "rate-limit-ip-burst";
    public static final String SUBJECT_RATE = "rate-limit-subject-rps";
    public static final String SUBJECT_BURST = "rate-limit-subject-burst";
    public static final String MAX_BUCKETS = "rate-limit-max-buckets";
    public static final int DEFAULT_MAX_BUCKETS = 100_000;
    /** Every option this class reads. */
    public static final List<String> KEYS = List.of(IP_RATE, IP_BURST, SUBJECT_RATE, SUBJECT_BURST, MAX_BUCKETS);

    private final double ipRate;
    private final double ipBurst;
    private final double subjectRate;
    private final double subjectBurst;
    private final int maxBuckets;

    private RateLimitSettings(double ipRate, double ipBurst, double subjectRate, double subjectBurst, int maxBuckets) {
        this.ipRate = ipRate;
        this.ipBurst = ipBurst;
        this.subjectRate = subjectRate;
        this.subjectBurst = subjectBurst;
        this.maxBuckets = maxBuckets;
    }

    /** No rate limits (the default). */
    public static RateLimitSettings disabled() {
        return new RateLimitSettings(0, 0, 0, 0, DEFAULT_MAX_BUCKETS);
    }

    /**
     * Explicit limits.
     *
     * @param ipRate requests per second per client address; 0 for no limit
     * @param ipBurst requests a client address may send at once; 0 means one second's worth
     * @param subjectRate requests per second per token subject; 0 for no limit
     * @param subjectBurst requests a subject may send at once; 0 means one second's worth
     * @param maxBuckets most buckets kept in memory per kind of limit
     * @return the settings
     * @throws IllegalArgumentException naming the option whose value is invalid
     */
    public static RateLimitSettings of(double ipRate, double ipBurst, double subjectRate, double subjectBurst,
            int maxBuckets) {
        require(ipRate >= 0 && Double.isFinite(ipRate), IP_RATE + " must be >= 0");
        require(subjectRate >= 0 && Double.isFinite(subjectRate), SUBJECT_RATE + " must be >= 0");
        require(ipBurst >= 0 && Double.isFinite(ipBurst), IP_BURST + " must be >= 0");
        require(subjectBurst >= 0 && Double.isFinite(subjectBurst), SUBJECT_BURST + " must be >= 0");
        require(maxBuckets >= 1, MAX_BUCKETS + " must be positive");
        return new RateLimitSettings(ipRate, burstOf(ipRate, ipBurst), subjectRate,
                burstOf(subjectRate, subjectBurst), maxBuckets);
    }

    /**
     * Reads the {@code rate-limit-*} options; absent keys take their defaults.
     *
     * @param values raw option values by kebab-case key
     * @return the settings
     * @throws IllegalArgumentException naming the option whose value is invalid
     */
    public static RateLimitSettings from(Map<String, String> values) {
        OptionValues v = new OptionValues(values);
        return of(v.nonNegativeNumber(IP_RATE, 0), v.nonNegativeNumber(IP_BURST, 0),
                v.nonNegativeNumber(SUBJECT_RATE, 0), v.nonNegativeNumber(SUBJECT_BURST, 0),
                v.positiveInt(MAX_BUCKETS, DEFAULT_MAX_BUCKETS));
    }

    /**
     * Reads the {@code rate-limit-*} options from the gateway's merged configuration, marking them as known.
     *
     * @param config the merged configuration
     * @return the settings
     * @throws ConfigException naming the option whose value is invalid
     */
    public static RateLimitSettings from(ConfigValues config) {
        try {
            return from(OptionValues.read(config, KEYS));
        } catch (IllegalArgumentException e) {
            throw new ConfigException(e.getMessage());
        }
    }

    private static double burstOf(double rate, double burst) {
        return burst > 0 ? Math.max(1, burst) : Math.max(1, Math.ceil(rate));
    }

    private static void require(boolean ok, String message) {
        if (!ok) {
            throw new IllegalArgumentException(message);
        }
    }

    /** Requests per second per client address ({@value #IP_RATE}, default 0 = off). */
    public double ipRate() {
        return ipRate;
    }

    /** Bucket size per client address ({@value #IP_BURST}, default one second's worth). */
    public double ipBurst() {
        return ipBurst;
    }

    /** Requests per second per token subject ({@value #SUBJECT_RATE}, default 0 = off). */
    public double subjectRate() {
        return subjectRate;
    }

    /** Bucket size per subject ({@value #SUBJECT_BURST}, default one second's worth). */
    public double subjectBurst() {
        return subjectBurst;
    }

    /** Most buckets kept per kind of limit ({@value #MAX_BUCKETS}, default 100000). */
    public int maxBuckets() {
        return maxBuckets;
    }

    @Override
    public String toString() {
        return "RateLimitSettings{ip=" + ipRate + "/s burst " + ipBurst + ", subject=" + subjectRate
                + "/s burst " + subjectBurst + ", maxBuckets=" + maxBuckets + "}";
    }
}
