package io.dsk.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dsk.path.StreamPath;
import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpResponse;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;

/**
 * {@code dsk offsets}: the Kafka source offsets of a stream, from the gateway's
 * {@code /v1/stream/__ds/source-offsets} extension (docs/protocol-extensions.md).
 */
@Command(name = "offsets", sortOptions = false,
        description = {"Maps Kafka offsets to stream offsets.",
            "With --topic, --partition and --offset: where that record landed in the stream. Without: the"
                + " stream's appends and their Kafka source ranges, tab-separated under a header line; with"
                + " --watermarks, the highest Kafka offset written per partition."})
final class OffsetsCommand extends GatewayCommand {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Parameters(index = "0", paramLabel = "PATH", converter = StreamPathArgument.class, description = "The stream.")
    private StreamPath path;

    @Option(names = "--topic", paramLabel = "T", description = "Kafka topic of the record to find.")
    private String topic;

    @Option(names = "--partition", paramLabel = "P", description = "Its partition.")
    private Integer partition;

    @Option(names = "--offset", paramLabel = "O", description = "Its Kafka offset.")
    private Long offset;

    @Option(names = "--watermarks", description = "The highest Kafka offset written, per topic and partition.")
    private boolean watermarks;

    @Option(names = "--json", description = "The gateway's JSON: one object per line.")
    private boolean json;

    @Override
    public Integer call() throws InterruptedException {
        int given = (topic != null ? 1 : 0) + (partition != null ? 1 : 0) + (offset != null ? 1 : 0);
        if (given != 0 && given != 3) {
            throw new ParameterException(spec.commandLine(), "give --topic, --partition and --offset together");
        }
        if (given == 3 && watermarks) {
            throw new ParameterException(spec.commandLine(), "--watermarks lists; it does not go with --topic");
        }
        if (given == 3 && (topic.isEmpty() || partition < 0 || offset < 0)) {
            throw new ParameterException(spec.commandLine(),
                    "--topic must not be empty; --partition and --offset must not be negative");
        }
        MessageOutput out = new MessageOutput(terminal().out(), false);
        String stream = "path=" + path.toQueryValue();
        if (given == 3) {
            lookup(out, stream);
        } else if (watermarks) {
            listWatermarks(out, stream);
        } else {
            listAppends(out, stream);
        }
        return 0;
    }

    private void lookup(MessageOutput out, String stream) throws InterruptedException {
        JsonNode found = get(stream + "&topic=" + GatewayClient.queryValue(topic) + "&partition=" + partition
                + "&offset=" + offset, "Kafka offset " + topic + "/" + partition + "/" + offset + " in " + subject(path));
        if (json) {
            out.line(found.toString());
            return;
        }
        out.line("stream-offset: " + found.path("streamOffset").asText());
        out.line("stream-next-offset: " + found.path("streamNextOffset").asText());
        out.line("append: " + topic + "/" + partition + " offsets " + found.path("batchFirstOffset").asText()
                + " to " + found.path("batchLastOffset").asText());
        out.line("match: " + found.path("match").asText());
    }

    private void listWatermarks(MessageOutput out, String stream) throws InterruptedException {
        JsonNode marks = get(stream, subject(path)).path("watermarks");
        if (!json) {
            out.line("TOPIC\tPARTITION\tOFFSET");
        }
        for (JsonNode mark : marks) {
            out.line(json ? mark.toString() : mark.path("topic").asText() + "\t" + mark.path("partition").asText()
                    + "\t" + mark.path("offset").asText());
        }
    }

    private void listAppends(MessageOutput out, String stream) throws InterruptedException {
        if (!json) {
            out.line("STREAM-OFFSET\tSTREAM-NEXT-OFFSET\tTOPIC\tPARTITION\tFIRST-OFFSET\tLAST-OFFSET");
        }
        String from = "-1";
        while (true) {
            JsonNode page = get(stream + "&from=" + GatewayClient.queryValue(from), subject(path));
            for (JsonNode append : page.path("appends")) {
                out.line(json ? append.toString() : String.join("\t", append.path("streamOffset").asText(),
                        append.path("streamNextOffset").asText(), append.path("topic").asText(),
                        append.path("partition").asText(), append.path("firstOffset").asText(),
                        append.path("lastOffset").asText()));
            }
            JsonNode next = page.path("next");
            if (!next.isTextual() || next.asText().equals(from)) {
                return;
            }
            from = next.asText();
        }
    }

    private JsonNode get(String query, String subject) throws InterruptedException {
        HttpResponse<InputStream> answer = send(client().control("source-offsets", query));
        if (answer.statusCode() != 200) {
            throw client().refused(answer, subject);
        }
        try {
            return JSON.readTree(bodyOf(answer));
        } catch (IOException e) {
            throw new CommandFailure("the source-offsets answer is not JSON: " + e.getMessage());
        }
    }
}
