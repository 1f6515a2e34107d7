package io.dsk.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dsk.path.StreamPath;
import io.dsk.protocol.HeaderNames;
import java.io.InputStream;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code dsk head}: a stream's metadata (PROTOCOL 5.5). */
@Command(name = "head", sortOptions = false,
        description = {"Prints a stream's metadata.",
            "Its content type, next offset, whether it is closed, and its TTL or expiry."})
final class HeadCommand extends GatewayCommand {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Parameters(index = "0", paramLabel = "PATH", converter = StreamPathArgument.class, description = "The stream.")
    private StreamPath path;

    @Option(names = "--json", description = "One line of JSON instead of 'name: value' lines.")
    private boolean json;

    @Override
    public Integer call() throws InterruptedException {
        HttpResponse<InputStream> answer = send(client().stream(path, "").method("HEAD", BodyPublishers.noBody()));
        if (answer.statusCode() != 200) {
            throw client().refused(answer, subject(path));
        }
        discard(answer);
        HttpHeaders headers = answer.headers();
        String contentType = headers.firstValue("Content-Type").orElse("");
        String nextOffset = headers.firstValue(HeaderNames.STREAM_NEXT_OFFSET).orElse("");
        boolean closed = headers.firstValue(HeaderNames.STREAM_CLOSED).map("true"::equalsIgnoreCase).orElse(false);
        String ttl = headers.firstValue(HeaderNames.STREAM_TTL).orElse(null);
        String expiresAt = headers.firstValue(HeaderNames.STREAM_EXPIRES_AT).orElse(null);
        MessageOutput out = new MessageOutput(terminal().out(), false);
        if (json) {
            ObjectNode node = JSON.createObjectNode().put("path", path.name()).put("contentType", contentType)
                    .put("nextOffset", nextOffset).put("closed", closed);
            if (ttl != null && ttl.matches("0|[1-9][0-9]{0,17}")) {
                node.put("ttlSeconds", Long.parseLong(ttl));
            } else if (ttl != null) {
                node.put("ttl", ttl);
            }
            if (expiresAt != null) {
                node.put("expiresAt", expiresAt);
            }
            out.line(node.toString());
            return 0;
        }
        out.line("path: " + path.name());
        out.line("content-type: " + contentType);
        out.line("next-offset: " + nextOffset);
        out.line("closed: " + closed);
        out.line("ttl: " + (ttl == null ? "none" : ttl + "s"));
        out.line("expires-at: " + (expiresAt == null ? "none" : expiresAt));
        return 0;
    }
}
