package io.dsk.quickstart;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dsk.gateway.http.RequestIdHandler;
import io.dsk.gateway.ops.LogFormat;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/** {@code logback-quickstart.xml} in both formats, and where the progress lines go in each. */
class QuickstartLoggingTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @AfterEach
    void clearMdc() {
        MDC.clear();
    }

    @Test
    void jsonModeWritesOneJsonObjectPerLine() throws Exception {
        List<String> lines = logThreeLines(LogFormat.JSON);

        assertThat(lines).hasSize(3);
        for (String line : lines) {
            JsonNode event = JSON.readTree(line);
            assertThat(event.path("timestamp").isNumber()).as(line).isTrue();
            assertThat(event.path("level").asText()).as(line).isNotEmpty();
            assertThat(event.path("loggerName").asText()).as(line).isNotEmpty();
            assertThat(event.path("message").isTextual()).as(line).isTrue();
        }
        assertThat(JSON.readTree(lines.get(0)).path("formattedMessage").asText()).isEqualTo("[1.0s] starting Kafka");
        assertThat(JSON.readTree(lines.get(1)).path("mdc").path(RequestIdHandler.MDC_KEY).asText()).isEqualTo("req-9");
        assertThat(JSON.readTree(lines.get(2)).path("level").asText()).isEqualTo("WARN");
    }

    @Test
    void textModeKeepsItsShortLinesAndNamesTheRequestId() throws Exception {
        List<String> lines = logThreeLines(LogFormat.TEXT);

        assertThat(lines).hasSize(3);
        assertThat(lines.get(0)).endsWith(" INFO  i.d.q.QuickstartMain - [1.0s] starting Kafka");
        assertThat(lines.get(1)).contains(" request_id=req-9 - POST stream: 413 too large");
        assertThat(lines.get(2)).contains(" WARN ");
    }

    @Test
    void progressIsPrintedAsTextAndLoggedInJsonMode() throws Exception {
        Logger progress = (Logger) LoggerFactory.getLogger(QuickstartMain.class);
        ListAppender<ILoggingEvent> logged = new ListAppender<>();
        logged.start();
        progress.addAppender(logged);
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        try {
            PrintStream out = new PrintStream(printed, true, StandardCharsets.UTF_8);
            new QuickstartMain(out, LogFormat.TEXT).step("starting Kafka");
            new QuickstartMain(out, LogFormat.JSON).step("starting Connect");
        } finally {
            progress.detachAppender(logged);
        }

        assertThat(printed.toString(StandardCharsets.UTF_8)).contains("] starting Kafka").doesNotContain("Connect");
        assertThat(logged.list).extracting(ILoggingEvent::getFormattedMessage).singleElement().asString()
                .endsWith("s] starting Connect");
    }

    /** A progress line, a gateway refusal during a request and a Kafka warning, as standard output shows them. */
    private static List<String> logThreeLines(LogFormat format) throws Exception {
        LoggerContext context = new LoggerContext();
        context.setMDCAdapter(MDC.getMDCAdapter());
        context.putProperty(LogFormat.VARIABLE, format.id());
        JoranConfigurator configurator = new JoranConfigurator();
        configurator.setContext(context);
        configurator.doConfigure(QuickstartLoggingTest.class.getResource("/logback-quickstart.xml"));
        PrintStream stdout = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            context.getLogger(QuickstartMain.class).info("[{}s] {}", "1.0", "starting Kafka");
            MDC.put(RequestIdHandler.MDC_KEY, "req-9");
            context.getLogger("io.dsk.gateway.http.client-errors").info("POST stream: 413 too large");
            MDC.remove(RequestIdHandler.MDC_KEY);
            context.getLogger("org.apache.kafka.clients.NetworkClient").warn("broker unreachable");
            context.getLogger("org.apache.kafka.clients.NetworkClient").info("chatter that is not shown");
        } finally {
            System.setOut(stdout);
            context.stop();
        }
        return captured.toString(StandardCharsets.UTF_8).lines().toList();
    }
}
