package io.dsk.transforms;

import java.util.Locale;
import java.util.Map;

import io.dsk.path.StreamPath;
import io.dsk.transforms.path.PathTemplate;
import io.dsk.transforms.record.RecordCoordinates;
import io.dsk.transforms.record.TemplateResult;

import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.connect.components.Versioned;
import org.apache.kafka.connect.connector.ConnectRecord;
import org.apache.kafka.connect.errors.DataException;
import org.apache.kafka.connect.transforms.Transformation;
import org.apache.kafka.connect.transforms.util.SimpleConfig;

/**
 * Sets the {@value StreamHeaders#STREAM} header from a path template, so each record reaches the
 * stream its data names.
 *
 * @param <R> the record type
 * @since 0.1
 */
public class StreamRoute<R extends ConnectRecord<R>> implements Transformation<R>, Versioned {

    /** What this plugin does, for the generated documentation. */
    public static final String OVERVIEW_DOC = "Sets the <code>" + StreamHeaders.STREAM + "</code> header, the target"
            + " stream path, from a template over the record: <code>${topic}</code>, <code>${partition}</code>,"
            + " <code>${key}</code>, <code>${key.FIELD}</code>, <code>${value.FIELD.PATH}</code>,"
            + " <code>${header.NAME}</code>. Each value is percent-encoded into its own path segment, so no value"
            + " can add, remove or climb segments. Any <code>" + StreamHeaders.STREAM + "</code> header already on"
            + " the record is replaced.";

    /** Configuration key names. */
    public interface ConfigName {
        String TEMPLATE = "stream.template";
        String MISSING_POLICY = "missing.policy";
        String DEFAULT_STREAM = "default.stream";
        String SEGMENT_MAX_LENGTH = "segment.max.length";
    }

    /** What to do with a record whose path cannot be rendered. */
    enum MissingPolicy { DROP, DLQ, DEFAULT }

    private static final int DEFAULT_SEGMENT_MAX_LENGTH = 128;

    /** The default policy needs a default stream. */
    private static final CrossOptionCheck DEFAULT_NEEDS_STREAM = new CrossOptionCheck(values -> {
        Object policy = values.get(ConfigName.MISSING_POLICY);
        if (policy != null && ((String) policy).equalsIgnoreCase(MissingPolicy.DEFAULT.name())
                && values.get(ConfigName.DEFAULT_STREAM) == null) {
            return "Set a stream path here, or choose another " + ConfigName.MISSING_POLICY;
        }
        return null;
    });

    /** The options, with their validators; the generated documentation renders it. */
    public static final ConfigDef CONFIG_DEF = new ConfigDef()
            .define(ConfigName.TEMPLATE, ConfigDef.Type.STRING, ConfigDef.NO_DEFAULT_VALUE,
                    ConfigDef.LambdaValidator.with(
                        (name, value) -> {
                            if (value != null) {
                                parseTemplate(name, value, Integer.MAX_VALUE);
                            }
                        },
                        () -> "relative path of A-Z a-z 0-9 - . _ ~ and ${...} placeholders"),
                    ConfigDef.Importance.HIGH,
                    "Template of the target stream path, e.g. <code>tenants/${value.tenant}/orders</code>. Segments are"
                    + " separated by <code>/</code> in the template only; every placeholder value is encoded as UTF-8"
                    + " with each byte outside <code>A-Z a-z 0-9 - . _ ~</code> written as <code>%XX</code>, and a value"
                    + " made only of dots has its dots encoded too.")
            .define(ConfigName.MISSING_POLICY, ConfigDef.Type.STRING, "dlq",
                    ConfigDef.CaseInsensitiveValidString.in("drop", "dlq", "default"),
                    ConfigDef.Importance.MEDIUM,
                    "What to do when a placeholder is missing, null, empty, not a scalar, or makes a segment longer"
                    + " than <code>" + ConfigName.SEGMENT_MAX_LENGTH + "</code>: <code>drop</code> filters the record out,"
                    + " <code>dlq</code> throws a DataException, which the dead letter queue takes when"
                    + " <code>errors.tolerance=all</code> (with <code>none</code> the task stops), <code>default</code>"
                    + " routes it to <code>" + ConfigName.DEFAULT_STREAM + "</code>.")
            .define(ConfigName.DEFAULT_STREAM, ConfigDef.Type.STRING, null,
                    ConfigDef.LambdaValidator.with(StreamRoute::checkDefaultStream, () -> "a valid stream path"),
                    ConfigDef.Importance.MEDIUM,
                    "Stream path for records whose template cannot be rendered, when <code>" + ConfigName.MISSING_POLICY
                    + "=default</code>. Required in that case.",
                    null, -1, ConfigDef.Width.NONE, ConfigName.DEFAULT_STREAM, DEFAULT_NEEDS_STREAM)
            .define(ConfigName.SEGMENT_MAX_LENGTH, ConfigDef.Type.INT, DEFAULT_SEGMENT_MAX_LENGTH,
                    ConfigDef.Range.between(1, 1024),
                    ConfigDef.Importance.LOW,
                    "Longest a rendered path segment may be, in characters after encoding. Longer values are never"
                    + " truncated, since truncation could merge two audiences' streams.");

    private PathTemplate template;
    private MissingPolicy missingPolicy;
    private String defaultStream;

    @Override
    public void configure(Map<String, ?> props) {
        SimpleConfig config = new SimpleConfig(CONFIG_DEF, props);
        DEFAULT_NEEDS_STREAM.ensure(ConfigName.DEFAULT_STREAM, config.values());
        int maxSegmentLength = config.getInt(ConfigName.SEGMENT_MAX_LENGTH);
        template = parseTemplate(ConfigName.TEMPLATE, config.getString(ConfigName.TEMPLATE), maxSegmentLength);
        missingPolicy = MissingPolicy.valueOf(config.getString(ConfigName.MISSING_POLICY).toUpperCase(Locale.ROOT));
        defaultStream = config.getString(ConfigName.DEFAULT_STREAM);
    }

    private static PathTemplate parseTemplate(String name, Object value, int maxSegmentLength) {
        if (value == null) {
            throw new ConfigException(name, null, "Set a stream path template, e.g. orders/${value.id}");
        }
        try {
            return PathTemplate.parse((String) value, maxSegmentLength);
        } catch (IllegalArgumentException e) {
            throw new ConfigException(name, value, e.getMessage());
        }
    }

    private static void checkDefaultStream(String name, Object value) {
        String problem = value == null ? null : StreamPath.problem((String) value);
        if (problem != null) {
            throw new ConfigException(name, value, problem);
        }
    }

    @Override
    public R apply(R record) {
        TemplateResult path = template.render(record);
        if (path.resolved()) {
            return routed(record, path.text());
        }
        switch (missingPolicy) {
            case DROP:
                return null;
            case DEFAULT:
                return routed(record, defaultStream);
            default:
                throw new DataException("Cannot route record " + RecordCoordinates.of(record) + " with "
                        + ConfigName.TEMPLATE + ": " + path.problem());
        }
    }

    private R routed(R record, String path) {
        return record.newRecord(record.topic(), record.kafkaPartition(), record.keySchema(), record.key(),
                record.valueSchema(), record.value(), record.timestamp(),
                StreamHeaders.withStream(record.headers(), path));
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
