package io.dsk.gateway.auth;

import io.dsk.gateway.config.ConfigException;
import io.dsk.gateway.config.ConfigValues;
import io.dsk.gateway.config.GatewayOption;
import io.dsk.gateway.config.GatewayOptions;
import io.dsk.gateway.config.OptionGroup;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The {@code rate-limit-*} options: token buckets per client address and per token subject.
 * A rate of 0 (the default) turns that limit off.
 */
public final class RateLimitSettings {

    public static final String IP_RATE = GatewayOptions.RATE_LIMIT_IP_RPS.name();
    public static final String IP_BURST = GatewayOptions.RATE_LIMIT_IP_BURST.name();
    public static final String SUBJECT_RATE = GatewayOptions.RATE_LIMIT_SUBJECT_RPS.name();
    public static final String SUBJECT_BURST = GatewayOptions.RATE_LIMIT_SUBJECT_BURST.name();
    public static final String MAX_BUCKETS = GatewayOptions.RATE_LIMIT_MAX_BUCKETS.name();
    public static final int DEFAULT_MAX_BUCKETS = GatewayOptions.RATE_LIMIT_MAX_BUCKETS.defaultValue();
    /** Every option this class reads. */
    public static final List<String> KEYS = GatewayOptions.inGroup(OptionGroup.RATE_LIMIT).stream()
            .map(GatewayOption::name).collect(Collectors.toUnmodifiableList());

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
        require(Double.isFinite(ipRate) && Double.isFinite(ipBurst) && Double.isFinite(subjectRate)
                && Double.isFinite(subjectBurst), "rate-limit-* values must be finite numbers");
        GatewayOptions.RATE_LIMIT_IP_RPS.check(ipRate);
        GatewayOptions.RATE_LIMIT_SUBJECT_RPS.check(subjectRate);
        GatewayOptions.RATE_LIMIT_IP_BURST.check(ipBurst);
        GatewayOptions.RATE_LIMIT_SUBJECT_BURST.check(subjectBurst);
        GatewayOptions.RATE_LIMIT_MAX_BUCKETS.check(maxBuckets);
        return new RateLimitSettings(ipRate, burstOf(ipRate, ipBurst), subjectRate,
                burstOf(subjectRate, subjectBurst), maxBuckets);
    }

    /**
     * Reads the {@code rate-limit-*} options; absent keys take their defaults.
     *
     * @param values raw option values by kebab-case key, as if given on the command line
     * @return the settings
     * @throws ConfigException naming the option whose value is invalid
     */
    public static RateLimitSettings from(Map<String, String> values) {
        return from(ConfigValues.ofCommandLine(values));
    }

    /**
     * Reads the {@code rate-limit-*} options declared in {@link GatewayOptions} from the gateway's
     * merged configuration.
     *
     * @param config the merged configuration
     * @return the settings
     * @throws ConfigException naming the option, where its value came from and what is accepted
     */
    public static RateLimitSettings from(ConfigValues config) {
        try {
            return of(config.get(GatewayOptions.RATE_LIMIT_IP_RPS), config.get(GatewayOptions.RATE_LIMIT_IP_BURST),
                    config.get(GatewayOptions.RATE_LIMIT_SUBJECT_RPS), config.get(GatewayOptions.RATE_LIMIT_SUBJECT_BURST),
                    config.get(GatewayOptions.RATE_LIMIT_MAX_BUCKETS));
        } catch (ConfigException e) {
            throw e;
        } catch (IllegalArgumentException e) {
            throw config.sourced(e);
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

    /** Requests per second per client address ({@link #IP_RATE}, default 0 = off). */
    public double ipRate() {
        return ipRate;
    }

    /** Bucket size per client address ({@link #IP_BURST}, default one second's worth). */
    public double ipBurst() {
        return ipBurst;
    }

    /** Requests per second per token subject ({@link #SUBJECT_RATE}, default 0 = off). */
    public double subjectRate() {
        return subjectRate;
    }

    /** Bucket size per subject ({@link #SUBJECT_BURST}, default one second's worth). */
    public double subjectBurst() {
        return subjectBurst;
    }

    /** Most buckets kept per kind of limit ({@link #MAX_BUCKETS}, default 100000). */
    public int maxBuckets() {
        return maxBuckets;
    }

    @Override
    public String toString() {
        return "RateLimitSettings{ip=" + ipRate + "/s burst " + ipBurst + ", subject=" + subjectRate
                + "/s burst " + subjectBurst + ", maxBuckets=" + maxBuckets + "}";
    }
}
