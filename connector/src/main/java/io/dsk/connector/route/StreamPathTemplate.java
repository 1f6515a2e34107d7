package io.dsk.connector.route;

import io.dsk.transforms.path.PathTemplate;
import io.dsk.transforms.record.RecordTemplate;
import io.dsk.transforms.record.TemplateResult;
import java.util.Set;
import org.apache.kafka.connect.sink.SinkRecord;

/**
 * A stream path template such as {@code tenants/${header.tenant}/orders/${key}}, with the DSK
 * transforms' path rules: variables {@code ${topic}}, {@code ${partition}}, {@code ${key}},
 * {@code ${key.FIELD}}, {@code ${header.NAME}} and {@code ${value.FIELD.PATH}}, each value escaped so it
 * can never leave its path segment, literal text limited to {@code A-Z a-z 0-9 - . _ ~}.
 *
 * <p>A template that reads only {@code ${topic}}, {@code ${partition}} and the whole {@code ${key}}
 * remembers the paths it rendered for scalar keys, so the escaping runs once per stream rather than once
 * per record. Templates over fields, headers or the value always render afresh. Not thread-safe: each
 * task has its own templates.
 */
public final class StreamPathTemplate {

    /** The longest a rendered path segment may be, after escaping. */
    public static final int MAX_SEGMENT_LENGTH = 1024;

    private static final Set<String> COORDINATES = Set.of("topic", "partition", "key");

    private final PathTemplate template;
    private final RenderedPaths rendered;

    private StreamPathTemplate(PathTemplate template, boolean readsOnlyCoordinates) {
        this.template = template;
        this.rendered = readsOnlyCoordinates ? new RenderedPaths() : null;
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
        PathTemplate template = PathTemplate.parse(text, MAX_SEGMENT_LENGTH);
        return new StreamPathTemplate(template, readsOnlyCoordinates(RecordTemplate.parse(text)));
    }

    private static boolean readsOnlyCoordinates(RecordTemplate template) {
        for (RecordTemplate.Part part : template.parts()) {
            if (part instanceof RecordTemplate.Placeholder placeholder
                    && !COORDINATES.contains(placeholder.reference().text())) {
                return false;
            }
        }
        return true;
    }

    /**
     * Renders the stream path for a record.
     *
     * @param record the record
     * @return the canonical stream name, relative to the gateway's stream base URL, with every value
     *     encoded into its segment
     * @throws RoutingException if a variable has no usable value in this record
     */
    public String render(SinkRecord record) {
        if (rendered == null || !RenderedPaths.isCacheableKey(record.key())) {
            return renderAfresh(record);
        }
        String path = rendered.get(record.topic(), record.kafkaPartition(), record.key());
        if (path == null) {
            path = renderAfresh(record);
            rendered.put(record.topic(), record.kafkaPartition(), record.key(), path);
        }
        return path;
    }

    /** @return whether rendered paths are remembered, for tests */
    boolean remembersPaths() {
        return rendered != null;
    }

    private String renderAfresh(SinkRecord record) {
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
