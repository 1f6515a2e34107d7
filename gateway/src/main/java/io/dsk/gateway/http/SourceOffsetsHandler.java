package io.dsk.gateway.http;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dsk.gateway.protocol.ProtocolException;
import io.dsk.gateway.protocol.StreamOffset;
import io.dsk.gateway.store.SourceAppend;
import io.dsk.gateway.store.SourceBatch;
import io.dsk.gateway.store.SourcePartition;
import io.dsk.gateway.store.SourceWatermark;
import io.dsk.gateway.streams.Streams;
import io.dsk.path.InvalidStreamPathException;
import io.dsk.path.StreamPath;
import io.undertow.server.HttpServerExchange;
import java.util.List;
import java.util.regex.Pattern;

/**
 * DSK extension {@code GET /v1/stream/__ds/source-offsets}: with {@code path}, {@code topic},
 * {@code partition} and {@code offset}, the append of the stream whose source range holds that Kafka
 * offset; with {@code path} and {@code from} (and an optional {@code limit}), the stream's appends that
 * end after stream offset {@code from}, with their source ranges, in stream order; with only
 * {@code path}, the stream's source watermarks. {@code path} is the stream's name,
 * percent-encoded as any query value ({@link StreamPath#toQueryValue()}) and decoded once, or that name
 * after {@code /v1/stream/}; it is read by {@link StreamPath#fromQueryParameter(String)}, as the auth layer
 * reads it. Answers and refusals are JSON.
 *
 * <p>The store keeps each append's source range (first and last offset), not every offset in it, and a
 * range may span offsets of the partition that went to other streams. So {@code match} is {@code exact}
 * only for the range's ends, which are records of the append, and {@code range} inside it: the record is
 * in that append if this stream took it at all.
 */
final class SourceOffsetsHandler {

    private static final Pattern PARTITION = Pattern.compile("0|[1-9][0-9]{0,9}");
    private static final Pattern OFFSET = Pattern.compile("0|[1-9][0-9]{0,18}");
    private static final String EXACT = "exact";
    private static final String RANGE = "range";
    /** Default and highest {@code limit} of a listing of appends. */
    static final int MAX_APPENDS = 1000;

    private final Streams streams;

    SourceOffsetsHandler(Streams streams) {
        this.streams = streams;
    }

    void handle(HttpServerExchange exchange) {
        try {
            String path = required(exchange, "path");
            String stream = streamName(path);
            String topic = ControlApis.param(exchange, "topic", null);
            String from = ControlApis.param(exchange, "from", null);
            if (topic != null && from != null) {
                throw ProtocolException.badRequest("give either topic, partition and offset or from, not both");
            }
            ObjectNode body = topic != null ? lookup(exchange, path, stream, topic)
                    : from != null ? appends(exchange, path, stream, from)
                    : watermarks(path, stream);
            ControlApis.send(exchange, 200, body);
        } catch (ProtocolException e) {
            ControlApis.refuse(exchange, e);
        }
    }

    private ObjectNode watermarks(String path, String stream) {
        ObjectNode body = ControlApis.JSON.createObjectNode().put("path", path);
        ArrayNode marks = body.putArray("watermarks");
        for (SourceWatermark w : streams.watermarks(stream)) {
            marks.addObject().put("topic", w.topic()).put("partition", w.partition()).put("offset", w.offset());
        }
        return body;
    }

    private ObjectNode appends(HttpServerExchange exchange, String path, String stream, String from) {
        long after = from.equals("-1") ? -1 : streamOffset(from);
        String limitParam = ControlApis.param(exchange, "limit", null);
        long limit = limitParam == null ? MAX_APPENDS : number(limitParam, "limit", OFFSET);
        if (limit < 1 || limit > MAX_APPENDS) {
            throw ProtocolException.badRequest("limit must be between 1 and " + MAX_APPENDS);
        }
        List<SourceAppend> appends = streams.sourceAppends(stream, after, (int) limit);
        ObjectNode body = ControlApis.JSON.createObjectNode().put("path", path).put("from", from);
        ArrayNode list = body.putArray("appends");
        for (SourceAppend a : appends) {
            list.addObject()
                    .put("streamOffset", StreamOffset.format(a.batch().streamStart()))
                    .put("streamNextOffset", StreamOffset.format(a.batch().streamEnd()))
                    .put("topic", a.partition().topic()).put("partition", a.partition().partition())
                    .put("firstOffset", a.batch().firstOffset()).put("lastOffset", a.batch().lastOffset());
        }
        if (appends.size() == limit) {
            body.put("next", StreamOffset.format(appends.get(appends.size() - 1).batch().streamEnd()));
        }
        return body;
    }

    private ObjectNode lookup(HttpServerExchange exchange, String path, String stream, String topic) {
        int partition = (int) number(required(exchange, "partition"), "partition", PARTITION);
        long offset = number(required(exchange, "offset"), "offset", OFFSET);
        SourceBatch batch = streams.sourceBatch(stream, new SourcePartition(topic, partition), offset);
        return ControlApis.JSON.createObjectNode().put("path", path).put("topic", topic).put("partition", partition)
                .put("offset", offset)
                .put("streamOffset", StreamOffset.format(batch.streamStart()))
                .put("streamNextOffset", StreamOffset.format(batch.streamEnd()))
                .put("batchFirstOffset", batch.firstOffset())
                .put("batchLastOffset", batch.lastOffset())
                .put("match", offset == batch.firstOffset() || offset == batch.lastOffset() ? EXACT : RANGE);
    }

    private static long streamOffset(String from) {
        try {
            return StreamOffset.parse(from, "from");
        } catch (ProtocolException e) {
            throw ProtocolException.badRequest("from must be -1 or a stream offset returned by this server, such as "
                    + StreamOffset.format(0));
        }
    }

    private static String streamName(String path) {
        try {
            return StreamPath.fromQueryParameter(path).name();
        } catch (InvalidStreamPathException e) {
            throw ProtocolException.badRequest("query parameter path: " + e.getMessage());
        }
    }

    private static long number(String value, String name, Pattern shape) {
        if (!shape.matcher(value).matches()) {
            throw ProtocolException.badRequest(name + " must be a non-negative integer");
        }
        try {
            long n = Long.parseLong(value);
            if (name.equals("partition") && n > Integer.MAX_VALUE) {
                throw ProtocolException.badRequest("partition is out of range");
            }
            return n;
        } catch (NumberFormatException e) {
            throw ProtocolException.badRequest(name + " is out of range");
        }
    }

    private static String required(HttpServerExchange exchange, String name) {
        String value = ControlApis.param(exchange, name, null);
        if (value == null || value.isEmpty()) {
            throw ProtocolException.badRequest("query parameter " + name + " is required");
        }
        return value;
    }
}
