package io.dsk.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpResponse;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParameterException;

/** {@code dsk ls}: the gateway's stream listing ({@code /v1/stream/__ds/streams}), every page of it. */
@Command(name = "ls", sortOptions = false,
        description = {"Lists the streams whose path starts with PREFIX.",
            "One per line, in path order, following the listing's pages; with --limit, stops after N streams"
                + " and says how to continue."})
final class ListCommand extends GatewayCommand {

    /** Largest page the gateway answers. */
    static final int MAX_PAGE = 1000;
    private static final ObjectMapper JSON = new ObjectMapper();

    @Parameters(index = "0", arity = "0..1", paramLabel = "PREFIX", description = "Path prefix (default: all streams).")
    private String prefix = "";

    @Option(names = "--limit", paramLabel = "N", description = "List at most N streams.")
    private Long limit;

    @Option(names = "--after", paramLabel = "PATH", description = "Start after this path (where a listing stopped).")
    private String after;

    @Option(names = "--page-size", paramLabel = "N", defaultValue = "1000",
            description = "Streams asked for per request, 1 to 1000 (default 1000).")
    private int pageSize;

    @Option(names = {"-l", "--long"}, description = "Also the content type, next offset and open/closed, tab-separated.")
    private boolean longFormat;

    @Option(names = "--json", description = "Each stream as one line of JSON, as the gateway describes it.")
    private boolean json;

    @Override
    public Integer call() throws InterruptedException {
        if (limit != null && limit < 1) {
            throw new ParameterException(spec.commandLine(), "--limit must be at least 1");
        }
        if (pageSize < 1 || pageSize > MAX_PAGE) {
            throw new ParameterException(spec.commandLine(), "--page-size must be from 1 to " + MAX_PAGE);
        }
        MessageOutput out = new MessageOutput(terminal().out(), false);
        long left = limit == null ? Long.MAX_VALUE : limit;
        String cursor = after == null || after.isEmpty() ? null : after;
        while (true) {
            // One more than still wanted: if it comes, more streams follow.
            int page = (int) Math.min(pageSize, left == Long.MAX_VALUE ? pageSize : left + 1);
            JsonNode answer = page(cursor, page);
            JsonNode streams = answer.path("streams");
            for (JsonNode stream : streams) {
                if (left == 0) {
                    note("dsk: more streams follow; continue with --after " + cursor);
                    return 0;
                }
                out.line(format(stream));
                cursor = stream.path("path").asText();
                left--;
            }
            JsonNode next = answer.path("next");
            if (!next.isTextual() || streams.isEmpty()) {
                return 0;
            }
            cursor = next.asText();
        }
    }

    private JsonNode page(String cursor, int page) throws InterruptedException {
        StringBuilder query = new StringBuilder();
        if (!prefix.isEmpty()) {
            query.append("prefix=").append(GatewayClient.queryValue(prefix)).append('&');
        }
        if (cursor != null) {
            query.append("after=").append(GatewayClient.queryValue(cursor)).append('&');
        }
        query.append("limit=").append(page);
        HttpResponse<InputStream> answer = send(client().control("streams", query.toString()));
        if (answer.statusCode() != 200) {
            throw client().refused(answer, "the stream listing");
        }
        try {
            return JSON.readTree(bodyOf(answer));
        } catch (IOException e) {
            throw new CommandFailure("the stream listing is not JSON: " + e.getMessage());
        }
    }

    private String format(JsonNode stream) {
        if (json) {
            return stream.toString();
        }
        String path = stream.path("path").asText();
        if (!longFormat) {
            return path;
        }
        return path + "\t" + stream.path("contentType").asText() + "\t" + stream.path("nextOffset").asText()
                + "\t" + (stream.path("closed").asBoolean() ? "closed" : "open");
    }
}
