package io.dsk.gateway.http;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.io.IOException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

class ClientErrorLogTest {

    private final AtomicLong nanos = new AtomicLong(1_000);
    private final Logger logger = (Logger) LoggerFactory.getLogger(ClientErrorLog.CATEGORY + ".test");
    private final ListAppender<ILoggingEvent> captured = new ListAppender<>();
    private ClientErrorLog log;

    @BeforeEach
    void capture() {
        captured.start();
        logger.addAppender(captured);
        logger.setLevel(Level.DEBUG);
        log = new ClientErrorLog(logger, nanos::get);
    }

    @AfterEach
    void release() {
        logger.detachAppender(captured);
        logger.setLevel(null);
    }

    @Test
    void atMostTheRateIsWrittenAndTheNextLineCountsTheLinesLeftOut() {
        for (int i = 0; i < ClientErrorLog.MAX_LINES_PER_SECOND + 15; i++) {
            log.refused("POST stream", 413, "too large");
        }
        nanos.addAndGet(TimeUnit.MILLISECONDS.toNanos(999));
        log.refused("POST stream", 413, "too large");

        assertThat(captured.list).hasSize(ClientErrorLog.MAX_LINES_PER_SECOND);

        nanos.addAndGet(TimeUnit.MILLISECONDS.toNanos(1));
        log.refused("PUT stream", 400, "bad framing");
        log.refused("PUT stream", 400, "bad framing");

        assertThat(captured.list).hasSize(ClientErrorLog.MAX_LINES_PER_SECOND + 2);
        assertThat(captured.list.get(ClientErrorLog.MAX_LINES_PER_SECOND).getFormattedMessage())
                .isEqualTo("PUT stream: 400 bad framing (16 earlier line(s) left out by the rate limit)");
        assertThat(captured.list.get(ClientErrorLog.MAX_LINES_PER_SECOND + 1).getFormattedMessage())
                .isEqualTo("PUT stream: 400 bad framing");
    }

    @Test
    void aLineIsOneShortLineWithoutAStackTrace() {
        log.refused("POST stream", 501, "transfer coding x\r\nforged line is not supported");
        log.connectionFailed("POST stream", new IOException("Connection reset by peer"));
        log.refused("POST stream", 400, "y".repeat(1000));

        assertThat(captured.list).extracting(ILoggingEvent::getFormattedMessage).containsExactly(
                "POST stream: 501 transfer coding x  forged line is not supported",
                "POST stream: client connection failed: java.io.IOException: Connection reset by peer",
                "POST stream: 400 " + "y".repeat(200) + "...");
        assertThat(captured.list).extracting(ILoggingEvent::getLevel)
                .containsExactly(Level.INFO, Level.DEBUG, Level.INFO);
        assertThat(captured.list).allSatisfy(e -> assertThat(e.getThrowableProxy()).isNull());
    }

    @Test
    void connectionFailuresCostNothingOfTheRateWhileDebugIsOff() {
        logger.setLevel(Level.INFO);
        for (int i = 0; i < 100; i++) {
            log.connectionFailed("GET stream", new IOException("reset"));
        }
        log.refused("POST stream", 413, "too large");

        assertThat(captured.list).extracting(ILoggingEvent::getFormattedMessage)
                .containsExactly("POST stream: 413 too large");
    }
}
