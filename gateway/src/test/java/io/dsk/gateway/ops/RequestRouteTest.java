package io.dsk.gateway.ops;

import static org.assertj.core.api.Assertions.assertThat;

import io.undertow.util.HttpString;
import io.undertow.util.Methods;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RequestRouteTest {

    @ParameterizedTest
    @CsvSource(value = {
        "PUT,,create", "POST,,append", "GET,,read", "HEAD,,head", "DELETE,,delete", "OPTIONS,,options",
        "GET,long-poll,live-long-poll", "GET,sse,live-sse", "GET,websocket,other", "PATCH,,other",
        "TRACE,,other", "POST,sse,append"})
    void routeComesFromMethodAndLiveParameter(String method, String live, String label) {
        assertThat(RequestRoute.of(new HttpString(method), live).label()).isEqualTo(label);
    }

    @Test
    void onlyCreateAppendAndDeleteAreWrites() {
        assertThat(Arrays.stream(RequestRoute.values()).filter(RequestRoute::writes))
                .containsExactlyInAnyOrder(RequestRoute.CREATE, RequestRoute.APPEND, RequestRoute.DELETE);
    }

    @Test
    void labelsAreDistinctAndLowerCase() {
        assertThat(Arrays.stream(RequestRoute.values()).map(RequestRoute::label))
                .doesNotHaveDuplicates()
                .allMatch(label -> label.matches("[a-z-]+"));
        assertThat(RequestRoute.of(Methods.GET, null)).isEqualTo(RequestRoute.READ);
    }
}
