package io.dsk.transforms;

import static org.apache.kafka.connect.transforms.util.Requirements.requireMap;
import static org.apache.kafka.connect.transforms.util.Requirements.requireStruct;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.dsk.transforms.record.JsonPointer;

import org.apache.kafka.common.cache.Cache;
import org.apache.kafka.common.cache.LRUCache;
import org.apache.kafka.common.cache.SynchronizedCache;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.connect.components.Versioned;
import org.apache.kafka.connect.connector.ConnectRecord;
import org.apache.kafka.connect.data.Field;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.transforms.Transformation;
import org.apache.kafka.connect.transforms.util.SchemaUtil;
import org.apache.kafka.connect.transforms.util.SimpleConfig;

/**
 * Picks nested fields by JSON pointer into a flat message and drops the rest. Use
 * {@code io.dsk.transforms.Project$Value} for the record value, {@code io.dsk.transforms.Project$Key}
 * for the key.
 *
 * @param <R> the record type
 * @since 0.1
 */
public abstract class Project<R extends ConnectRecord<R>> implements Transformation<R>, Versioned {

    /** What this plugin does, for the generated documentation. */
    public static final String OVERVIEW_DOC = "Builds a flat message from nested fields picked by RFC 6901 JSON"
            + " pointers and drops everything else. A Struct gives a Struct whose schema is derived once per input"
            + " schema (every field optional); a Map gives a Map. A tombstone passes unchanged."
            + "<p/>Use the concrete transformation type designed for the record key (<code>" + Project.class.getName()
            + "$Key</code>) or value (<code>" + Project.class.getName() + "$Value</code>).";

    /** Configuration key names. */
    public interface ConfigName {
        String FIELDS = "fields";
        String MISSING = "missing";
    }

    /** What a pointer that finds nothing produces. */
    enum Missing { NULL, SKIP }

    /** The options, with their validators; the generated documentation renders it. */
    public static final ConfigDef CONFIG_DEF = new ConfigDef()
            .define(ConfigName.FIELDS, ConfigDef.Type.LIST, ConfigDef.NO_DEFAULT_VALUE,
                    ConfigDef.LambdaValidator.with(Project::checkFields, () -> "non-empty list of name=/json/pointer"),
                    ConfigDef.Importance.HIGH,
                    "Output fields in order, each <code>name=/json/pointer</code>, e.g."
                    + " <code>id=/id,city=/customer/address/city,first_sku=/items/0/sku</code>. In a pointer,"
                    + " <code>~1</code> stands for <code>/</code> and <code>~0</code> for <code>~</code>.")
            .define(ConfigName.MISSING, ConfigDef.Type.STRING, "null",
                    ConfigDef.CaseInsensitiveValidString.in("null", "skip"),
                    ConfigDef.Importance.MEDIUM,
                    "What a pointer that finds nothing gives: <code>null</code> writes the field as null,"
                    + " <code>skip</code> leaves it out. A Struct's schema is fixed, so for Structs <code>skip</code>"
                    + " leaves out only fields the input schema cannot hold, and other misses are null.");

    private static final Object MISSING = new Object();
    private static final Schema ABSENT = SchemaBuilder.string().optional().doc("Not in the input schema").build();

    private Map<String, JsonPointer> fields;
    private Missing missing;
    private Cache<Schema, Schema> schemaUpdateCache;

    @Override
    public void configure(Map<String, ?> props) {
        SimpleConfig config = new SimpleConfig(CONFIG_DEF, props);
        fields = parseFields(ConfigName.FIELDS, config.getList(ConfigName.FIELDS));
        missing = Missing.valueOf(config.getString(ConfigName.MISSING).toUpperCase(Locale.ROOT));
        schemaUpdateCache = new SynchronizedCache<>(new LRUCache<>(16));
    }

    private static void checkFields(String name, Object value) {
        if (value != null) {
            parseFields(name, value);
        }
    }

    private static Map<String, JsonPointer> parseFields(String name, Object value) {
        List<?> entries = (List<?>) value;
        if (entries == null || entries.isEmpty()) {
            throw new ConfigException(name, value, "List at least one name=/json/pointer");
        }
        Map<String, JsonPointer> parsed = new LinkedHashMap<>();
        for (Object entry : entries) {
            String text = (String) entry;
            int equals = text.indexOf('=');
            if (equals <= 0) {
                throw new ConfigException(name, value, "'" + text + "' is not name=/json/pointer");
            }
            String field = text.substring(0, equals).trim();
            try {
                if (parsed.put(field, JsonPointer.parse(text.substring(equals + 1).trim())) != null) {
                    throw new ConfigException(name, value, "output field '" + field + "' is listed twice");
                }
            } catch (IllegalArgumentException e) {
                throw new ConfigException(name, value, e.getMessage());
            }
        }
        return parsed;
    }

    @Override
    public R apply(R record) {
        if (operatingValue(record) == null) {
            return record;
        }
        if (operatingSchema(record) == null) {
            return applySchemaless(record);
        }
        return applyWithSchema(record);
    }

    private R applySchemaless(R record) {
        Map<String, Object> input = requireMap(operatingValue(record), "projection");
        Map<String, Object> output = new LinkedHashMap<>();
        fields.forEach((name, pointer) -> {
            Object found = pointer.resolve(input, MISSING);
            if (found != MISSING) {
                output.put(name, found);
            } else if (missing == Missing.NULL) {
                output.put(name, null);
            }
        });
        return newRecord(record, null, output);
    }

    private R applyWithSchema(R record) {
        Struct input = requireStruct(operatingValue(record), "projection");
        Schema schema = schemaUpdateCache.get(input.schema());
        if (schema == null) {
            schema = projectedSchema(input.schema());
            schemaUpdateCache.put(input.schema(), schema);
        }
        Struct output = new Struct(schema);
        for (Field field : schema.fields()) {
            if (field.schema() == ABSENT) {
                continue;
            }
            Object found = fields.get(field.name()).resolve(input, null);
            output.put(field, found instanceof Struct struct ? withSchema(struct, field.schema()) : found);
        }
        return newRecord(record, schema, output);
    }

    private Schema projectedSchema(Schema input) {
        SchemaBuilder builder = SchemaUtil.copySchemaBasics(input, SchemaBuilder.struct());
        fields.forEach((name, pointer) -> {
            Schema target = pointer.resolveSchema(input);
            if (target != null) {
                builder.field(name, optional(target));
            } else if (missing == Missing.NULL) {
                builder.field(name, ABSENT);
            }
        });
        return builder.build();
    }

    private static Schema optional(Schema schema) {
        if (schema.isOptional()) {
            return schema;
        }
        SchemaBuilder builder;
        switch (schema.type()) {
            case STRUCT:
                builder = SchemaBuilder.struct();
                schema.fields().forEach(f -> builder.field(f.name(), f.schema()));
                break;
            case ARRAY:
                builder = SchemaBuilder.array(schema.valueSchema());
                break;
            case MAP:
                builder = SchemaBuilder.map(schema.keySchema(), schema.valueSchema());
                break;
            default:
                builder = SchemaBuilder.type(schema.type());
                break;
        }
        return SchemaUtil.copySchemaBasics(schema, builder).optional().build();
    }

    private static Struct withSchema(Struct struct, Schema schema) {
        if (struct.schema() == schema) {
            return struct;
        }
        Struct copy = new Struct(schema);
        schema.fields().forEach(f -> copy.put(f, struct.get(f.name())));
        return copy;
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
        schemaUpdateCache = null;
    }

    /**
     * Returns the schema of the part being projected.
     *
     * @param record the record
     * @return the key or value schema, or {@code null} for schemaless data
     */
    protected abstract Schema operatingSchema(R record);

    /**
     * Returns the part being projected.
     *
     * @param record the record
     * @return the key or value
     */
    protected abstract Object operatingValue(R record);

    /**
     * Copies the record with the projected part replaced.
     *
     * @param record the input record, left unchanged
     * @param updatedSchema the projected schema, or {@code null}
     * @param updatedValue the projected key or value
     * @return the new record
     */
    protected abstract R newRecord(R record, Schema updatedSchema, Object updatedValue);

    /**
     * Projects the record key.
     *
     * @param <R> the record type
     */
    public static class Key<R extends ConnectRecord<R>> extends Project<R> {
        @Override
        protected Schema operatingSchema(R record) {
            return record.keySchema();
        }

        @Override
        protected Object operatingValue(R record) {
            return record.key();
        }

        @Override
        protected R newRecord(R record, Schema updatedSchema, Object updatedValue) {
            return record.newRecord(record.topic(), record.kafkaPartition(), updatedSchema, updatedValue,
                    record.valueSchema(), record.value(), record.timestamp(), record.headers().duplicate());
        }
    }

    /**
     * Projects the record value.
     *
     * @param <R> the record type
     */
    public static class Value<R extends ConnectRecord<R>> extends Project<R> {
        @Override
        protected Schema operatingSchema(R record) {
            return record.valueSchema();
        }

        @Override
        protected Object operatingValue(R record) {
            return record.value();
        }

        @Override
        protected R newRecord(R record, Schema updatedSchema, Object updatedValue) {
            return record.newRecord(record.topic(), record.kafkaPartition(), record.keySchema(), record.key(),
                    updatedSchema, updatedValue, record.timestamp(), record.headers().duplicate());
        }
    }
}
