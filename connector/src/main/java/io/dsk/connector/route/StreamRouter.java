package io.dsk.connector.route;

import io.dsk.connector.config.StreamContentType;
import java.util.Map;
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
     * @return the escaped stream path, relative to the base URL
     * @throws RoutingException if the record cannot be routed
     */
    public String pathFor(SinkRecord record) {
        if (headerOverride) {
            String path = RecordHeaders.text(record, RecordHeaders.STREAM);
            if (path != null) {
                String problem = PathSegments.problemWithPath(path);
                if (problem != null) {
                    throw new RoutingException("header " + RecordHeaders.STREAM + " is not a valid stream path: "
                            + problem);
                }
                return path;
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
