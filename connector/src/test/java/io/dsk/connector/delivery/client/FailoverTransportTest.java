package io.dsk.connector.delivery.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.ConnectException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;

class FailoverTransportTest {

    /** A gateway that answers from a script: a status, or -1 for no answer (a connection failure). */
    private static final class ScriptedGateway implements StreamTransport {

        private final String name;
        private final Deque<Integer> answers = new ArrayDeque<>();
        private final List<String> received = new ArrayList<>();
        private boolean closed;

        ScriptedGateway(String name, Integer... answers) {
            this.name = name;
            this.answers.addAll(List.of(answers));
        }

        private CompletableFuture<Integer> next(String what) {
            received.add(what);
            int status = answers.isEmpty() ? 204 : answers.poll();
            return status < 0 ? CompletableFuture.failedFuture(new ConnectException(name + " refused"))
                    : CompletableFuture.completedFuture(status);
        }

        @Override
        public CompletableFuture<TransportResponse> append(AppendRequest request) {
            return next("append " + request.path()).thenApply(s -> TransportResponse.of(s, Map.of(), ""));
        }

        @Override
        public CompletableFuture<TransportResponse> create(CreateRequest request) {
            return next("create " + request.path()).thenApply(s -> TransportResponse.of(s, Map.of(), ""));
        }

        @Override
        public CompletableFuture<SourceWatermarkAnswer> sourceWatermark(String path, String topic, int partition) {
            return next("watermark " + path).thenApply(s -> new SourceWatermarkAnswer(s, OptionalLong.empty(),
                    Map.of(), ""));
        }

        @Override
        public String urlOf(String path) {
            return "http://" + name + "/v1/stream/" + path;
        }

        @Override
        public void close() {
            closed = true;
        }
    }

    @Test
    void staysOnAGatewayThatAnswersAndMovesToTheNextAfterNoAnswerOrA5xx() throws Exception {
        ScriptedGateway one = new ScriptedGateway("gw-1", 204, -1);
        ScriptedGateway two = new ScriptedGateway("gw-2", 200, 503);
        ScriptedGateway three = new ScriptedGateway("gw-3", 409);
        try (FailoverTransport transport = new FailoverTransport(List.of(one, two, three))) {
            assertThat(transport.sourceWatermark("a", "t", 0).get().status()).isEqualTo(204);
            assertThatThrownBy(() -> transport.sourceWatermark("a", "t", 0).join())
                    .isInstanceOf(CompletionException.class).hasCauseInstanceOf(IOException.class);
            assertThat(transport.urlOf("a")).isEqualTo("http://gw-2/v1/stream/a");
            assertThat(transport.sourceWatermark("b", "t", 0).get().status()).isEqualTo(200);
            assertThat(transport.sourceWatermark("c", "t", 0).get().status()).isEqualTo(503);
            assertThat(transport.sourceWatermark("c", "t", 0).get().status())
                    .as("a 4xx is the gateway's answer, not a failure").isEqualTo(409);
            assertThat(transport.current()).isEqualTo(2);
        }
        assertThat(one.received).containsExactly("watermark a", "watermark a");
        assertThat(two.received).containsExactly("watermark b", "watermark c");
        assertThat(three.received).containsExactly("watermark c");
        assertThat(List.of(one.closed, two.closed, three.closed)).containsOnly(true);
    }

    @Test
    void wrapsAroundFromTheLastGatewayToTheFirst() throws Exception {
        ScriptedGateway one = new ScriptedGateway("gw-1", 502);
        ScriptedGateway two = new ScriptedGateway("gw-2", -1);
        try (FailoverTransport transport = new FailoverTransport(List.of(one, two))) {
            assertThat(transport.create(new CreateRequest("a", "application/json", -1, "")).get().status())
                    .isEqualTo(502);
            assertThat(transport.current()).isEqualTo(1);
            assertThatThrownBy(() -> transport.sourceWatermark("a", "t", 0).join())
                    .hasCauseInstanceOf(ConnectException.class);
            assertThat(transport.current()).isZero();
            assertThat(transport.sourceWatermark("a", "t", 0).get().status()).isEqualTo(204);
        }
    }

    @Test
    void aFailureOfAnEarlierRequestDoesNotMoveAwayFromAGatewayAlreadyMovedTo() {
        ScriptedGateway one = new ScriptedGateway("gw-1", 503, 503);
        ScriptedGateway two = new ScriptedGateway("gw-2");
        CompletableFuture<SourceWatermarkAnswer> late = new CompletableFuture<>();
        StreamTransport slowOne = new StreamTransport() {
            private int calls;

            @Override
            public CompletableFuture<TransportResponse> append(AppendRequest request) {
                return one.append(request);
            }

            @Override
            public CompletableFuture<TransportResponse> create(CreateRequest request) {
                return one.create(request);
            }

            @Override
            public CompletableFuture<SourceWatermarkAnswer> sourceWatermark(String path, String topic, int partition) {
                return calls++ == 0 ? late : one.sourceWatermark(path, topic, partition);
            }

            @Override
            public String urlOf(String path) {
                return one.urlOf(path);
            }

            @Override
            public void close() {
                one.close();
            }
        };
        try (FailoverTransport transport = new FailoverTransport(List.of(slowOne, two))) {
            CompletableFuture<SourceWatermarkAnswer> first = transport.sourceWatermark("a", "t", 0);
            transport.sourceWatermark("b", "t", 0).join();
            assertThat(transport.current()).isEqualTo(1);
            late.complete(new SourceWatermarkAnswer(503, OptionalLong.empty(), Map.of(), ""));
            assertThat(first.join().status()).isEqualTo(503);
            assertThat(transport.current()).as("still on gw-2").isEqualTo(1);
        }
    }

    @Test
    void needsAtLeastOneGateway() {
        assertThatThrownBy(() -> new FailoverTransport(List.of())).isInstanceOf(IllegalArgumentException.class);
    }
}
