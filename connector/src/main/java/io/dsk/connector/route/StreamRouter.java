package io.dsk.connector.route;

import io.dsk.connector.config.StreamContentType;
import io.dsk.transforms.StreamHeaders;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.connect.sink.SinkRecord;

/**
 * Decides a record's stream: the {@code ds.stream} header when enabled, else the topic's template,
 * else the default template; and the stream's content type from the topic.
 */
public final class StreamRouter {

    private final StreamPathTemplate defaultTemplate;
    private final Map<String, StreamPathTemplate> topicTemplates;
    private final StreamContentType defaultContentType;
    private final Map<String, StreamContentType> topicContentTypes;
    private final boolean headerOverride;

    /**
     * @param defaultTemplate    template for topics without their own
     * @param topicTemplates     templates by topic
     * @param defaultContentType content type for topics without their own
     * @param topicContentTypes  content types by topic
     * @param headerOverride     whether the {@code ds.stream} header overrides templates
     */
    public StreamRouter(StreamPathTemplate defaultTemplate, Map<String, StreamPathTemplate> topicTemplates,
                        StreamContentType defaultContentType, Map<String, StreamContentType> topicContentTypes,
                        boolean headerOverride) {
        this.defaultTemplate = defaultTemplate;
        this.topicTemplates = Map.copyOf(topicTemplates);
        this.defaultContentType = defaultContentType;
        this.topicContentTypes = Map.copyOf(topicContentTypes);
        this.headerOverride = headerOverride;
    }

    /**
     * @param record a record
     * @return the canonical stream name (each value encoded into its segment), relative to the base URL
     * @throws org.apache.kafka.connect.errors.DataException if the record cannot be routed
     */
    public String pathFor(SinkRecord record) {
        if (headerOverride) {
            Optional<String> path = StreamHeaders.streamPath(record.headers());
            if (path.isPresent()) {
                return path.get();
            }
        }
        return topicTemplates.getOrDefault(record.topic(), defaultTemplate).render(record);
    }

    /**
     * @param topic a topic
     * @return the content type of streams fed from it
     */
    public StreamContentType contentTypeFor(String topic) {
        return topicContentTypes.getOrDefault(topic, defaultContentType);
    }
}
