package io.dsk.gateway.auth;

import static org.assertj.core.api.Assertions.assertThat;

import io.undertow.util.HttpString;
import io.undertow.util.Methods;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SourceOffsetsLookupTest {

    private static final String PREFIX = "/v1/stream/";

    private static Optional<String> streamOf(HttpString method, String requestPath, String... pathParams)
            throws Exception {
        Deque<String> values = new ArrayDeque<>(List.of(pathParams));
        Map<String, Deque<String>> query = pathParams.length == 0 ? Map.of() : Map.of("path", values);
        return SourceOffsetsLookup.streamOf(method, StreamPath.parseRaw(requestPath), query, PREFIX)
                .map(StreamPath::decoded);
    }

    @Test
    void aLookupNamesTheStreamOfItsPathParameter() throws Exception {
        assertThat(streamOf(Methods.GET, "__ds/source-offsets", "jobs/42")).contains("jobs/42");
        assertThat(streamOf(Methods.HEAD, "__ds/source-offsets", "jobs/42")).contains("jobs/42");
    }

    @Test
    void thePathParameterMayCarryTheStreamPrefixOrALeadingSlash() throws Exception {
        assertThat(streamOf(Methods.GET, "__ds/source-offsets", "/v1/stream/jobs/42")).contains("jobs/42");
        assertThat(streamOf(Methods.GET, "__ds/source-offsets", "/jobs/42")).contains("jobs/42");
    }

    @Test
    void otherControlApisAndOtherMethodsNameNoStream() throws Exception {
        assertThat(streamOf(Methods.GET, "__ds/streams", "jobs/42")).isEmpty();
        assertThat(streamOf(Methods.GET, "__ds/source-offsets/x", "jobs/42")).isEmpty();
        assertThat(streamOf(Methods.POST, "__ds/source-offsets", "jobs/42")).isEmpty();
        assertThat(streamOf(Methods.GET, "jobs/__ds/source-offsets", "jobs/42")).isEmpty();
    }

    @Test
    void aMissingRepeatedOrInvalidPathParameterNamesNoStream() throws Exception {
        assertThat(streamOf(Methods.GET, "__ds/source-offsets")).isEmpty();
        assertThat(streamOf(Methods.GET, "__ds/source-offsets", "jobs/1", "jobs/2")).isEmpty();
        assertThat(streamOf(Methods.GET, "__ds/source-offsets", "jobs/../admin")).isEmpty();
        assertThat(streamOf(Methods.GET, "__ds/source-offsets", "jobs//1")).isEmpty();
        assertThat(streamOf(Methods.GET, "__ds/source-offsets", "")).isEmpty();
        assertThat(streamOf(Methods.GET, "__ds/source-offsets", "__ds/streams")).isEmpty();
    }

    @Test
    void aPercentSignIsNeverDecodedASecondTime() throws Exception {
        assertThat(streamOf(Methods.GET, "__ds/source-offsets", "users/%61lice")).isEmpty();
        assertThat(streamOf(Methods.GET, "__ds/source-offsets", "users/alice%2F..%2Fbob")).isEmpty();
    }
}
