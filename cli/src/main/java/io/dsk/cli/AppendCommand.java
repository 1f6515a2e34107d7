package io.dsk.cli;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import io.dsk.path.StreamPath;
import io.dsk.protocol.HeaderNames;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;

/**
 * {@code dsk append}: appends (PROTOCOL 5.2) a file or standard input, optionally as an idempotent
 * producer (5.2.1) so that running it again, or its own retries, write the data once.
 */
@Command(name = "append", sortOptions = false,
        description = {"Appends a file, or standard input, to a stream.",
            "Prints the stream's next offset.",
            "With --producer-id the append is idempotent: the same id, epoch and seq sent again (a retry, or the",
            "same command run again) is written once."})
final class AppendCommand extends GatewayCommand {

    /** Most bytes of one request with --json-lines; more lines go in further requests, one seq each. */
    static final int JSON_LINES_BATCH_BYTES = 1024 * 1024;
    private static final String JSON_TYPE = "application/json";
    private static final ObjectReader ONE_JSON_VALUE = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS).reader();

    @Parameters(index = "0", paramLabel = "PATH", converter = StreamPathArgument.class, description = "The stream.")
    private StreamPath path;

    @Parameters(index = "1", arity = "0..1", paramLabel = "FILE", defaultValue = "-",
            description = "What to append; - (default) reads standard input.")
    private String file;

    @Option(names = "--content-type", paramLabel = "TYPE",
            description = "The stream's content type (default: asked from the gateway).")
    private String contentType;

    @Option(names = "--json-lines",
            description = "Each non-blank input line is one JSON message (of a JSON stream), sent in batches.")
    private boolean jsonLines;

    @Option(names = "--close", description = "Close the stream with this append, atomically.")
    private boolean close;

    @Option(names = "--producer-id", paramLabel = "ID",
            description = "Append as this idempotent producer (headers Producer-Id, -Epoch, -Seq).")
    private String producerId;

    @Option(names = "--epoch", paramLabel = "E", description = "The producer's epoch (default 0).")
    private Long epoch;

    @Option(names = "--seq", paramLabel = "S",
            description = "The sequence number of this append (default 0); --json-lines batches take S, S+1, ...")
    private Long seq;

    @Option(names = "--retries", paramLabel = "N", defaultValue = "3",
            description = "With --producer-id: how often to resend after no answer, a 5xx or a 429 (default 3).")
    private int retries;

    @Override
    public Integer call() throws InterruptedException {
        checkOptions();
        String type = contentType != null ? contentType : jsonLines ? JSON_TYPE : streamContentType();
        if (jsonLines && !MessageOutput.isJson(type)) {
            throw new ParameterException(spec.commandLine(), "--json-lines appends to JSON streams; "
                    + path.name() + " is " + type);
        }
        byte[] input = readInput();
        List<byte[]> bodies = jsonLines ? jsonBatches(input) : List.of(input);
        if (bodies.isEmpty() || bodies.size() == 1 && bodies.get(0).length == 0) {
            if (!close) {
                throw new CommandFailure("nothing to append: the input is empty (to close the stream, use dsk close)");
            }
            bodies = List.of(new byte[0]);
        }
        String next = null;
        for (int i = 0; i < bodies.size(); i++) {
            boolean last = i == bodies.size() - 1;
            next = append(bodies.get(i), type, producerId == null ? -1 : seqOrZero() + i, close && last);
        }
        new MessageOutput(terminal().out(), false).line(next);
        return 0;
    }

    private void checkOptions() {
        if (producerId == null && (epoch != null || seq != null)) {
            throw new ParameterException(spec.commandLine(), "--epoch and --seq need --producer-id");
        }
        if (producerId != null && producerId.isEmpty()) {
            throw new ParameterException(spec.commandLine(), "--producer-id must not be empty");
        }
        if (epoch != null && epoch < 0 || seq != null && seq < 0 || retries < 0) {
            throw new ParameterException(spec.commandLine(), "--epoch, --seq and --retries must not be negative");
        }
    }

    private long epochOrZero() {
        return epoch == null ? 0 : epoch;
    }

    private long seqOrZero() {
        return seq == null ? 0 : seq;
    }

    private String streamContentType() throws InterruptedException {
        HttpResponse<InputStream> answer = send(client().stream(path, "").method("HEAD", BodyPublishers.noBody()));
        if (answer.statusCode() != 200) {
            throw client().refused(answer, subject(path));
        }
        discard(answer);
        return answer.headers().firstValue("Content-Type").orElse("application/octet-stream");
    }

    private byte[] readInput() {
        try {
            if (file.equals("-")) {
                return terminal().in().readAllBytes();
            }
            return Files.readAllBytes(Path.of(file));
        } catch (NoSuchFileException | InvalidPathException e) {
            throw new CommandFailure("file " + file + " does not exist");
        } catch (IOException e) {
            throw new CommandFailure("cannot read " + (file.equals("-") ? "standard input" : file) + ": "
                    + e.getMessage());
        }
    }

    /** Checks that every line holds one JSON value and packs the lines into JSON arrays of bounded size. */
    static List<byte[]> jsonBatches(byte[] input) {
        List<byte[]> batches = new ArrayList<>();
        ByteArrayOutputStream batch = new ByteArrayOutputStream();
        String[] lines = new String(input, StandardCharsets.UTF_8).split("\r?\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].strip();
            if (line.isEmpty()) {
                continue;
            }
            try {
                ONE_JSON_VALUE.readTree(line);
            } catch (IOException e) {
                throw new CommandFailure("line " + (i + 1) + " is not one JSON value: "
                        + e.getMessage().lines().findFirst().orElse(""));
            }
            byte[] bytes = line.getBytes(StandardCharsets.UTF_8);
            if (batch.size() > 0 && batch.size() + bytes.length + 2 > JSON_LINES_BATCH_BYTES) {
                batches.add(closeArray(batch));
                batch = new ByteArrayOutputStream();
            }
            batch.write(batch.size() == 0 ? '[' : ',');
            batch.writeBytes(bytes);
        }
        if (batch.size() > 0) {
            batches.add(closeArray(batch));
        }
        return batches;
    }

    private static byte[] closeArray(ByteArrayOutputStream batch) {
        batch.write(']');
        return batch.toByteArray();
    }

    private HttpRequest.Builder request(byte[] body, String type, long producerSeq, boolean closeStream) {
        HttpRequest.Builder request = client().stream(path, "").POST(BodyPublishers.ofByteArray(body));
        if (body.length > 0) {
            request.header("Content-Type", type);
        }
        if (closeStream) {
            request.header(HeaderNames.STREAM_CLOSED, "true");
        }
        if (producerId != null) {
            request.header(HeaderNames.PRODUCER_ID, producerId)
                    .header(HeaderNames.PRODUCER_EPOCH, Long.toString(epochOrZero()))
                    .header(HeaderNames.PRODUCER_SEQ, Long.toString(producerSeq));
        }
        return request;
    }

    /** Sends one append, resending it after transient failures when it is idempotent; returns the next offset. */
    private String append(byte[] body, String type, long producerSeq, boolean closeStream) throws InterruptedException {
        int attempts = producerId == null ? 1 : retries + 1;
        for (int attempt = 1; ; attempt++) {
            CommandFailure failure;
            try {
                HttpResponse<InputStream> answer = send(request(body, type, producerSeq, closeStream));
                if (answer.statusCode() == 200 || answer.statusCode() == 204) {
                    discard(answer);
                    if (producerId != null && answer.statusCode() == 204 && body.length > 0) {
                        note("dsk: duplicate: producer " + producerId + " epoch " + epochOrZero()
                                + " seq " + producerSeq + " was already appended; nothing written");
                    }
                    return new StreamAnswer(answer).nextOffset();
                }
                failure = client().refused(answer, subject(path));
            } catch (CommandFailure e) {
                failure = e;
            }
            if (!failure.isTransient()) {
                throw failure;
            }
            if (producerId == null && failure.kind() == CommandFailure.Kind.OUTCOME_UNKNOWN) {
                throw new CommandFailure(failure.getMessage() + "; the append may or may not be written (pass"
                        + " --producer-id to make retries safe)");
            }
            if (producerId == null || attempt >= attempts) {
                throw failure;
            }
            note("dsk: " + failure.getMessage() + "; sending again (" + attempt + " of " + retries + ")");
            Thread.sleep(GatewayClient.backoff(attempt).toMillis());
        }
    }
}
