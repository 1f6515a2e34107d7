package io.dsk.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.undertow.server.HttpHandler;
import io.undertow.util.Methods;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Appends whose answer is lost or refused for a while: with a producer id dsk sends them again and
 * the stream holds one copy; without, it says the outcome is unknown and sends nothing more. And a
 * tail whose read is refused for a while reconnects from where it was.
 */
class DskRetriesIT {

    /** The first append to a stream under lost/ is written, but its answer turns into a 500. */
    private static final String LOST = "/v1/stream/lost/";
    /** The first append to a stream under busy/ is answered 503 and never reaches the stream. */
    private static final String BUSY = "/v1/stream/busy/";

    /** The second read of a stream under flaky/ is answered 503. */
    private static final String FLAKY = "/v1/stream/flaky/";

    private static final Set<String> failedOnce = ConcurrentHashMap.newKeySet();
    private static final Map<String, AtomicInteger> reads = new ConcurrentHashMap<>();
    private static final CountDownLatch flakyReadRefused = new CountDownLatch(1);
    private static InProcessGateway gateway;
    private static DskRun dsk;

    @BeforeAll
    static void startGateway() throws Exception {
        gateway = InProcessGateway.start(next -> failFirstAppend(next));
        dsk = DskRun.against(gateway.url());
    }

    private static HttpHandler failFirstAppend(HttpHandler next) {
        return exchange -> {
            String path = exchange.getRequestPath();
            if (exchange.getRequestMethod().equals(Methods.GET) && path.startsWith(FLAKY)
                    && reads.computeIfAbsent(path, p -> new AtomicInteger()).incrementAndGet() == 2) {
                exchange.setStatusCode(503);
                exchange.getResponseSender().send("shutting down");
                flakyReadRefused.countDown();
                return;
            }
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
    void tailReconnectsAfterARefusedReadAndMissesNothing() throws Exception {
        create("flaky/tail");
        String start = dsk.run("head", "flaky/tail").lines().get(2).substring("next-offset: ".length());
        CompletableFuture<DskRun.Result> tail = CompletableFuture.supplyAsync(
                () -> dsk.run("tail", "flaky/tail", "--from", start));
        assertThat(flakyReadRefused.await(60, TimeUnit.SECONDS)).as("the tail's second read was refused").isTrue();
        assertThat(dsk.runWithInput("{\"n\":1}", "append", "flaky/tail").status()).isZero();
        assertThat(dsk.run("close", "flaky/tail").status()).isZero();

        DskRun.Result result = tail.get(60, TimeUnit.SECONDS);
        assertThat(result.status()).as(result.stderr()).isZero();
        assertThat(result.out()).isEqualTo("{\"n\":1}\n");
        assertThat(result.stderr()).startsWith("dsk: the gateway is unavailable: shutting down (HTTP 503);"
                + " retrying (1 of 10)\n").contains("next offset: ");
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
