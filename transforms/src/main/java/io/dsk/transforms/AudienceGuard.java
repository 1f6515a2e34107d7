package io.dsk.transforms;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

import io.dsk.path.StreamPath;
import io.dsk.path.StreamPathPattern;
import io.dsk.transforms.record.RecordCoordinates;
import io.dsk.transforms.record.RecordReference;
import io.dsk.transforms.record.ScalarText;

import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.connect.components.Versioned;
import org.apache.kafka.connect.connector.ConnectRecord;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.errors.DataException;
import org.apache.kafka.connect.transforms.Transformation;
import org.apache.kafka.connect.transforms.util.SimpleConfig;

/**
 * Lets a record through only if its audience (tenant, user or group) is present and allowed, and,
 * when configured, only if its target stream path belongs to that same audience. It fails closed:
 * a missing audience, a missing or malformed {@value StreamHeaders#STREAM} header where a path
 * check is configured, or any check that cannot be made, rejects the record.
 *
 * @param <R> the record type
 * @since 0.1
 */
public class AudienceGuard<R extends ConnectRecord<R>> implements Transformation<R>, Versioned {

    /** What this plugin does, for the generated documentation. */
    public static final String OVERVIEW_DOC = "Keeps a record only if its audience (a tenant, user or group id read"
            + " from a value field, key field or header) is present and passes every configured check: an allow-list,"
            + " a regular expression, and a stream path pattern whose <code>{audience}</code> segment must equal the"
            + " record's audience, so a record can never be routed to another audience's stream. Place it after the"
            + " transforms that set <code>" + StreamHeaders.STREAM + "</code> and last in the chain. Fails closed.";

    /** Configuration key names. */
    public interface ConfigName {
        String AUDIENCE_FIELD = "audience.field";
        String ALLOWED_AUDIENCES = "allowed.audiences";
        String ALLOWED_PATTERN = "allowed.pattern";
        String STREAM_PATTERN = "stream.pattern";
        String ON_REJECTED = "on.rejected";
    }

    /** The placeholder of {@value ConfigName#STREAM_PATTERN}. */
    static final String AUDIENCE = "audience";

    /** What happens to a rejected record. */
    enum Rejection { DROP, DLQ, FAIL }

    /** A guard must check something. */
    private static final CrossOptionCheck ANY_CHECK = new CrossOptionCheck(values -> {
        Object audiences = values.get(ConfigName.ALLOWED_AUDIENCES);
        boolean noAllowList = audiences == null || ((List<?>) audiences).isEmpty();
        if (noAllowList && values.get(ConfigName.ALLOWED_PATTERN) == null
                && values.get(ConfigName.STREAM_PATTERN) == null) {
            return "Configure at least one check: " + ConfigName.ALLOWED_AUDIENCES + ", "
                    + ConfigName.ALLOWED_PATTERN + " or " + ConfigName.STREAM_PATTERN;
        }
        return null;
    });

    /** The options, with their validators; the generated documentation renders it. */
    public static final ConfigDef CONFIG_DEF = new ConfigDef()
            .define(ConfigName.AUDIENCE_FIELD, ConfigDef.Type.STRING, ConfigDef.NO_DEFAULT_VALUE,
                    ConfigDef.LambdaValidator.with(AudienceGuard::checkReference, () -> RecordReference.FORMS),
                    ConfigDef.Importance.HIGH,
                    "Where the record's audience is read: <code>value.FIELD.PATH</code>, <code>key</code>,"
                    + " <code>key.FIELD.PATH</code> or <code>header.NAME</code>. It must be a non-empty string or an"
                    + " integer.")
            .define(ConfigName.ALLOWED_AUDIENCES, ConfigDef.Type.LIST, List.of(), null,
                    ConfigDef.Importance.HIGH,
                    "Audiences allowed through, compared exactly. Empty means no allow-list check. At least one of"
                    + " <code>" + ConfigName.ALLOWED_AUDIENCES + "</code>, <code>" + ConfigName.ALLOWED_PATTERN
                    + "</code> and <code>" + ConfigName.STREAM_PATTERN + "</code> must be set.",
                    null, -1, ConfigDef.Width.NONE, ConfigName.ALLOWED_AUDIENCES, ANY_CHECK)
            .define(ConfigName.ALLOWED_PATTERN, ConfigDef.Type.STRING, null,
                    ConfigDef.LambdaValidator.with(AudienceGuard::compilePattern, () -> "a Java regular expression"),
                    ConfigDef.Importance.HIGH,
                    "Regular expression the whole audience must match, e.g. <code>[a-z0-9-]{1,40}</code>. Unset means"
                    + " no pattern check.")
            .define(ConfigName.STREAM_PATTERN, ConfigDef.Type.STRING, null,
                    ConfigDef.LambdaValidator.with(AudienceGuard::parsePathPattern,
                        () -> "a stream path pattern holding {audience} once"),
                    ConfigDef.Importance.HIGH,
                    "Pattern the record's <code>" + StreamHeaders.STREAM + "</code> path must match, e.g."
                    + " <code>tenants/{audience}/**</code>: <code>{audience}</code> must be the record's audience,"
                    + " encoded into one segment as <code>StreamRoute</code> encodes values (the gateway compares a"
                    + " grant's <code>{claim}</code> the same way), <code>*</code> is any one segment,"
                    + " <code>**</code> any number of segments. Unset means no path check.")
            .define(ConfigName.ON_REJECTED, ConfigDef.Type.STRING, "drop",
                    ConfigDef.CaseInsensitiveValidString.in("drop", "dlq", "fail"),
                    ConfigDef.Importance.MEDIUM,
                    "What happens to a rejected record: <code>drop</code> filters it out, <code>dlq</code> throws a"
                    + " DataException, which the dead letter queue takes when <code>errors.tolerance=all</code>,"
                    + " <code>fail</code> throws a ConnectException. Either exception stops the task when"
                    + " <code>errors.tolerance=none</code>; with <code>all</code>, Connect tolerates any exception from"
                    + " a transform, so <code>fail</code> then acts as <code>dlq</code>.");

    private RecordReference audienceField;
    private Set<String> allowedAudiences;
    private Pattern allowedPattern;
    private StreamPathPattern streamPattern;
    private Rejection onRejected;

    @Override
    public void configure(Map<String, ?> props) {
        SimpleConfig config = new SimpleConfig(CONFIG_DEF, props);
        ANY_CHECK.ensure(ConfigName.ALLOWED_AUDIENCES, config.values());
        audienceField = parseReference(ConfigName.AUDIENCE_FIELD, config.getString(ConfigName.AUDIENCE_FIELD));
        allowedAudiences = Set.copyOf(config.getList(ConfigName.ALLOWED_AUDIENCES));
        allowedPattern = compilePattern(ConfigName.ALLOWED_PATTERN, config.getString(ConfigName.ALLOWED_PATTERN));
        streamPattern = parsePathPattern(ConfigName.STREAM_PATTERN, config.getString(ConfigName.STREAM_PATTERN));
        onRejected = Rejection.valueOf(config.getString(ConfigName.ON_REJECTED).toUpperCase(Locale.ROOT));
    }

    private static void checkReference(String name, Object value) {
        if (value != null) {
            parseReference(name, value);
        }
    }

    private static RecordReference parseReference(String name, Object value) {
        if (value == null) {
            throw new ConfigException(name, null, "Set it to one of " + RecordReference.FORMS);
        }
        try {
            return RecordReference.parse((String) value);
        } catch (IllegalArgumentException e) {
            throw new ConfigException(name, value, e.getMessage());
        }
    }

    private static Pattern compilePattern(String name, Object value) {
        try {
            return value == null ? null : Pattern.compile((String) value);
        } catch (PatternSyntaxException e) {
            throw new ConfigException(name, value, "not a regular expression: " + e.getDescription());
        }
    }

    private static StreamPathPattern parsePathPattern(String name, Object value) {
        if (value == null) {
            return null;
        }
        StreamPathPattern pattern;
        try {
            pattern = StreamPathPattern.parse((String) value);
        } catch (IllegalArgumentException e) {
            throw new ConfigException(name, value, e.getMessage());
        }
        if (!pattern.placeholders().equals(List.of(AUDIENCE))) {
            throw new ConfigException(name, value, "a stream path pattern must hold {" + AUDIENCE
                    + "} exactly once, and no other placeholder");
        }
        return pattern;
    }

    @Override
    public R apply(R record) {
        String problem = rejection(record);
        if (problem == null) {
            return record;
        }
        String message = "Record " + RecordCoordinates.of(record) + " rejected by audience check: " + problem;
        switch (onRejected) {
            case DROP:
                return null;
            case DLQ:
                throw new DataException(message);
            default:
                throw new ConnectException(message);
        }
    }

    /**
     * Finds why a record may not pass.
     *
     * @param record the record
     * @return the reason, or {@code null} if it passes every check
     */
    String rejection(ConnectRecord<?> record) {
        Object raw = audienceField.resolve(record);
        String audience = raw instanceof String || raw instanceof Long || raw instanceof Integer
                || raw instanceof Short || raw instanceof Byte ? ScalarText.of(raw) : null;
        if (audience == null || audience.isEmpty()) {
            return audienceField + " is " + (raw == null ? "missing or null" : "empty or a " + ScalarText.kindOf(raw));
        }
        if (!allowedAudiences.isEmpty() && !allowedAudiences.contains(audience)) {
            return "audience is not in " + ConfigName.ALLOWED_AUDIENCES;
        }
        if (allowedPattern != null && !allowedPattern.matcher(audience).matches()) {
            return "audience does not match " + ConfigName.ALLOWED_PATTERN;
        }
        return streamPattern == null ? null : streamRejection(record, audience);
    }

    private String streamRejection(ConnectRecord<?> record, String audience) {
        Optional<String> path;
        try {
            path = StreamHeaders.streamPath(record.headers());
        } catch (DataException e) {
            return e.getMessage();
        }
        if (path.isEmpty()) {
            return "it has no " + StreamHeaders.STREAM + " header to check against " + ConfigName.STREAM_PATTERN;
        }
        StreamPath stream = StreamPath.of(path.get());
        if (streamPattern.matches(stream, name -> Optional.of(audience))) {
            return null;
        }
        if (streamPattern.matchesForSomeValues(stream)) {
            return "its stream path belongs to another audience";
        }
        return "its stream path does not match " + ConfigName.STREAM_PATTERN;
    }

    @Override
    public String version() {
        return TransformsVersion.get();
    }

    @Override
    public ConfigDef config() {
        return CONFIG_DEF;
    }

    @Override
    public void close() {
    }
}
