package io.dsk.cli;

import io.dsk.path.StreamPath;
import java.io.InputStream;
import java.net.http.HttpResponse;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;

/** {@code dsk read}: catch-up reads (PROTOCOL 5.6) from an offset to the stream's current end. */
@Command(name = "read", sortOptions = false,
        description = {"Reads a stream from an offset to its current end.",
            "Writes a JSON stream's messages one per line, any other stream's bytes as they are."})
final class ReadCommand extends GatewayCommand {

    @Parameters(index = "0", paramLabel = "PATH", converter = StreamPathArgument.class, description = "The stream.")
    private StreamPath path;

    @Option(names = "--from", paramLabel = "OFFSET", defaultValue = "-1",
            description = "Where to start: -1 (the start, default), now, or an offset the gateway returned.")
    private String from;

    @Option(names = "--limit", paramLabel = "N", description = "Stop after N messages (JSON streams).")
    private Long limit;

    @Option(names = "--max-bytes", paramLabel = "N", description = "Stop after N bytes (other streams).")
    private Long maxBytes;

    @Option(names = "--pretty", description = "Pretty-print each JSON message over several lines.")
    private boolean pretty;

    @Option(names = "--offsets", description = "Print the offset to continue from on standard error at the end.")
    private boolean offsets;

    @Override
    public Integer call() throws InterruptedException {
        if (limit != null && limit < 1 || maxBytes != null && maxBytes < 1) {
            throw new ParameterException(spec.commandLine(), "--limit and --max-bytes must be at least 1");
        }
        if (from.isEmpty()) {
            throw new ParameterException(spec.commandLine(), "--from must not be empty");
        }
        MessageOutput out = new MessageOutput(terminal().out(), pretty);
        Long left = null;
        String offset = from;
        while (true) {
            HttpResponse<InputStream> answer = send(client().stream(path, "offset=" + GatewayClient.queryValue(offset)));
            if (answer.statusCode() != 200) {
                throw client().refused(answer, subject(path));
            }
            StreamAnswer read = new StreamAnswer(answer);
            String next = read.nextOffset();
            if (left == null) {
                left = budget(read.json());
            }
            MessageOutput.Written written = read.json() ? out.writeJsonMessages(answer.body(), left)
                    : out.writeBytes(answer.body(), left);
            left -= written.count();
            if (written.cut()) {
                // The rest of this answer is not shown: continuing from its start shows it (and repeats the shown part).
                discard(answer);
                break;
            }
            boolean stalled = next.equals(offset);
            offset = next;
            if (read.upToDate() || read.closed() || left == 0 || stalled) {
                break;
            }
        }
        if (offsets) {
            note("next offset: " + offset);
        }
        return 0;
    }

    private long budget(boolean json) {
        if (json && maxBytes != null) {
            throw new ParameterException(spec.commandLine(), path.name() + " is a JSON stream: --limit counts its"
                    + " messages, --max-bytes is for other streams");
        }
        if (!json && limit != null) {
            throw new ParameterException(spec.commandLine(), path.name() + " is not a JSON stream: --max-bytes"
                    + " counts its bytes, --limit is for JSON streams");
        }
        Long max = json ? limit : maxBytes;
        return max == null ? Long.MAX_VALUE : max;
    }
}
