package io.dsk.transforms;

import java.util.List;
import java.util.Map;
import java.util.Set;

import io.dsk.transforms.record.RecordReference;
import io.dsk.transforms.record.ScalarText;

import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.connect.connector.ConnectRecord;
import org.apache.kafka.connect.transforms.util.SimpleConfig;

/**
 * The condition shared by {@link CloseStream} and {@link StreamEnding}: a field or header is present
 * and non-null, or, when values are given, its text equals one of them.
 */
final class StreamEndCondition {

    /** Configuration key names. */
    interface ConfigName {
        String FIELD = "field";
        String VALUES = "values";
    }

    static final ConfigDef CONFIG_DEF = new ConfigDef()
            .define(ConfigName.FIELD, ConfigDef.Type.STRING, ConfigDef.NO_DEFAULT_VALUE,
                    ConfigDef.LambdaValidator.with(StreamEndCondition::checkReference, () -> RecordReference.FORMS),
                    ConfigDef.Importance.HIGH,
                    "What marks the end of a stream: <code>value.FIELD.PATH</code>, <code>key.FIELD.PATH</code> or"
                    + " <code>header.NAME</code>, e.g. <code>value.finish_reason</code> or <code>value.status</code>.")
            .define(ConfigName.VALUES, ConfigDef.Type.LIST, List.of(),
                    ConfigDef.Importance.HIGH,
                    "If empty, the record ends its stream when the field is present and not null. Otherwise the"
                    + " field's text (a string, number or boolean) must equal one of these, e.g."
                    + " <code>succeeded,failed,cancelled</code>.");

    private final RecordReference field;
    private final Set<String> values;

    private StreamEndCondition(RecordReference field, Set<String> values) {
        this.field = field;
        this.values = values;
    }

    static StreamEndCondition configure(Map<String, ?> props) {
        SimpleConfig config = new SimpleConfig(CONFIG_DEF, props);
        return new StreamEndCondition(parseReference(ConfigName.FIELD, config.getString(ConfigName.FIELD)),
                Set.copyOf(config.getList(ConfigName.VALUES)));
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

    boolean test(ConnectRecord<?> record) {
        Object value = field.resolve(record);
        if (value == null) {
            return false;
        }
        return values.isEmpty() || values.contains(ScalarText.of(value));
    }
}
