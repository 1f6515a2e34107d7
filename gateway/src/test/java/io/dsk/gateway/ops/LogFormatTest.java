package io.dsk.gateway.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dsk.gateway.http.RequestIdHandler;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;

/** The bundled logback.xml in both formats, configured in a context of its own. */
class LogFormatTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @AfterEach
    void clearMdc() {
        MDC.clear();
    }

    @Test
    void formatsAreTextAndJsonInAnyCase() {
        assertThat(LogFormat.parse("text")).isEqualTo(LogFormat.TEXT);
        assertThat(LogFormat.parse("JSON")).isEqualTo(LogFormat.JSON);
        assertThat(LogFormat.isValid("yaml")).isFalse();
        assertThatThrownBy(() -> LogFormat.parse("logfmt")).hasMessage("log format must be text or json, was logfmt");
    }

    @Test
    void theBundledConfigurationWritesTextLinesThatNameTheRequestId() throws Exception {
        LoggerContext context = bundledConfiguration();

        List<String> lines = logTwoLines(context);

        assertThat(lines).hasSize(2);
        assertThat(lines.get(0)).endsWith("i.d.gateway.http.client-errors request_id=req-7 - POST stream: 413 too large");
        assertThat(lines.get(1)).endsWith("io.dsk.gateway.GatewayServer - dsk-gateway listening on http://127.0.0.1:1");
    }

    @Test
    void jsonWritesOneObjectPerLineWithTheRequestIdInTheMdc() throws Exception {
        LoggerContext context = bundledConfiguration();
        LogFormat.JSON.apply(context);

        List<String> lines = logTwoLines(context);

        assertThat(lines).hasSize(2);
        JsonNode request = JSON.readTree(lines.get(0));
        assertThat(request.path("timestamp").isNumber()).isTrue();
        assertThat(request.path("level").asText()).isEqualTo("INFO");
        assertThat(request.path("loggerName").asText()).isEqualTo("io.dsk.gateway.http.client-errors");
        assertThat(request.path("formattedMessage").asText()).isEqualTo("POST stream: 413 too large");
        assertThat(request.path("mdc").path(RequestIdHandler.MDC_KEY).asText()).isEqualTo("req-7");
        JsonNode ready = JSON.readTree(lines.get(1));
        assertThat(ready.path("formattedMessage").asText()).isEqualTo("dsk-gateway listening on http://127.0.0.1:1");
        assertThat(ready.path("mdc").has(RequestIdHandler.MDC_KEY)).isFalse();
    }

    @Test
    void switchingBackToTextWritesTextAgain() throws Exception {
        LoggerContext context = bundledConfiguration();
        LogFormat.JSON.apply(context);
        LogFormat.TEXT.apply(context);

        assertThat(logTwoLines(context).get(1)).endsWith(" - dsk-gateway listening on http://127.0.0.1:1");
    }

    /** A context configured from the gateway's logback.xml, as logback does at startup. */
    private static LoggerContext bundledConfiguration() throws Exception {
        LoggerContext context = new LoggerContext();
        context.setMDCAdapter(MDC.getMDCAdapter());
        JoranConfigurator configurator = new JoranConfigurator();
        configurator.setContext(context);
        configurator.doConfigure(LogFormat.class.getResource("/logback.xml"));
        return context;
    }

    /** A line logged while a request is handled, then one outside any request, as standard output shows them. */
    private static List<String> logTwoLines(LoggerContext context) {
        PrintStream stdout = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            Logger clientErrors = context.getLogger("io.dsk.gateway.http.client-errors");
            MDC.put(RequestIdHandler.MDC_KEY, "req-7");
            clientErrors.info("POST stream: 413 too large");
            MDC.remove(RequestIdHandler.MDC_KEY);
            context.getLogger("io.dsk.gateway.GatewayServer").info("{}{}", "dsk-gateway listening on ",
                    "http://127.0.0.1:1");
        } finally {
            System.setOut(stdout);
            context.stop();
        }
        return captured.toString(StandardCharsets.UTF_8).lines().toList();
    }
}
