package io.dsk.transforms;

import java.util.Map;

import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.connect.components.Versioned;
import org.apache.kafka.connect.connector.ConnectRecord;
import org.apache.kafka.connect.transforms.Transformation;

/**
 * Adds {@value StreamHeaders#CLOSE}{@code =true} to the record that ends its stream, e.g. the last
 * token of a model response or the final status of a job. Other records pass unchanged.
 *
 * @param <R> the record type
 * @since 0.1
 */
public class CloseStream<R extends ConnectRecord<R>> implements Transformation<R>, Versioned {

    /** What this plugin does, for the generated documentation. */
    public static final String OVERVIEW_DOC = "Marks the record that ends its stream by setting the header <code>"
            + StreamHeaders.CLOSE + "=true</code>, when a field or header is present (e.g. <code>finish_reason</code>)"
            + " or equals one of the given values (e.g. a job <code>status</code> of <code>succeeded</code>,"
            + " <code>failed</code> or <code>cancelled</code>). The connector closes the stream after appending it.";

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
    public R apply(R record) {
        if (!condition.test(record)) {
            return record;
        }
        return record.newRecord(record.topic(), record.kafkaPartition(), record.keySchema(), record.key(),
                record.valueSchema(), record.value(), record.timestamp(), StreamHeaders.withClose(record.headers()));
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
