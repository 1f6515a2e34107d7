package io.dsk.connector.route;

import io.dsk.transforms.path.PathTemplate;
import io.dsk.transforms.record.TemplateResult;
import org.apache.kafka.connect.sink.SinkRecord;

/**
 * A stream path template such as {@code tenants/${header.tenant}/orders/${key}}, with the DSK
 * transforms' path rules: variables {@code ${topic}}, {@code ${partition}}, {@code ${key}},
 * {@code ${key.FIELD}}, {@code ${header.NAME}} and {@code ${value.FIELD.PATH}}, each value escaped so it
 * can never leave its path segment, literal text limited to {@code A-Z a-z 0-9 - . _ ~}.
 */
public final class StreamPathTemplate {

    /** The longest a rendered path segment may be, after escaping. */
    public static final int MAX_SEGMENT_LENGTH = 1024;

    private final PathTemplate template;

    private StreamPathTemplate(PathTemplate template) {
        this.template = template;
    }

    /**
     * Parses and checks a template.
     *
     * @param text the template
     * @return the parsed template
     * @throws IllegalArgumentException naming the problem if the template is invalid
     */
    public static StreamPathTemplate parse(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("the template is empty");
        }
        return new StreamPathTemplate(PathTemplate.parse(text, MAX_SEGMENT_LENGTH));
    }

    /**
     * Renders the stream path for a record.
     *
     * @param record the record
     * @return the path, relative to the gateway's stream base URL, with every value escaped
     * @throws RoutingException if a variable has no usable value in this record
     */
    public String render(SinkRecord record) {
        TemplateResult result = template.render(record);
        if (!result.resolved()) {
            throw new RoutingException("stream path template " + template + ": " + result.problem());
        }
        return result.text();
    }

    @Override
    public String toString() {
        return template.toString();
    }
}
