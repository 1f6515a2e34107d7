package io.dsk.bench;

import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Asks the gateway's source-offsets extension which streams hold all their records: a stream is
 * complete when its watermark for its partition reaches the offset of its last record. Uses plain
 * {@link HttpURLConnection} on the calling thread, so its CPU time is not mixed with the
 * connector's HTTP client threads.
 */
final class WatermarkProbe {

    private static final Pattern OFFSET = Pattern.compile("\"offset\"\\s*:\\s*(\\d+)");

    private final String baseUrl;
    private final String topic;
    private final RecordLayout layout;
    private final List<Integer> pending = new ArrayList<>();

    /**
     * @param baseUrl the gateway's stream root, e.g. {@code http://127.0.0.1:4510/v1/stream}
     * @param topic the topic whose records are expected, also the first path segment of each stream
     * @param layout where the records go
     */
    WatermarkProbe(String baseUrl, String topic, RecordLayout layout) {
        this.baseUrl = baseUrl;
        this.topic = topic;
        this.layout = layout;
        for (int s = 0; s < layout.streams(); s++) {
            if (layout.recordsIn(s) > 0) {
                pending.add(s);
            }
        }
    }

    /**
     * Checks the streams not yet complete.
     *
     * @return how many streams are still missing records
     * @throws IOException if the gateway cannot be reached or answers with an error other than 404
     */
    int poll() throws IOException {
        for (Iterator<Integer> it = pending.iterator(); it.hasNext(); ) {
            int stream = it.next();
            if (watermark(topic + "/" + layout.key(stream)) >= layout.lastOffsetOf(stream)) {
                it.remove();
            }
        }
        return pending.size();
    }

    private long watermark(String path) throws IOException {
        URI uri = URI.create(baseUrl + "/__ds/source-offsets?path=" + URLEncoder.encode(path, StandardCharsets.UTF_8));
        HttpURLConnection http = (HttpURLConnection) uri.toURL().openConnection();
        int status = http.getResponseCode();
        String body;
        try (InputStream in = status < 400 ? http.getInputStream() : http.getErrorStream()) {
            body = in == null ? "" : new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        if (status == 404) {
            return -1;
        }
        if (status != 200) {
            throw new IOException("source-offsets for " + path + " answered " + status + ": " + body);
        }
        Matcher m = OFFSET.matcher(body);
        return m.find() ? Long.parseLong(m.group(1)) : -1;
    }
}
