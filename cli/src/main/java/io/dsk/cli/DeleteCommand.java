package io.dsk.cli;

import io.dsk.path.StreamPath;
import java.io.InputStream;
import java.net.http.HttpResponse;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code dsk delete}: deletes a stream and its data (PROTOCOL 5.4). */
@Command(name = "delete", description = "Deletes a stream and its data.")
final class DeleteCommand extends GatewayCommand {

    @Parameters(index = "0", paramLabel = "PATH", converter = StreamPathArgument.class, description = "The stream.")
    private StreamPath path;

    @Override
    public Integer call() throws InterruptedException {
        HttpResponse<InputStream> answer = send(client().stream(path, "").DELETE());
        if (answer.statusCode() != 204 && answer.statusCode() != 200) {
            throw client().refused(answer, subject(path));
        }
        discard(answer);
        new MessageOutput(terminal().out(), false).line("deleted " + path.name());
        return 0;
    }
}
