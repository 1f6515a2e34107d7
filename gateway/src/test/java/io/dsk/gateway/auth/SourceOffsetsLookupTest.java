package io.dsk.gateway.auth;

import static org.assertj.core.api.Assertions.assertThat;

import io.dsk.path.StreamPath;
import io.undertow.util.HttpString;
import io.undertow.util.Methods;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SourceOffsetsLookupTest {

    private static String namedStream(HttpString method, String requestPath, String... pathParams) throws Exception {
        Deque<String> values = new ArrayDeque<>(List.of(pathParams));
        Map<String, Deque<String>> query = pathParams.length == 0 ? Map.of() : Map.of("path", values);
        return SourceOffsetsLookup.namedStream(method, StreamPath.fromUrlPath(requestPath), query);
    }

    @Test
    void aLookupNamesTheStreamOfItsPathParameterAsItWasSent() throws Exception {
        assertThat(namedStream(Methods.GET, "__ds/source-offsets", "jobs/42")).isEqualTo("jobs/42");
        assertThat(namedStream(Methods.HEAD, "__ds/source-offsets", "/v1/stream/jobs/42"))
                .isEqualTo("/v1/stream/jobs/42");
    }

    @Test
    void otherControlApisAndOtherMethodsNameNoStream() throws Exception {
        assertThat(namedStream(Methods.GET, "__ds/streams", "jobs/42")).isNull();
        assertThat(namedStream(Methods.GET, "__ds/source-offsets/x", "jobs/42")).isNull();
        assertThat(namedStream(Methods.POST, "__ds/source-offsets", "jobs/42")).isNull();
        assertThat(namedStream(Methods.GET, "jobs/__ds/source-offsets", "jobs/42")).isNull();
    }

    @Test
    void aMissingOrRepeatedPathParameterNamesNoStream() throws Exception {
        assertThat(namedStream(Methods.GET, "__ds/source-offsets")).isNull();
        assertThat(namedStream(Methods.GET, "__ds/source-offsets", "jobs/1", "jobs/2")).isNull();
    }
}
