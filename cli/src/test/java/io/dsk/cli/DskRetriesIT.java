package io.dsk.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.undertow.server.HttpHandler;
import io.undertow.util.Methods;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Appends whose answer is lost or refused for a while: with a producer id dsk sends them again and
 * the stream holds one copy; without, it says the outcome is unknown and sends nothing more.
 */
class DskRetriesIT {

    /** The first append to a stream under lost/ is written, but its answer turns into a 500. */
    private static final String LOST = "/v1/stream/lost/";
    /** The first append to a stream under busy/ is answered 503 and never reaches the stream. */
    private static final String BUSY = "/v1/stream/busy/";

    private static final Set<String> failedOnce = ConcurrentHashMap.newKeySet();
    private static TestGateway gateway;
    private static DskRun dsk;

    @BeforeAll
    static void startGateway() throws Exception {
        gateway = TestGateway.start(next -> failFirstAppend(next));
        dsk = DskRun.against(gateway.url());
    }

    private static HttpHandler failFirstAppend(HttpHandler next) {
        return exchange -> {
            String path = exchange.getRequestPath();
            boolean first = exchange.getRequestMethod().equals(Methods.POST) && failedOnce.add(path);
            if (first && path.startsWith(BUSY)) {
                exchange.setStatusCode(503);
                exchange.getResponseSender().send("shutting down");
                return;
            }
            if (first && path.startsWith(LOST)) {
                exchange.addResponseCommitListener(committing -> committing.setStatusCode(500));
            }
            next.handleRequest(exchange);
        };
    }

    @AfterAll
    static void stopGateway() {
        gateway.close();
    }

    private static void create(String path) {
        DskRun.Result create = dsk.run("create", path, "--content-type", "application/json");
        assertThat(create.status()).as(create.stderr()).isZero();
    }

    @Test
    void anAppendWhoseAnswerWasLostIsSentAgainAndWrittenOnce() {
        create("lost/with-producer");
        DskRun.Result append = dsk.runWithInput("{\"n\":1}", "append", "lost/with-producer", "--producer-id", "p1");
        assertThat(append.status()).as(append.stderr()).isZero();
        assertThat(append.stderr()).isEqualTo("dsk: the gateway failed (HTTP 500); sending again (1 of 3)\n"
                + "dsk: duplicate: producer p1 epoch 0 seq 0 was already appended; nothing written\n");
        assertThat(dsk.run("read", "lost/with-producer").out()).isEqualTo("{\"n\":1}\n");
    }

    @Test
    void withoutAProducerIdALostAnswerIsReportedAndNotSentAgain() {
        create("lost/without-producer");
        DskRun.Result append = dsk.runWithInput("{\"n\":1}", "append", "lost/without-producer");
        assertThat(append.status()).isEqualTo(1);
        assertThat(append.stderr()).isEqualTo("dsk: error: the gateway failed (HTTP 500); the append may or may not"
                + " be written (pass --producer-id to make retries safe)\n");
        assertThat(dsk.run("read", "lost/without-producer").out()).isEqualTo("{\"n\":1}\n");
    }

    @Test
    void anAppendRefusedWhileTheGatewayIsBusyIsSentAgainWithAProducerId() {
        create("busy/with-producer");
        DskRun.Result append = dsk.runWithInput("{\"n\":1}", "append", "busy/with-producer", "--producer-id", "p1");
        assertThat(append.status()).as(append.stderr()).isZero();
        assertThat(append.stderr()).isEqualTo("dsk: the gateway is unavailable: shutting down (HTTP 503);"
                + " sending again (1 of 3)\n");
        assertThat(dsk.run("read", "busy/with-producer").out()).isEqualTo("{\"n\":1}\n");

        create("busy/without-producer");
        DskRun.Result plain = dsk.runWithInput("{\"n\":1}", "append", "busy/without-producer");
        assertThat(plain.status()).isEqualTo(1);
        assertThat(plain.stderr()).isEqualTo("dsk: error: the gateway is unavailable: shutting down (HTTP 503)\n");
        assertThat(dsk.run("read", "busy/without-producer").out()).isEmpty();
    }
}
