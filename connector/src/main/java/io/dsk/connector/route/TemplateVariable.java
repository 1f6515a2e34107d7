package io.dsk.connector.route;

import java.nio.ByteBuffer;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.apache.kafka.connect.data.Field;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.header.Header;
import org.apache.kafka.connect.sink.SinkRecord;

/** One {@code ${...}} placeholder of a stream path template, resolved against a record. */
abstract class TemplateVariable {

    private final String expression;

    TemplateVariable(String expression) {
        this.expression = expression;
    }

    /** @return the placeholder as written, e.g. {@code ${value.user.id}} */
    String expression() {
        return "${" + expression + "}";
    }

    /**
     * @param record the record being routed
     * @return the unescaped text of the variable for this record
     * @throws RoutingException if the record has no usable value for the variable
     */
    abstract String resolve(SinkRecord record);

    static TemplateVariable parse(String expression) {
        if (expression.equals("topic")) {
            return new TemplateVariable(expression) {
                @Override
                String resolve(SinkRecord record) {
                    return record.topic();
                }
            };
        }
        if (expression.equals("partition")) {
            return new TemplateVariable(expression) {
                @Override
                String resolve(SinkRecord record) {
                    return String.valueOf(record.kafkaPartition());
                }
            };
        }
        if (expression.equals("key")) {
            return new TemplateVariable(expression) {
                @Override
                String resolve(SinkRecord record) {
                    return scalarText(record.key(), this);
                }
            };
        }
        if (expression.startsWith("header.") && expression.length() > "header.".length()) {
            String name = expression.substring("header.".length());
            return new TemplateVariable(expression) {
                @Override
                String resolve(SinkRecord record) {
                    Header header = record.headers().lastWithName(name);
                    return scalarText(header == null ? null : header.value(), this);
                }
            };
        }
        if (expression.equals("value") || expression.startsWith("value.") && expression.length() > "value.".length()) {
            List<String> path = expression.equals("value")
                    ? List.of() : List.of(expression.substring("value.".length()).split("\\.", -1));
            if (path.contains("")) {
                throw new IllegalArgumentException("${" + expression + "} has an empty field name");
            }
            return new TemplateVariable(expression) {
                @Override
                String resolve(SinkRecord record) {
                    return scalarText(field(record.value(), path, this), this);
                }
            };
        }
        throw new IllegalArgumentException("unknown variable ${" + expression + "}; use ${topic}, ${partition}, "
                + "${key}, ${header.NAME} or ${value.FIELD.PATH}");
    }

    private static Object field(Object value, List<String> path, TemplateVariable variable) {
        Object current = value;
        for (String name : path) {
            if (current instanceof Struct) {
                Struct struct = (Struct) current;
                Field field = struct.schema().field(name);
                if (field == null) {
                    throw new RoutingException(variable.expression() + ": the value has no field '" + name + "'");
                }
                current = struct.get(field);
            } else if (current instanceof Map) {
                current = ((Map<?, ?>) current).get(name);
            } else {
                throw new RoutingException(variable.expression() + ": cannot read field '" + name + "' of a "
                        + kind(current));
            }
        }
        return current;
    }

    private static String scalarText(Object value, TemplateVariable variable) {
        if (value == null) {
            throw new RoutingException(variable.expression() + " is null for this record");
        }
        String text;
        if (value instanceof String || value instanceof Number || value instanceof Boolean) {
            text = value.toString();
        } else if (value instanceof byte[]) {
            text = Base64.getUrlEncoder().withoutPadding().encodeToString((byte[]) value);
        } else if (value instanceof ByteBuffer) {
            ByteBuffer buffer = ((ByteBuffer) value).duplicate();
            byte[] bytes = new byte[buffer.remaining()];
            buffer.get(bytes);
            text = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        } else {
            throw new RoutingException(variable.expression() + " is a " + kind(value) + ", not a scalar");
        }
        if (text.isEmpty()) {
            throw new RoutingException(variable.expression() + " is empty for this record");
        }
        return text;
    }

    private static String kind(Object value) {
        if (value == null) {
            return "null";
        }
        if (value instanceof Struct) {
            return "struct";
        }
        if (value instanceof Map) {
            return "map";
        }
        if (value instanceof List) {
            return "list";
        }
        return value.getClass().getSimpleName();
    }
}
