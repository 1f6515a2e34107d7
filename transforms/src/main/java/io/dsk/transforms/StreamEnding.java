package io.dsk.transforms;

import java.util.Map;

import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.connect.components.Versioned;
import org.apache.kafka.connect.connector.ConnectRecord;
import org.apache.kafka.connect.transforms.predicates.Predicate;

/**
 * A predicate that is true for the record ending its stream, by the same condition as
 * {@link CloseStream}, for applying any transform (e.g. Kafka's {@code InsertHeader}) to it alone.
 *
 * @param <R> the record type
 * @since 0.1
 */
public class StreamEnding<R extends ConnectRecord<R>> implements Predicate<R>, Versioned {

    /** What this plugin does, for the generated documentation. */
    public static final String OVERVIEW_DOC = "A predicate that is true when a field or header is present, or"
            + " equals one of the given values: the same condition as CloseStream, for use with any transform's"
            + " <code>predicate</code> and <code>negate</code> settings.";

    /** Configuration key names. */
    public interface ConfigName {
        String FIELD = StreamEndCondition.ConfigName.FIELD;
        String VALUES = StreamEndCondition.ConfigName.VALUES;
    }

    /** The options, with their validators; the generated documentation renders it. */
    public static final ConfigDef CONFIG_DEF = new ConfigDef(StreamEndCondition.CONFIG_DEF);

    private StreamEndCondition condition;

    @Override
    public void configure(Map<String, ?> props) {
        condition = StreamEndCondition.configure(props);
    }

    @Override
    public boolean test(R record) {
        return condition.test(record);
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
