package io.dsk.connector.config;

import io.dsk.connector.route.StreamPathTemplate;
import java.net.URI;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigDef.Width;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.config.types.Password;

/** The configuration of the Durable Streams sink connector and its tasks. */
public final class DurableStreamsSinkConfig extends AbstractConfig {

    /** Prefix of per-topic stream path templates: {@code ds.stream.topic.<topic>=<template>}. */
    public static final String STREAM_TOPIC_PREFIX = "ds.stream.topic.";
    /** Prefix of per-topic content types: {@code ds.content.type.topic.<topic>=<media type>}. */
    public static final String CONTENT_TYPE_TOPIC_PREFIX = "ds.content.type.topic.";

    static final String GATEWAY_GROUP = "Gateway";
    static final String ROUTING_GROUP = "Routing";
    static final String LIFECYCLE_GROUP = "Stream lifecycle";
    static final String RENDERING_GROUP = "Rendering";
    static final String BATCHING_GROUP = "Batching";
    static final String RETRY_GROUP = "Retries";

    public static final String URL_CONFIG = "ds.url";
    private static final String URL_DOC = "Base URL of the Durable Streams server's streams, e.g. "
            + "http://127.0.0.1:4437/v1/stream. A stream path is appended to it after a '/'. For the nodes of a "
            + "gateway cluster, a comma-separated list of their base URLs (one scheme for all): requests go to one "
            + "node at a time, and a request that gets no answer or a 5xx moves the following ones, retries "
            + "included, to the next node. The check when the connector is created probes the first URL.";
    private static final String URL_DISPLAY = "Gateway stream base URL";

    public static final String TOKEN_CONFIG = "ds.token";
    private static final String TOKEN_DOC = "Bearer token sent in the Authorization header of every request. "
            + "Leave empty when the server accepts anonymous writes.";
    private static final String TOKEN_DISPLAY = "Bearer token";

    public static final String TRUSTSTORE_LOCATION_CONFIG = "ds.ssl.truststore.location";
    private static final String TRUSTSTORE_LOCATION_DOC = "Trust store file used to verify the server's "
            + "certificate for an https URL. Empty means the JVM's default trust store.";
    private static final String TRUSTSTORE_LOCATION_DISPLAY = "Trust store location";

    public static final String TRUSTSTORE_PASSWORD_CONFIG = "ds.ssl.truststore.password";
    private static final String TRUSTSTORE_PASSWORD_DOC = "Password of the trust store, if it has one.";
    private static final String TRUSTSTORE_PASSWORD_DISPLAY = "Trust store password";

    public static final String TRUSTSTORE_TYPE_CONFIG = "ds.ssl.truststore.type";
    private static final String TRUSTSTORE_TYPE_DOC = "Format of the trust store file.";
    private static final String TRUSTSTORE_TYPE_DISPLAY = "Trust store type";
    private static final String TRUSTSTORE_TYPE_DEFAULT = "PKCS12";

    public static final String REQUEST_TIMEOUT_CONFIG = "ds.request.timeout.ms";
    private static final String REQUEST_TIMEOUT_DOC = "How long one HTTP request may take before it counts as "
            + "failed and is retried.";
    private static final String REQUEST_TIMEOUT_DISPLAY = "Request timeout (ms)";
    private static final int REQUEST_TIMEOUT_DEFAULT = 30_000;

    public static final String STREAM_TEMPLATE_CONFIG = "ds.stream.template";
    private static final String STREAM_TEMPLATE_DOC = "Stream path for a record, relative to ds.url. Variables: "
            + "${topic}, ${partition}, ${key}, ${key.FIELD}, ${header.NAME}, ${value.FIELD.PATH}, each a string, "
            + "number or boolean, percent-encoded so it stays inside its path segment; literal text may use only "
            + "A-Z a-z 0-9 - . _ ~ and '/'. Override per topic with " + STREAM_TOPIC_PREFIX
            + "<topic>=<template>. A record header ds.stream holding a complete path overrides both "
            + "(see ds.stream.header.enabled).";
    private static final String STREAM_TEMPLATE_DISPLAY = "Stream path template";
    private static final String STREAM_TEMPLATE_DEFAULT = "${topic}/${partition}";

    public static final String STREAM_HEADER_ENABLED_CONFIG = "ds.stream.header.enabled";
    private static final String STREAM_HEADER_ENABLED_DOC = "Whether a record's ds.stream header (a complete, "
            + "already escaped stream path) overrides the templates. Disable it when producers must not choose "
            + "streams themselves.";
    private static final String STREAM_HEADER_ENABLED_DISPLAY = "Honour the ds.stream header";

    public static final String CONTENT_TYPE_CONFIG = "ds.content.type";
    private static final String CONTENT_TYPE_DOC = "Content type of the streams, which also decides rendering: "
            + "application/json (one JSON message per record), application/x-ndjson (one line per record), "
            + "text/plain and application/octet-stream (the record's text or bytes as is). Override per topic "
            + "with " + CONTENT_TYPE_TOPIC_PREFIX + "<topic>=<media type>.";
    private static final String CONTENT_TYPE_DISPLAY = "Stream content type";

    public static final String AUTO_CREATE_CONFIG = "ds.auto.create";
    private static final String AUTO_CREATE_DOC = "Create a missing stream with an idempotent PUT before "
            + "appending to it. When false, records for a missing stream are bad records.";
    private static final String AUTO_CREATE_DISPLAY = "Create missing streams";

    public static final String STREAM_TTL_CONFIG = "ds.stream.ttl.seconds";
    private static final String STREAM_TTL_DOC = "Sliding time-to-live, in seconds, of streams the connector "
            + "creates (Stream-TTL). -1 means none. Cannot be combined with ds.stream.expires.at.";
    private static final String STREAM_TTL_DISPLAY = "Created stream TTL (s)";

    public static final String RETENTION_MS_CONFIG = "ds.retention.ms";
    private static final String RETENTION_MS_DOC = "Retention by age of streams the connector creates, as a topic's "
            + "retention.ms: the gateway drops messages older than this from the head of the stream while it goes on "
            + "(DSK-Retention-Max-Age, sent in whole seconds, rounded up). -1 means none. A retention rule configured "
            + "on the gateway for the path applies as well; the stricter bound wins. Set only when a stream is created.";
    private static final String RETENTION_MS_DISPLAY = "Created stream retention (ms)";

    public static final String RETENTION_BYTES_CONFIG = "ds.retention.bytes";
    private static final String RETENTION_BYTES_DOC = "Retention by size of streams the connector creates, as a "
            + "topic's retention.bytes: the gateway keeps at most this many bytes of the newest messages of the "
            + "stream and drops older ones whole (DSK-Retention-Max-Bytes). -1 means none. A retention rule configured "
            + "on the gateway for the path applies as well; the stricter bound wins. Set only when a stream is created.";
    private static final String RETENTION_BYTES_DISPLAY = "Created stream retention (bytes)";

    /** -1 (none) or a positive bound: a zero bound would drop every message as it arrives. */
    private static final ConfigDef.Validator RETENTION_BOUND = ConfigDef.LambdaValidator.with((name, value) -> {
        long v = (Long) value;
        if (v != -1 && v < 1) {
            throw new ConfigException(name, value, "Set -1 for no retention bound, or a positive number.");
        }
    }, () -> "-1 or at least 1");

    public static final String STREAM_EXPIRES_AT_CONFIG = "ds.stream.expires.at";
    private static final String STREAM_EXPIRES_AT_DOC = "Absolute expiry (RFC 3339, e.g. 2030-01-01T00:00:00Z) "
            + "of streams the connector creates (Stream-Expires-At). Empty means none.";
    private static final String STREAM_EXPIRES_AT_DISPLAY = "Created stream expiry";

    public static final String CLOSED_STREAM_BEHAVIOR_CONFIG = "ds.closed.stream.behavior";
    private static final String CLOSED_STREAM_BEHAVIOR_DOC = "What records addressed to a stream that is already "
            + "closed (late records, such as an update that arrives after the final one) do: 'skip' them with a log "
            + "line and the records-skipped-closed-stream metric, 'dlq' (bad records: to the errant record reporter "
            + "per errors.tolerance, else the task fails), or 'fail' the task. Records the stream already holds, "
            + "such as a closing record redelivered after a restart, are recognised and never count as late.";
    private static final String CLOSED_STREAM_BEHAVIOR_DISPLAY = "Records for closed streams";

    public static final String CLOSE_ON_CONFIG = "ds.close.on";
    private static final String CLOSE_ON_DOC = "Which records close their stream: 'tombstone' (a null value), "
            + "'header' (header ds.close=true; the record's value, if any, is appended and the stream closed "
            + "atomically), 'both' or 'none'. Later records for a closed stream follow "
            + CLOSED_STREAM_BEHAVIOR_CONFIG + ".";
    private static final String CLOSE_ON_DISPLAY = "Close streams on";

    public static final String NULL_VALUE_BEHAVIOR_CONFIG = "ds.null.value.behavior";
    private static final String NULL_VALUE_BEHAVIOR_DOC = "What a record with a null value does when "
            + "ds.close.on does not make tombstones close: 'skip' it, 'close' its stream, or 'fail' (a bad record).";
    private static final String NULL_VALUE_BEHAVIOR_DISPLAY = "Null values";

    public static final String ENVELOPE_ENABLED_CONFIG = "ds.envelope.enabled";
    private static final String ENVELOPE_ENABLED_DOC = "Wrap each JSON record as {\"key\",\"value\",\"headers\","
            + "\"topic\",\"partition\",\"offset\",\"timestamp\"} instead of writing the bare value. JSON content "
            + "types only.";
    private static final String ENVELOPE_ENABLED_DISPLAY = "Envelope";

    public static final String ENVELOPE_HEADERS_CONFIG = "ds.envelope.headers";
    private static final String ENVELOPE_HEADERS_DOC = "Names of the record headers copied into the envelope's "
            + "\"headers\" object. Empty copies none.";
    private static final String ENVELOPE_HEADERS_DISPLAY = "Envelope headers";

    public static final String DECIMAL_FORMAT_CONFIG = "ds.json.decimal.format";
    private static final String DECIMAL_FORMAT_DOC = "How Decimal values are written in JSON: 'string' (exact, "
            + "e.g. \"12.340\") or 'number'.";
    private static final String DECIMAL_FORMAT_DISPLAY = "Decimal format";

    public static final String TEMPORAL_FORMAT_CONFIG = "ds.json.temporal.format";
    private static final String TEMPORAL_FORMAT_DOC = "How Date, Time and Timestamp values are written in JSON: "
            + "'iso8601' text in UTC, or 'epoch' numbers (days, milliseconds of the day, milliseconds).";
    private static final String TEMPORAL_FORMAT_DISPLAY = "Date and time format";

    public static final String PARSE_JSON_TEXT_CONFIG = "ds.json.parse.text";
    private static final String PARSE_JSON_TEXT_DOC = "For JSON content types, a String or bytes value that holds "
            + "JSON text (StringConverter, ByteArrayConverter) is embedded as that JSON, so the stream reads the "
            + "same whichever converter made the value. Text that is not JSON becomes a JSON string (bytes: "
            + "base64). When false, strings are always JSON strings and bytes always base64.";
    private static final String PARSE_JSON_TEXT_DISPLAY = "Embed JSON text";

    public static final String BATCH_MAX_RECORDS_CONFIG = "ds.batch.max.records";
    private static final String BATCH_MAX_RECORDS_DOC = "Most records in one append request to one stream.";
    private static final String BATCH_MAX_RECORDS_DISPLAY = "Batch size (records)";

    public static final String BATCH_MAX_BYTES_CONFIG = "ds.batch.max.bytes";
    private static final String BATCH_MAX_BYTES_DOC = "Most body bytes in one append request; a single larger "
            + "record is sent alone.";
    private static final String BATCH_MAX_BYTES_DISPLAY = "Batch size (bytes)";

    public static final String LINGER_CONFIG = "ds.linger.ms";
    private static final String LINGER_DOC = "How long a stream's batch waits for more records before it is "
            + "sent, when it is not full.";
    private static final String LINGER_DISPLAY = "Linger (ms)";

    public static final String MAX_IN_FLIGHT_CONFIG = "ds.max.in.flight.requests";
    private static final String MAX_IN_FLIGHT_DOC = "Most append requests in flight at once, across all streams "
            + "of a task. Each stream has at most one, to keep Kafka order.";
    private static final String MAX_IN_FLIGHT_DISPLAY = "Requests in flight";

    public static final String MAX_BUFFERED_RECORDS_CONFIG = "ds.max.buffered.records";
    private static final String MAX_BUFFERED_RECORDS_DOC = "Most records a task holds that the server has not "
            + "acknowledged yet; put() waits when it is reached.";
    private static final String MAX_BUFFERED_RECORDS_DISPLAY = "Buffered records";

    public static final String RETRY_MAX_CONFIG = "ds.retry.max.attempts";
    private static final String RETRY_MAX_DOC = "Most retries of one request after IO errors, 429 or 5xx before "
            + "the task fails.";
    private static final String RETRY_MAX_DISPLAY = "Retries";

    public static final String RETRY_BACKOFF_INITIAL_CONFIG = "ds.retry.backoff.initial.ms";
    private static final String RETRY_BACKOFF_INITIAL_DOC = "Wait before the first retry; it doubles with each "
            + "retry up to ds.retry.backoff.max.ms. A Retry-After header from the server takes precedence.";
    private static final String RETRY_BACKOFF_INITIAL_DISPLAY = "Initial backoff (ms)";

    public static final String RETRY_BACKOFF_MAX_CONFIG = "ds.retry.backoff.max.ms";
    private static final String RETRY_BACKOFF_MAX_DOC = "Longest wait between two retries.";
    private static final String RETRY_BACKOFF_MAX_DISPLAY = "Maximum backoff (ms)";

    public static final String RETRY_JITTER_CONFIG = "ds.retry.jitter";
    private static final String RETRY_JITTER_DOC = "Random fraction (0 to 1) by which each backoff is shortened, "
            + "so that tasks do not retry in lockstep.";
    private static final String RETRY_JITTER_DISPLAY = "Backoff jitter";

    public static final String RETRY_TIMEOUT_CONFIG = "ds.retry.timeout.ms";
    private static final String RETRY_TIMEOUT_DOC = "Longest time a request keeps being retried before the task "
            + "fails with an error naming the server URL.";
    private static final String RETRY_TIMEOUT_DISPLAY = "Retry timeout (ms)";

    /** The definition of every option, with documentation, groups, validators and recommenders. */
    public static final ConfigDef CONFIG_DEF = configDef();

    private final Map<String, StreamPathTemplate> topicTemplates;
    private final Map<String, StreamContentType> topicContentTypes;

    /**
     * @param props the connector or task properties
     * @throws ConfigException naming the key to change if a value is invalid
     */
    public DurableStreamsSinkConfig(Map<String, String> props) {
        super(CONFIG_DEF, props);
        this.topicTemplates = TopicOverrides.templates(props);
        this.topicContentTypes = TopicOverrides.contentTypes(props);
    }

    /**
     * Checks the per-topic override options, which the ConfigDef cannot describe.
     *
     * @param props the connector properties
     * @return one message per offending key; empty when all overrides are valid
     */
    public static Map<String, String> topicOverrideProblems(Map<String, String> props) {
        return TopicOverrides.problems(props);
    }

    /**
     * Finds {@code ds.*} keys this connector does not define, such as typos.
     *
     * @param props the connector configuration
     * @return a message per unknown key naming the nearest known key, by key; empty when all are known
     */
    public static Map<String, String> unknownKeyProblems(Map<String, String> props) {
        return UnknownOptions.problems(props);
    }

    private static ConfigDef configDef() {
        ConfigDef def = new ConfigDef();
        int order = 0;
        def.define(URL_CONFIG, Type.STRING, ConfigDef.NO_DEFAULT_VALUE, new HttpUrlValidator(), Importance.HIGH,
                URL_DOC, GATEWAY_GROUP, ++order, Width.LONG, URL_DISPLAY);
        def.define(TOKEN_CONFIG, Type.PASSWORD, null, Importance.HIGH, TOKEN_DOC, GATEWAY_GROUP, ++order,
                Width.MEDIUM, TOKEN_DISPLAY);
        def.define(TRUSTSTORE_LOCATION_CONFIG, Type.STRING, "", Importance.MEDIUM, TRUSTSTORE_LOCATION_DOC,
                GATEWAY_GROUP, ++order, Width.LONG, TRUSTSTORE_LOCATION_DISPLAY);
        def.define(TRUSTSTORE_PASSWORD_CONFIG, Type.PASSWORD, null, Importance.MEDIUM, TRUSTSTORE_PASSWORD_DOC,
                GATEWAY_GROUP, ++order, Width.MEDIUM, TRUSTSTORE_PASSWORD_DISPLAY);
        def.define(TRUSTSTORE_TYPE_CONFIG, Type.STRING, TRUSTSTORE_TYPE_DEFAULT,
                ConfigDef.CaseInsensitiveValidString.in("PKCS12", "JKS"), Importance.LOW, TRUSTSTORE_TYPE_DOC,
                GATEWAY_GROUP, ++order, Width.SHORT, TRUSTSTORE_TYPE_DISPLAY);
        def.define(REQUEST_TIMEOUT_CONFIG, Type.INT, REQUEST_TIMEOUT_DEFAULT, ConfigDef.Range.atLeast(100),
                Importance.LOW, REQUEST_TIMEOUT_DOC, GATEWAY_GROUP, ++order, Width.SHORT, REQUEST_TIMEOUT_DISPLAY);

        order = 0;
        def.define(STREAM_TEMPLATE_CONFIG, Type.STRING, STREAM_TEMPLATE_DEFAULT, new TemplateValidator(),
                Importance.HIGH, STREAM_TEMPLATE_DOC, ROUTING_GROUP, ++order, Width.LONG, STREAM_TEMPLATE_DISPLAY);
        def.define(STREAM_HEADER_ENABLED_CONFIG, Type.BOOLEAN, true, Importance.MEDIUM, STREAM_HEADER_ENABLED_DOC,
                ROUTING_GROUP, ++order, Width.SHORT, STREAM_HEADER_ENABLED_DISPLAY);
        def.define(CONTENT_TYPE_CONFIG, Type.STRING, StreamContentType.JSON.mediaType(), StreamContentType.CHOICES,
                Importance.HIGH, CONTENT_TYPE_DOC, ROUTING_GROUP, ++order, Width.MEDIUM, CONTENT_TYPE_DISPLAY,
                StreamContentType.CHOICES);

        order = 0;
        def.define(AUTO_CREATE_CONFIG, Type.BOOLEAN, true, Importance.MEDIUM, AUTO_CREATE_DOC, LIFECYCLE_GROUP,
                ++order, Width.SHORT, AUTO_CREATE_DISPLAY);
        def.define(STREAM_TTL_CONFIG, Type.LONG, -1L, ConfigDef.Range.atLeast(-1), Importance.LOW, STREAM_TTL_DOC,
                LIFECYCLE_GROUP, ++order, Width.SHORT, STREAM_TTL_DISPLAY);
        def.define(STREAM_EXPIRES_AT_CONFIG, Type.STRING, "", new Rfc3339Validator(), Importance.LOW,
                STREAM_EXPIRES_AT_DOC, LIFECYCLE_GROUP, ++order, Width.MEDIUM, STREAM_EXPIRES_AT_DISPLAY);
        def.define(RETENTION_MS_CONFIG, Type.LONG, -1L, RETENTION_BOUND, Importance.LOW, RETENTION_MS_DOC,
                LIFECYCLE_GROUP, ++order, Width.SHORT, RETENTION_MS_DISPLAY);
        def.define(RETENTION_BYTES_CONFIG, Type.LONG, -1L, RETENTION_BOUND, Importance.LOW, RETENTION_BYTES_DOC,
                LIFECYCLE_GROUP, ++order, Width.SHORT, RETENTION_BYTES_DISPLAY);
        def.define(CLOSE_ON_CONFIG, Type.STRING, CloseTrigger.HEADER.label(), CloseTrigger.CHOICES, Importance.MEDIUM,
                CLOSE_ON_DOC, LIFECYCLE_GROUP, ++order, Width.SHORT, CLOSE_ON_DISPLAY, CloseTrigger.CHOICES);
        def.define(NULL_VALUE_BEHAVIOR_CONFIG, Type.STRING, NullValueBehavior.SKIP.label(), NullValueBehavior.CHOICES,
                Importance.MEDIUM, NULL_VALUE_BEHAVIOR_DOC, LIFECYCLE_GROUP, ++order, Width.SHORT,
                NULL_VALUE_BEHAVIOR_DISPLAY, NullValueBehavior.CHOICES);
        def.define(CLOSED_STREAM_BEHAVIOR_CONFIG, Type.STRING, ClosedStreamBehavior.SKIP.label(),
                ClosedStreamBehavior.CHOICES, Importance.MEDIUM, CLOSED_STREAM_BEHAVIOR_DOC, LIFECYCLE_GROUP, ++order,
                Width.SHORT, CLOSED_STREAM_BEHAVIOR_DISPLAY, ClosedStreamBehavior.CHOICES);

        order = 0;
        def.define(ENVELOPE_ENABLED_CONFIG, Type.BOOLEAN, false, Importance.MEDIUM, ENVELOPE_ENABLED_DOC,
                RENDERING_GROUP, ++order, Width.SHORT, ENVELOPE_ENABLED_DISPLAY);
        def.define(ENVELOPE_HEADERS_CONFIG, Type.LIST, "", Importance.LOW, ENVELOPE_HEADERS_DOC, RENDERING_GROUP,
                ++order, Width.LONG, ENVELOPE_HEADERS_DISPLAY);
        def.define(DECIMAL_FORMAT_CONFIG, Type.STRING, DecimalFormat.STRING.label(), DecimalFormat.CHOICES,
                Importance.LOW, DECIMAL_FORMAT_DOC, RENDERING_GROUP, ++order, Width.SHORT, DECIMAL_FORMAT_DISPLAY,
                DecimalFormat.CHOICES);
        def.define(TEMPORAL_FORMAT_CONFIG, Type.STRING, TemporalFormat.ISO8601.label(), TemporalFormat.CHOICES,
                Importance.LOW, TEMPORAL_FORMAT_DOC, RENDERING_GROUP, ++order, Width.SHORT, TEMPORAL_FORMAT_DISPLAY,
                TemporalFormat.CHOICES);
        def.define(PARSE_JSON_TEXT_CONFIG, Type.BOOLEAN, true, Importance.LOW, PARSE_JSON_TEXT_DOC, RENDERING_GROUP,
                ++order, Width.SHORT, PARSE_JSON_TEXT_DISPLAY);

        order = 0;
        def.define(BATCH_MAX_RECORDS_CONFIG, Type.INT, 2000, ConfigDef.Range.between(1, 100_000), Importance.MEDIUM,
                BATCH_MAX_RECORDS_DOC, BATCHING_GROUP, ++order, Width.SHORT, BATCH_MAX_RECORDS_DISPLAY);
        def.define(BATCH_MAX_BYTES_CONFIG, Type.INT, 1_048_576, ConfigDef.Range.atLeast(1024), Importance.MEDIUM,
                BATCH_MAX_BYTES_DOC, BATCHING_GROUP, ++order, Width.SHORT, BATCH_MAX_BYTES_DISPLAY);
        def.define(LINGER_CONFIG, Type.LONG, 5L, ConfigDef.Range.between(0, 60_000), Importance.MEDIUM, LINGER_DOC,
                BATCHING_GROUP, ++order, Width.SHORT, LINGER_DISPLAY);
        def.define(MAX_IN_FLIGHT_CONFIG, Type.INT, 64, ConfigDef.Range.between(1, 10_000), Importance.MEDIUM,
                MAX_IN_FLIGHT_DOC, BATCHING_GROUP, ++order, Width.SHORT, MAX_IN_FLIGHT_DISPLAY);
        def.define(MAX_BUFFERED_RECORDS_CONFIG, Type.INT, 100_000, ConfigDef.Range.atLeast(1), Importance.LOW,
                MAX_BUFFERED_RECORDS_DOC, BATCHING_GROUP, ++order, Width.SHORT, MAX_BUFFERED_RECORDS_DISPLAY);

        order = 0;
        def.define(RETRY_MAX_CONFIG, Type.INT, 100, ConfigDef.Range.atLeast(0), Importance.MEDIUM, RETRY_MAX_DOC,
                RETRY_GROUP, ++order, Width.SHORT, RETRY_MAX_DISPLAY);
        def.define(RETRY_BACKOFF_INITIAL_CONFIG, Type.LONG, 100L, ConfigDef.Range.atLeast(1), Importance.LOW,
                RETRY_BACKOFF_INITIAL_DOC, RETRY_GROUP, ++order, Width.SHORT, RETRY_BACKOFF_INITIAL_DISPLAY);
        def.define(RETRY_BACKOFF_MAX_CONFIG, Type.LONG, 10_000L, ConfigDef.Range.atLeast(1), Importance.LOW,
                RETRY_BACKOFF_MAX_DOC, RETRY_GROUP, ++order, Width.SHORT, RETRY_BACKOFF_MAX_DISPLAY);
        def.define(RETRY_JITTER_CONFIG, Type.DOUBLE, 0.2, ConfigDef.Range.between(0.0, 1.0), Importance.LOW,
                RETRY_JITTER_DOC, RETRY_GROUP, ++order, Width.SHORT, RETRY_JITTER_DISPLAY);
        def.define(RETRY_TIMEOUT_CONFIG, Type.LONG, 300_000L, ConfigDef.Range.atLeast(0), Importance.MEDIUM,
                RETRY_TIMEOUT_DOC, RETRY_GROUP, ++order, Width.SHORT, RETRY_TIMEOUT_DISPLAY);
        return def;
    }

    /**
     * Checks options whose validity depends on each other.
     *
     * @return one message per offending key, keyed by the key to change; empty when consistent
     */
    public Map<String, String> crossFieldProblems() {
        Map<String, String> problems = new TreeMap<>();
        if (getLong(STREAM_TTL_CONFIG) >= 0 && !getString(STREAM_EXPIRES_AT_CONFIG).isEmpty()) {
            problems.put(STREAM_EXPIRES_AT_CONFIG, "Set either " + STREAM_TTL_CONFIG + " or " + STREAM_EXPIRES_AT_CONFIG
                    + ", not both: a stream has a sliding TTL or an absolute expiry.");
        }
        if (retryBackoffInitialMs() > retryBackoffMaxMs()) {
            problems.put(RETRY_BACKOFF_INITIAL_CONFIG, RETRY_BACKOFF_INITIAL_CONFIG + " (" + retryBackoffInitialMs()
                    + ") must not exceed " + RETRY_BACKOFF_MAX_CONFIG + " (" + retryBackoffMaxMs() + ").");
        }
        if (envelopeEnabled()) {
            if (!contentType().isJson()) {
                problems.put(ENVELOPE_ENABLED_CONFIG, "The envelope is JSON: set " + CONTENT_TYPE_CONFIG
                        + " to application/json or application/x-ndjson, or set " + ENVELOPE_ENABLED_CONFIG + "=false.");
            }
            topicContentTypes.forEach((topic, type) -> {
                if (!type.isJson()) {
                    problems.put(CONTENT_TYPE_TOPIC_PREFIX + topic, "The envelope is JSON: set "
                            + CONTENT_TYPE_TOPIC_PREFIX + topic + " to a JSON content type, or set "
                            + ENVELOPE_ENABLED_CONFIG + "=false.");
                }
            });
        }
        if (!getString(TRUSTSTORE_LOCATION_CONFIG).isEmpty() && !url().getScheme().equals("https")) {
            problems.put(TRUSTSTORE_LOCATION_CONFIG, "A trust store is only used for https; " + URL_CONFIG
                    + " is " + url() + ". Use an https URL or clear " + TRUSTSTORE_LOCATION_CONFIG + ".");
        }
        return problems;
    }

    /**
     * @throws ConfigException naming the first key to change when options contradict each other
     */
    public void ensureConsistent() {
        Map<String, String> problems = crossFieldProblems();
        if (!problems.isEmpty()) {
            Map.Entry<String, String> first = problems.entrySet().iterator().next();
            throw new ConfigException(first.getKey(), originals().get(first.getKey()), first.getValue());
        }
    }

    /** @return the (first) stream base URL, without a trailing slash */
    public URI url() {
        return urls().get(0);
    }

    /** @return every stream base URL of {@code ds.url}, in order, without trailing slashes */
    public List<URI> urls() {
        return urlList(getString(URL_CONFIG)).stream()
                .map(url -> URI.create(url.endsWith("/") ? url.substring(0, url.length() - 1) : url)).toList();
    }

    /** The entries of a comma-separated {@code ds.url}, trimmed; blank entries are kept, for the validator to name. */
    static List<String> urlList(String value) {
        return java.util.Arrays.stream((value == null ? "" : value).split(",", -1)).map(String::trim).toList();
    }

    /** @return the bearer token, or {@code null} */
    public Password token() {
        return getPassword(TOKEN_CONFIG);
    }

    /** @return the trust store path, empty for the JVM default */
    public String truststoreLocation() {
        return getString(TRUSTSTORE_LOCATION_CONFIG);
    }

    /** @return the trust store password, or {@code null} */
    public Password truststorePassword() {
        return getPassword(TRUSTSTORE_PASSWORD_CONFIG);
    }

    /** @return the trust store type, upper case */
    public String truststoreType() {
        return getString(TRUSTSTORE_TYPE_CONFIG).toUpperCase(Locale.ROOT);
    }

    /** @return the per-request timeout in milliseconds */
    public int requestTimeoutMs() {
        return getInt(REQUEST_TIMEOUT_CONFIG);
    }

    /** @return the default stream path template */
    public StreamPathTemplate streamTemplate() {
        return StreamPathTemplate.parse(getString(STREAM_TEMPLATE_CONFIG));
    }

    /** @return per-topic templates, by topic */
    public Map<String, StreamPathTemplate> topicTemplates() {
        return topicTemplates;
    }

    /** @return whether the ds.stream header overrides the templates */
    public boolean streamHeaderEnabled() {
        return getBoolean(STREAM_HEADER_ENABLED_CONFIG);
    }

    /** @return the default content type */
    public StreamContentType contentType() {
        return StreamContentType.CHOICES.parse(getString(CONTENT_TYPE_CONFIG));
    }

    /** @return per-topic content types, by topic */
    public Map<String, StreamContentType> topicContentTypes() {
        return topicContentTypes;
    }

    /** @return whether missing streams are created */
    public boolean autoCreate() {
        return getBoolean(AUTO_CREATE_CONFIG);
    }

    /** @return the TTL of created streams in seconds, or -1 for none */
    public long streamTtlSeconds() {
        return getLong(STREAM_TTL_CONFIG);
    }

    /** @return the retention age of created streams in milliseconds, or -1 for none */
    public long retentionMs() {
        return getLong(RETENTION_MS_CONFIG);
    }

    /** @return the retention size of created streams in bytes, or -1 for none */
    public long retentionBytes() {
        return getLong(RETENTION_BYTES_CONFIG);
    }

    /** @return the RFC 3339 expiry of created streams, empty for none */
    public String streamExpiresAt() {
        return getString(STREAM_EXPIRES_AT_CONFIG);
    }

    /** @return which records close streams */
    public CloseTrigger closeOn() {
        return CloseTrigger.CHOICES.parse(getString(CLOSE_ON_CONFIG));
    }

    /** @return what null values do when tombstones do not close */
    public NullValueBehavior nullValueBehavior() {
        return NullValueBehavior.CHOICES.parse(getString(NULL_VALUE_BEHAVIOR_CONFIG));
    }

    /** @return what records addressed to a closed stream do */
    public ClosedStreamBehavior closedStreamBehavior() {
        return ClosedStreamBehavior.CHOICES.parse(getString(CLOSED_STREAM_BEHAVIOR_CONFIG));
    }

    /** @return whether records are wrapped in an envelope */
    public boolean envelopeEnabled() {
        return getBoolean(ENVELOPE_ENABLED_CONFIG);
    }

    /** @return header names copied into the envelope */
    public List<String> envelopeHeaders() {
        return getList(ENVELOPE_HEADERS_CONFIG);
    }

    /** @return how decimals are rendered */
    public DecimalFormat decimalFormat() {
        return DecimalFormat.CHOICES.parse(getString(DECIMAL_FORMAT_CONFIG));
    }

    /** @return how dates and times are rendered */
    public TemporalFormat temporalFormat() {
        return TemporalFormat.CHOICES.parse(getString(TEMPORAL_FORMAT_CONFIG));
    }

    /** @return whether JSON text in strings and bytes is embedded as JSON */
    public boolean parseJsonText() {
        return getBoolean(PARSE_JSON_TEXT_CONFIG);
    }

    /** @return most records per request */
    public int batchMaxRecords() {
        return getInt(BATCH_MAX_RECORDS_CONFIG);
    }

    /** @return most body bytes per request */
    public int batchMaxBytes() {
        return getInt(BATCH_MAX_BYTES_CONFIG);
    }

    /** @return linger in milliseconds */
    public long lingerMs() {
        return getLong(LINGER_CONFIG);
    }

    /** @return most requests in flight per task */
    public int maxInFlight() {
        return getInt(MAX_IN_FLIGHT_CONFIG);
    }

    /** @return most unacknowledged records per task */
    public int maxBufferedRecords() {
        return getInt(MAX_BUFFERED_RECORDS_CONFIG);
    }

    /** @return most retries of one request */
    public int retryMaxAttempts() {
        return getInt(RETRY_MAX_CONFIG);
    }

    /** @return first backoff in milliseconds */
    public long retryBackoffInitialMs() {
        return getLong(RETRY_BACKOFF_INITIAL_CONFIG);
    }

    /** @return longest backoff in milliseconds */
    public long retryBackoffMaxMs() {
        return getLong(RETRY_BACKOFF_MAX_CONFIG);
    }

    /** @return backoff jitter fraction */
    public double retryJitter() {
        return getDouble(RETRY_JITTER_CONFIG);
    }

    /** @return total retry time of one request in milliseconds */
    public long retryTimeoutMs() {
        return getLong(RETRY_TIMEOUT_CONFIG);
    }

    static final class HttpUrlValidator implements ConfigDef.Validator {
        @Override
        public void ensureValid(String name, Object value) {
            java.util.Set<String> schemes = new java.util.HashSet<>();
            for (String url : urlList(value == null ? "" : value.toString())) {
                try {
                    URI uri = new URI(url);
                    if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) || uri.getHost() == null
                            || uri.getRawQuery() != null || uri.getRawFragment() != null) {
                        throw new ConfigException(name, value, "Set " + name + " to an absolute http or https URL "
                                + "without query or fragment, e.g. http://127.0.0.1:4437/v1/stream, or to a "
                                + "comma-separated list of them; '" + url + "' is not one");
                    }
                    schemes.add(uri.getScheme());
                } catch (java.net.URISyntaxException e) {
                    throw new ConfigException(name, value, "Set " + name + " to a valid URL: " + e.getMessage());
                }
            }
            if (schemes.size() > 1) {
                throw new ConfigException(name, value, "Give every URL of " + name + " the same scheme, "
                        + "all http or all https");
            }
        }

        @Override
        public String toString() {
            return "absolute http or https URL, or a comma-separated list of them";
        }
    }

    static final class TemplateValidator implements ConfigDef.Validator {
        @Override
        public void ensureValid(String name, Object value) {
            try {
                StreamPathTemplate.parse(value == null ? null : value.toString());
            } catch (IllegalArgumentException e) {
                throw new ConfigException(name, value, "Fix the stream path template in " + name + ": "
                        + e.getMessage());
            }
        }

        @Override
        public String toString() {
            return "path template over ${topic}, ${partition}, ${key}, ${key.FIELD}, ${header.NAME}, "
                    + "${value.FIELD.PATH}";
        }
    }

    static final class Rfc3339Validator implements ConfigDef.Validator {
        @Override
        public void ensureValid(String name, Object value) {
            String text = value == null ? "" : value.toString().trim();
            if (text.isEmpty()) {
                return;
            }
            try {
                OffsetDateTime.parse(text);
            } catch (DateTimeParseException e) {
                throw new ConfigException(name, value, "Set " + name + " to an RFC 3339 timestamp such as "
                        + "2030-01-01T00:00:00Z, or leave it empty");
            }
        }

        @Override
        public String toString() {
            return "RFC 3339 timestamp or empty";
        }
    }
}
