package io.dsk.transforms;

import java.time.Instant;
import java.util.Locale;
import java.util.Map;

import io.dsk.transforms.record.RecordCoordinates;
import io.dsk.transforms.record.RecordTemplate;
import io.dsk.transforms.record.TemplateResult;
import io.dsk.transforms.state.ChangeMessage;
import io.dsk.transforms.state.DebeziumEnvelope;
import io.dsk.transforms.state.Operation;
import io.dsk.transforms.state.SchemalessValues;

import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.connect.components.Versioned;
import org.apache.kafka.connect.connector.ConnectRecord;
import org.apache.kafka.connect.errors.DataException;
import org.apache.kafka.connect.transforms.Transformation;
import org.apache.kafka.connect.transforms.util.SimpleConfig;

/**
 * Turns a record into a Durable Streams State Protocol change message, from a Debezium change event
 * envelope or from a plain upsert record, as a schemaless map the connector writes as JSON.
 *
 * @param <R> the record type
 * @since 0.1
 */
public class StateChange<R extends ConnectRecord<R>> implements Transformation<R>, Versioned {

    /** What this plugin does, for the generated documentation. */
    public static final String OVERVIEW_DOC = "Replaces the record value with a State Protocol change message"
            + " <code>{type, key, value, old_value, headers: {operation, txid, timestamp}}</code> as a schemaless map."
            + " With <code>format=debezium</code>, <code>op</code> c and r (snapshot reads) become inserts, u updates"
            + " and d deletes; <code>after</code> is the value, <code>before</code> the old value on update and delete,"
            + " <code>source.ts_ms</code> the timestamp and the transaction id the txid; truncate and message events"
            + " are dropped. With <code>format=upsert</code>, a value is an insert or update and a tombstone a"
            + " delete. The key and headers are kept.";

    /** Configuration key names. */
    public interface ConfigName {
        String ENTITY_TYPE = "entity.type";
        String ENTITY_KEY = "entity.key";
        String FORMAT = "format";
        String UPSERT_OPERATION = "upsert.operation";
        String DEBEZIUM_TOMBSTONES = "debezium.tombstones";
    }

    /** Where the operation comes from. */
    enum Format { DEBEZIUM, UPSERT }

    /** A tombstone has no value to read, so deletes made from tombstones cannot read it. */
    private static final CrossOptionCheck TOMBSTONES_READ_NO_VALUE = new CrossOptionCheck(values -> {
        Object format = values.get(ConfigName.FORMAT);
        Object tombstones = values.get(ConfigName.DEBEZIUM_TOMBSTONES);
        boolean deletes = "debezium".equalsIgnoreCase((String) format) && "delete".equalsIgnoreCase((String) tombstones);
        if (deletes && (readsValue(values.get(ConfigName.ENTITY_TYPE)) || readsValue(values.get(ConfigName.ENTITY_KEY)))) {
            return "A tombstone has no value, so " + ConfigName.ENTITY_TYPE + " and " + ConfigName.ENTITY_KEY
                    + " must not read ${value...} when tombstones become deletes; use ${topic}, ${key...},"
                    + " ${header...} or constants";
        }
        return null;
    });

    /** The options, with their validators; the generated documentation renders it. */
    public static final ConfigDef CONFIG_DEF = new ConfigDef()
            .define(ConfigName.ENTITY_TYPE, ConfigDef.Type.STRING, "${topic}",
                    ConfigDef.LambdaValidator.with(StateChange::parseTemplate, () -> "text with ${...} placeholders"),
                    ConfigDef.Importance.HIGH,
                    "Template of the message <code>type</code>, a constant such as <code>user</code> or e.g."
                    + " <code>${value.source.table}</code> for Debezium. Must render non-empty.")
            .define(ConfigName.ENTITY_KEY, ConfigDef.Type.STRING, "${key}",
                    ConfigDef.LambdaValidator.with(StateChange::parseTemplate, () -> "text with ${...} placeholders"),
                    ConfigDef.Importance.HIGH,
                    "Template of the message <code>key</code>: <code>${key}</code> for a primitive record key,"
                    + " <code>${key.id}</code> for a field of a Struct or Map key (Debezium keys are Structs),"
                    + " <code>${value.id}</code> for a value field, or e.g. <code>user:${key.id}</code>."
                    + " Must render non-empty.")
            .define(ConfigName.FORMAT, ConfigDef.Type.STRING, "debezium",
                    ConfigDef.CaseInsensitiveValidString.in("debezium", "upsert"),
                    ConfigDef.Importance.HIGH,
                    "<code>debezium</code>: values are Debezium change event envelopes (Struct or Map);"
                    + " <code>upsert</code>: values are rows, and a null value deletes its key.")
            .define(ConfigName.UPSERT_OPERATION, ConfigDef.Type.STRING, "update",
                    ConfigDef.CaseInsensitiveValidString.in("insert", "update"),
                    ConfigDef.Importance.LOW,
                    "Operation written for a non-null value in <code>upsert</code> format. The protocol stores the"
                    + " value under its key either way.")
            .define(ConfigName.DEBEZIUM_TOMBSTONES, ConfigDef.Type.STRING, "drop",
                    ConfigDef.CaseInsensitiveValidString.in("drop", "delete"),
                    ConfigDef.Importance.LOW,
                    "What a tombstone (null value) becomes in <code>debezium</code> format: <code>drop</code>, since"
                    + " the delete event before it was already written, or <code>delete</code>, which needs"
                    + " <code>" + ConfigName.ENTITY_TYPE + "</code> and <code>" + ConfigName.ENTITY_KEY + "</code> that"
                    + " do not read the value. In <code>upsert</code> format a tombstone is always a delete.",
                    null, -1, ConfigDef.Width.NONE, ConfigName.DEBEZIUM_TOMBSTONES, TOMBSTONES_READ_NO_VALUE);

    private RecordTemplate entityType;
    private RecordTemplate entityKey;
    private Format format;
    private Operation upsertOperation;
    private boolean dropTombstones;

    @Override
    public void configure(Map<String, ?> props) {
        SimpleConfig config = new SimpleConfig(CONFIG_DEF, props);
        TOMBSTONES_READ_NO_VALUE.ensure(ConfigName.DEBEZIUM_TOMBSTONES, config.values());
        entityType = parseTemplate(ConfigName.ENTITY_TYPE, config.getString(ConfigName.ENTITY_TYPE));
        entityKey = parseTemplate(ConfigName.ENTITY_KEY, config.getString(ConfigName.ENTITY_KEY));
        format = Format.valueOf(upper(config.getString(ConfigName.FORMAT)));
        upsertOperation = Operation.valueOf(upper(config.getString(ConfigName.UPSERT_OPERATION)));
        dropTombstones = config.getString(ConfigName.DEBEZIUM_TOMBSTONES).equalsIgnoreCase("drop");
    }

    private static String upper(String text) {
        return text.toUpperCase(Locale.ROOT);
    }

    private static boolean readsValue(Object template) {
        try {
            return template != null && RecordTemplate.parse((String) template).readsValue();
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static RecordTemplate parseTemplate(String name, Object value) {
        if (value == null) {
            throw new ConfigException(name, null, "Set a template, e.g. ${topic}");
        }
        try {
            return RecordTemplate.parse((String) value);
        } catch (IllegalArgumentException e) {
            throw new ConfigException(name, value, e.getMessage());
        }
    }

    @Override
    public R apply(R record) {
        if (record.value() == null) {
            return format == Format.DEBEZIUM && dropTombstones ? null : emit(record, message(record, Operation.DELETE)
                    .timestamp(recordTime(record)));
        }
        if (format == Format.UPSERT) {
            return emit(record, message(record, upsertOperation)
                    .value(SchemalessValues.of(record.value(), record.valueSchema()))
                    .timestamp(recordTime(record)));
        }
        DebeziumEnvelope envelope = DebeziumEnvelope.read(record.value());
        if (envelope == null) {
            throw new DataException("Record " + RecordCoordinates.of(record) + " is not a Debezium envelope (no op with"
                    + " before/after); set " + ConfigName.FORMAT + "=upsert for plain records");
        }
        Operation operation = operationOf(envelope, record);
        if (operation == null) {
            return null;
        }
        return emit(record, message(record, operation).value(envelope.after()).oldValue(envelope.before())
                .txid(envelope.txid()).timestamp(envelope.changedAt()));
    }

    private static Operation operationOf(DebeziumEnvelope envelope, ConnectRecord<?> record) {
        switch (envelope.op()) {
            case "c":
            case "r":
                return requireAfter(Operation.INSERT, envelope, record);
            case "u":
                return requireAfter(Operation.UPDATE, envelope, record);
            case "d":
                return Operation.DELETE;
            case "t":
            case "m":
                return null;
            default:
                throw new DataException("Record " + RecordCoordinates.of(record) + " has an unknown Debezium op");
        }
    }

    private static Operation requireAfter(Operation operation, DebeziumEnvelope envelope, ConnectRecord<?> record) {
        if (envelope.after() == null) {
            throw new DataException("Record " + RecordCoordinates.of(record) + " is a Debezium " + operation.wireName()
                    + " without an 'after' row");
        }
        return operation;
    }

    private ChangeMessage message(ConnectRecord<?> record, Operation operation) {
        return ChangeMessage.of(render(entityType, ConfigName.ENTITY_TYPE, record),
                render(entityKey, ConfigName.ENTITY_KEY, record), operation);
    }

    private static String render(RecordTemplate template, String configName, ConnectRecord<?> record) {
        TemplateResult result = template.render(record);
        if (!result.resolved()) {
            throw new DataException("Record " + RecordCoordinates.of(record) + ": " + configName + " cannot be rendered: "
                    + result.problem());
        }
        if (result.text().isEmpty()) {
            throw new DataException("Record " + RecordCoordinates.of(record) + ": " + configName + " rendered empty");
        }
        return result.text();
    }

    private static Instant recordTime(ConnectRecord<?> record) {
        Long timestamp = record.timestamp();
        return timestamp == null || timestamp < 0 ? null : Instant.ofEpochMilli(timestamp);
    }

    private R emit(R record, ChangeMessage message) {
        return record.newRecord(record.topic(), record.kafkaPartition(), record.keySchema(), record.key(),
                null, message.toMap(), record.timestamp(), record.headers().duplicate());
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
