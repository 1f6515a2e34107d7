package io.dsk.cli;

import io.dsk.path.StreamPath;
import io.dsk.protocol.HeaderNames;
import java.io.InputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;

/** {@code dsk create}: creates a stream (PROTOCOL 5.1), or confirms one with the same configuration. */
@Command(name = "create", sortOptions = false,
        description = {"Creates a stream.",
            "An existing stream with the same configuration is fine (exit 0); one with another configuration is"
                + " a conflict."})
final class CreateCommand extends GatewayCommand {

    @Parameters(index = "0", paramLabel = "PATH", converter = StreamPathArgument.class, description = "The stream.")
    private StreamPath path;

    @Option(names = "--content-type", paramLabel = "TYPE",
            description = "Its content type, e.g. application/json (default: the gateway's, application/octet-stream).")
    private String contentType;

    @Option(names = "--ttl", paramLabel = "DURATION", converter = Durations.class,
            description = "Expire after this long without a read or write (whole seconds: 3600, 90m, 1h).")
    private Duration ttl;

    @Option(names = "--expires-at", paramLabel = "TIME",
            description = "Expire at this RFC 3339 time, e.g. 2030-01-01T00:00:00Z.")
    private String expiresAt;

    @Option(names = "--closed", description = "Create it closed (empty and complete).")
    private boolean closed;

    @Override
    public Integer call() throws InterruptedException {
        HttpRequest.Builder request = client().stream(path, "").PUT(BodyPublishers.noBody());
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        if (ttl != null && expiresAt != null) {
            throw new ParameterException(spec.commandLine(), "give --ttl or --expires-at, not both");
        }
        if (ttl != null) {
            if (ttl.toMillis() % 1000 != 0) {
                throw new ParameterException(spec.commandLine(), "--ttl must be whole seconds");
            }
            request.header(HeaderNames.STREAM_TTL, Long.toString(ttl.toSeconds()));
        }
        if (expiresAt != null) {
            try {
                OffsetDateTime.parse(expiresAt, DateTimeFormatter.ISO_OFFSET_DATE_TIME);
            } catch (DateTimeParseException e) {
                throw new ParameterException(spec.commandLine(), "--expires-at must be an RFC 3339 time such as"
                        + " 2030-01-01T00:00:00Z, not '" + expiresAt + "'");
            }
            request.header(HeaderNames.STREAM_EXPIRES_AT, expiresAt);
        }
        if (closed) {
            request.header(HeaderNames.STREAM_CLOSED, "true");
        }
        HttpResponse<InputStream> answer = send(request);
        if (answer.statusCode() != 201 && answer.statusCode() != 200) {
            throw client().refused(answer, subject(path));
        }
        discard(answer);
        new MessageOutput(terminal().out(), false).line(answer.statusCode() == 201 ? "created " + path.name()
                : path.name() + " already exists with this configuration");
        return 0;
    }
}
