package io.dsk.cli;

import io.dsk.path.StreamPath;
import io.dsk.protocol.HeaderNames;
import java.io.InputStream;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code dsk close}: closes a stream (PROTOCOL 5.3); closing a closed stream is fine. */
@Command(name = "close", description = "Closes a stream: no more appends, and readers learn it is complete.")
final class CloseCommand extends GatewayCommand {

    @Parameters(index = "0", paramLabel = "PATH", converter = StreamPathArgument.class, description = "The stream.")
    private StreamPath path;

    @Override
    public Integer call() throws InterruptedException {
        HttpResponse<InputStream> answer = send(client().stream(path, "")
                .header(HeaderNames.STREAM_CLOSED, "true").POST(BodyPublishers.noBody()));
        if (answer.statusCode() != 204 && answer.statusCode() != 200) {
            throw client().refused(answer, subject(path));
        }
        discard(answer);
        new MessageOutput(terminal().out(), false).line("closed " + path.name() + " at offset "
                + new StreamAnswer(answer).nextOffset());
        return 0;
    }
}
