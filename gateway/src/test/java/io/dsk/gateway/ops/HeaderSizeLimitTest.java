package io.dsk.gateway.ops;

import static org.assertj.core.api.Assertions.assertThat;

import io.undertow.server.HttpServerExchange;
import io.undertow.util.HttpString;
import io.undertow.util.Methods;
import io.undertow.util.Protocols;
import org.junit.jupiter.api.Test;

class HeaderSizeLimitTest {

    @Test
    void sizeCountsRequestLineAndEveryHeaderValue() {
        HttpServerExchange exchange = new HttpServerExchange(null);
        exchange.setRequestMethod(Methods.GET);
        exchange.setRequestURI("/v1/stream/a");
        exchange.setQueryString("offset=-1");
        exchange.setProtocol(Protocols.HTTP_1_1);
        exchange.getRequestHeaders().add(new HttpString("X-A"), "12345");
        exchange.getRequestHeaders().add(new HttpString("X-A"), "678");

        long requestLine = "GET".length() + "/v1/stream/a".length() + "offset=-1".length() + "HTTP/1.1".length() + 4;
        long headers = ("X-A".length() + 5 + 4) + ("X-A".length() + 3 + 4);
        assertThat(HeaderSizeLimit.size(exchange)).isEqualTo(requestLine + headers);
    }

    @Test
    void parserLimitLeavesRoomAboveTheConfiguredLimit() {
        assertThat(HeaderSizeLimit.parserLimit(1024)).isEqualTo(1024 + 16_384);
        assertThat(HeaderSizeLimit.parserLimit(64 * 1024)).isEqualTo(128 * 1024);
        assertThat(HeaderSizeLimit.parserLimit(Integer.MAX_VALUE)).isEqualTo(Integer.MAX_VALUE);
    }
}
