package io.dsk.gateway.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.undertow.server.HttpServerExchange;
import io.undertow.util.Methods;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;

class RequestIdHandlerTest {

    @AfterEach
    void clearMdc() {
        MDC.clear();
    }

    @Test
    void aWellFormedIncomingIdIsKeptAndReturned() throws Exception {
        HttpServerExchange exchange = exchangeWithId("3f0c2a9e-5b1d-4e8a-9c7f-0123456789ab");

        new RequestIdHandler(ex -> { }).handleRequest(exchange);

        assertThat(RequestIdHandler.of(exchange)).contains("3f0c2a9e-5b1d-4e8a-9c7f-0123456789ab");
        assertThat(exchange.getResponseHeaders().getFirst(RequestIdHandler.HEADER))
                .isEqualTo("3f0c2a9e-5b1d-4e8a-9c7f-0123456789ab");
    }

    @Test
    void traceAndBase64IdsAreWellFormed() {
        assertThat(RequestIdHandler.wellFormed("00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01")).isPresent();
        assertThat(RequestIdHandler.wellFormed("Root=1-5759e988-bd862e3fe1be46a994272793")).isPresent();
        assertThat(RequestIdHandler.wellFormed("q83vEjRWeJA+/w==")).isPresent();
        assertThat(RequestIdHandler.wellFormed("x".repeat(RequestIdHandler.MAX_LENGTH))).isPresent();
    }

    @Test
    void anIncomingIdWithBlanksControlsQuotesOrTooLongIsReplaced() throws Exception {
        for (String incoming : List.of("", "a b", "a\nforged line", "a\"b", "{\"x\":1}", "é",
                "x".repeat(RequestIdHandler.MAX_LENGTH + 1))) {
            HttpServerExchange exchange = exchangeWithId(incoming);

            new RequestIdHandler(ex -> { }).handleRequest(exchange);

            assertThat(RequestIdHandler.of(exchange)).get().isNotEqualTo(incoming)
                    .matches(id -> id.matches("[0-9a-f]{32}"), "32 hex digits");
            assertThat(exchange.getResponseHeaders().getFirst(RequestIdHandler.HEADER))
                    .isEqualTo(RequestIdHandler.of(exchange).orElseThrow());
        }
    }

    @Test
    void twoIncomingIdsAreReplacedByOneOfOurs() throws Exception {
        HttpServerExchange exchange = exchangeWithId("first");
        exchange.getRequestHeaders().add(RequestIdHandler.HEADER, "second");

        new RequestIdHandler(ex -> { }).handleRequest(exchange);

        assertThat(RequestIdHandler.of(exchange)).get().matches(id -> id.matches("[0-9a-f]{32}"), "generated");
    }

    @Test
    void requestsWithoutAnIdGetDifferentGeneratedOnes() throws Exception {
        HttpServerExchange first = new HttpServerExchange(null);
        HttpServerExchange second = new HttpServerExchange(null);
        RequestIdHandler handler = new RequestIdHandler(ex -> { });

        handler.handleRequest(first);
        handler.handleRequest(second);

        assertThat(RequestIdHandler.of(first)).isNotEqualTo(RequestIdHandler.of(second));
    }

    @Test
    void theIdIsInTheMdcWhileTheNextHandlerRunsAndGoneAfterwards() throws Exception {
        HttpServerExchange exchange = exchangeWithId("req-1");
        List<String> seen = new ArrayList<>();

        new RequestIdHandler(ex -> seen.add(MDC.get(RequestIdHandler.MDC_KEY))).handleRequest(exchange);

        assertThat(seen).containsExactly("req-1");
        assertThat(MDC.get(RequestIdHandler.MDC_KEY)).isNull();
    }

    @Test
    void theIdIsGoneFromTheMdcEvenWhenTheNextHandlerThrows() {
        HttpServerExchange exchange = exchangeWithId("req-2");

        assertThatThrownBy(() -> new RequestIdHandler(ex -> {
            throw new IllegalStateException("boom");
        }).handleRequest(exchange)).hasMessage("boom");

        assertThat(MDC.get(RequestIdHandler.MDC_KEY)).isNull();
    }

    @Test
    void aLogScopeRestoresWhatTheThreadHeldBefore() throws Exception {
        HttpServerExchange outer = exchangeWithId("outer");
        HttpServerExchange inner = exchangeWithId("inner");
        new RequestIdHandler(ex -> { }).handleRequest(outer);
        new RequestIdHandler(ex -> { }).handleRequest(inner);

        try (RequestIdHandler.LogScope a = RequestIdHandler.logScope(outer)) {
            try (RequestIdHandler.LogScope b = RequestIdHandler.logScope(inner)) {
                assertThat(MDC.get(RequestIdHandler.MDC_KEY)).isEqualTo("inner");
            }
            assertThat(MDC.get(RequestIdHandler.MDC_KEY)).isEqualTo("outer");
        }
        assertThat(MDC.get(RequestIdHandler.MDC_KEY)).isNull();
    }

    @Test
    void aLogScopeForARequestWithoutAnIdChangesNothing() {
        MDC.put(RequestIdHandler.MDC_KEY, "held");

        try (RequestIdHandler.LogScope scope = RequestIdHandler.logScope(new HttpServerExchange(null))) {
            assertThat(MDC.get(RequestIdHandler.MDC_KEY)).isEqualTo("held");
        }
        assertThat(MDC.get(RequestIdHandler.MDC_KEY)).isEqualTo("held");
    }

    @Test
    void aPooledThreadThatLoggedForOneRequestHoldsNoIdForTheNextTask() throws Exception {
        HttpServerExchange exchange = exchangeWithId("req-3");
        new RequestIdHandler(ex -> { }).handleRequest(exchange);
        ExecutorService worker = Executors.newSingleThreadExecutor();
        List<String> seen = new ArrayList<>();
        try {
            worker.submit(() -> Work.guarded(exchange, () -> seen.add(MDC.get(RequestIdHandler.MDC_KEY)))).get();
            worker.submit(() -> ClientErrorLog.create().refused(exchange, 400, "bad")).get();
            worker.submit(() -> seen.add(MDC.get(RequestIdHandler.MDC_KEY))).get();
        } finally {
            worker.shutdown();
            assertThat(worker.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
        }

        assertThat(seen).containsExactly("req-3", null);
    }

    private static HttpServerExchange exchangeWithId(String id) {
        HttpServerExchange exchange = new HttpServerExchange(null);
        exchange.setRequestMethod(Methods.POST);
        exchange.setRequestURI("/v1/stream/a");
        exchange.setRequestPath("/v1/stream/a");
        exchange.getRequestHeaders().add(RequestIdHandler.HEADER, id);
        return exchange;
    }
}
