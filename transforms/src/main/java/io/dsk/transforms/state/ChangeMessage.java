package io.dsk.transforms.state;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Builds a State Protocol change message (STATE-PROTOCOL section 5.1) as a schemaless map:
 * {@code type}, {@code key}, {@code value} (absent for a delete), {@code old_value} (only when
 * known) and {@code headers} with {@code operation} and, when known, {@code txid} and
 * {@code timestamp} (RFC 3339, UTC).
 *
 * @since 0.1
 */
public final class ChangeMessage {

    /** Entity type field. */
    public static final String TYPE = "type";
    /** Entity key field. */
    public static final String KEY = "key";
    /** New value field. */
    public static final String VALUE = "value";
    /** Previous value field. */
    public static final String OLD_VALUE = "old_value";
    /** Headers object field. */
    public static final String HEADERS = "headers";
    /** Operation, inside headers. */
    public static final String OPERATION = "operation";
    /** Transaction id, inside headers. */
    public static final String TXID = "txid";
    /** RFC 3339 timestamp, inside headers. */
    public static final String TIMESTAMP = "timestamp";

    private static final Instant EARLIEST = Instant.parse("0000-01-01T00:00:00Z");
    private static final Instant LATEST = Instant.parse("9999-12-31T23:59:59.999999999Z");

    private final String type;
    private final String key;
    private final Operation operation;
    private Object value;
    private Object oldValue;
    private boolean hasOldValue;
    private String txid;
    private Instant timestamp;

    private ChangeMessage(String type, String key, Operation operation) {
        this.type = type;
        this.key = key;
        this.operation = operation;
    }

    /**
     * Starts a message.
     *
     * @param type the entity type, non-empty
     * @param key the entity key, non-empty
     * @param operation the operation
     * @return a builder
     */
    public static ChangeMessage of(String type, String key, Operation operation) {
        return new ChangeMessage(type, key, operation);
    }

    /**
     * Sets the new value; ignored for a delete.
     *
     * @param newValue the entity's new value in plain Java form
     * @return this builder
     */
    public ChangeMessage value(Object newValue) {
        this.value = newValue;
        return this;
    }

    /**
     * Sets the previous value, if known; a {@code null} previous value is left out.
     *
     * @param previous the entity's previous value in plain Java form
     * @return this builder
     */
    public ChangeMessage oldValue(Object previous) {
        this.oldValue = previous;
        this.hasOldValue = previous != null;
        return this;
    }

    /**
     * Sets the transaction id; {@code null} or empty leaves it out.
     *
     * @param transactionId the id
     * @return this builder
     */
    public ChangeMessage txid(String transactionId) {
        this.txid = transactionId == null || transactionId.isEmpty() ? null : transactionId;
        return this;
    }

    /**
     * Sets when the change happened; {@code null}, or an instant outside the years 0000 to 9999 that
     * RFC 3339 can write, leaves it out.
     *
     * @param when the instant
     * @return this builder
     */
    public ChangeMessage timestamp(Instant when) {
        this.timestamp = when == null || when.isBefore(EARLIEST) || when.isAfter(LATEST) ? null : when;
        return this;
    }

    /**
     * Renders the message.
     *
     * @return a new mutable map in the protocol's field order
     */
    public Map<String, Object> toMap() {
        Map<String, Object> headers = new LinkedHashMap<>();
        headers.put(OPERATION, operation.wireName());
        if (txid != null) {
            headers.put(TXID, txid);
        }
        if (timestamp != null) {
            headers.put(TIMESTAMP, timestamp.toString());
        }
        Map<String, Object> message = new LinkedHashMap<>();
        message.put(TYPE, type);
        message.put(KEY, key);
        if (operation != Operation.DELETE) {
            message.put(VALUE, value);
        }
        if (hasOldValue && operation != Operation.INSERT) {
            message.put(OLD_VALUE, oldValue);
        }
        message.put(HEADERS, headers);
        return message;
    }
}
