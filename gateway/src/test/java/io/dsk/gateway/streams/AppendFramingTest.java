package io.dsk.gateway.streams;

import static org.assertj.core.api.Assertions.assertThat;

import io.dsk.gateway.protocol.ProducerHeaders;
import io.dsk.gateway.protocol.ProtocolException;
import io.dsk.gateway.protocol.StreamExpiry;
import io.dsk.gateway.store.InMemoryKeyValueStore;
import io.dsk.gateway.store.StreamMetadata;
import io.dsk.gateway.store.StreamStore;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Append bodies are cut into entries (JSON parsed and checked) by the thread that submits them, not
 * by the committer every stream waits for; a body too large for that is cut by the committer; and a
 * body cut ahead still meets the checks in the protocol's order.
 */
class AppendFramingTest {

    private static final String JSON = "application/json";

    private final StreamStore store = new StreamStore(new InMemoryKeyValueStore());
    private final Streams streams = new Streams(store, id -> { }, System::currentTimeMillis);
    private final RecordingFraming framing = new RecordingFraming();
    private final StreamAppends appends = new StreamAppends(new StreamLookup(store, System::currentTimeMillis),
            new StreamLocks(), framing, id -> { }, (n, nanos) -> { });
    private final AppendCommitter committer = new AppendCommitter(appends);

    @AfterEach
    void close() {
        committer.close();
        streams.close();
        store.close();
    }

    @Test
    void smallBodiesAreCutOnTheSubmittingThreadAndLargerOnesByTheCommitter() {
        create("s", JSON);
        append(json("s", "[{\"a\":1},{\"b\":2}]", null));
        String large = "[" + "1,".repeat(AppendCommitter.FRAME_ON_SUBMIT_MAX_BYTES / 2) + "2]";
        append(json("s", large, null));

        assertThat(framing.threads).containsExactly(Thread.currentThread().getName(), "dsk-append-committer");
        StreamMetadata meta = streams.head("s");
        String all = new String(streams.read(meta, 0, Integer.MAX_VALUE).bytes(), StandardCharsets.UTF_8);
        assertThat(all).as("stored messages, each followed by a comma").startsWith("{\"a\":1},{\"b\":2},1,1,")
                .endsWith(",1,2,");
    }

    @Test
    void aBodyCutAheadIsRefusedOnlyWhereTheChecksOrderPutsIt() {
        create("s", JSON);
        assertThat(status(json("s", "{\"unclosed\":", null))).isEqualTo(400);
        assertThat(status(new AppendRequest("s", null, bytes("1"), false, null, null, null)))
                .as("a body without a content type").isEqualTo(400);

        append(json("s", "1", ProducerHeaders.parse("p", "0", "0")));
        AppendResult duplicate = append(json("s", "not json", ProducerHeaders.parse("p", "0", "0")));
        assertThat(duplicate.appended()).as("a duplicate is answered as one, whatever its body").isFalse();
        assertThat(status(new AppendRequest("s", "text/plain", bytes("{"), false, null, null, null)))
                .as("the content type is checked before the body").isEqualTo(409);

        append(new AppendRequest("s", JSON, new byte[0], true, null, null, null));
        assertThat(status(json("s", "][", null))).as("a closed stream is checked first").isEqualTo(409);
        assertThat(new String(streams.read(streams.head("s"), 0, 100).bytes(), StandardCharsets.UTF_8))
                .isEqualTo("1,");
    }

    private void create(String path, String contentType) {
        streams.create(new CreateRequest(path, contentType, StreamExpiry.NONE, false, new byte[0], null, null, 0));
    }

    private static AppendRequest json(String path, String body, ProducerHeaders producer) {
        return new AppendRequest(path, JSON, bytes(body), false, null, producer, null);
    }

    private AppendResult append(AppendRequest request) {
        return Streams.awaitAppend(answer -> committer.submit(request, answer));
    }

    private int status(AppendRequest request) {
        try {
            append(request);
        } catch (ProtocolException e) {
            return e.status();
        }
        throw new AssertionError("the append succeeded");
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    /** Cuts bodies as the gateway does, noting the thread each append body was cut on. */
    private static final class RecordingFraming extends EntryFraming {
        final List<String> threads = new CopyOnWriteArrayList<>();

        RecordingFraming() {
            super(Streams.MAX_ENTRY_BYTES);
        }

        @Override
        List<byte[]> forAppend(String contentType, byte[] body) {
            threads.add(Thread.currentThread().getName());
            return super.forAppend(contentType, body);
        }
    }
}
