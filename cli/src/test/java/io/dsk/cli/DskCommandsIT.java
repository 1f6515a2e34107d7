package io.dsk.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ServerSocket;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every subcommand against a real gateway, in this JVM. */
class DskCommandsIT {

    private static InProcessGateway gateway;
    private static DskRun dsk;

    @BeforeAll
    static void startGateway() throws Exception {
        gateway = InProcessGateway.start();
        dsk = DskRun.against(gateway.url());
    }

    @AfterAll
    static void stopGateway() {
        gateway.close();
    }

    private static String nextOffset(String path) {
        DskRun.Result head = dsk.run("head", path, "--json");
        assertThat(head.status()).as(head.stderr()).isZero();
        String line = head.out().strip();
        int at = line.indexOf("\"nextOffset\":\"") + "\"nextOffset\":\"".length();
        return line.substring(at, line.indexOf('"', at));
    }

    private static void ok(DskRun.Result result) {
        assertThat(result.status()).as("stderr: %s", result.stderr()).isZero();
    }

    @Test
    void createThenHeadShowsTheContentTypeNextOffsetStateAndTtl() {
        DskRun.Result create = dsk.run("create", "head/ttl", "--content-type", "application/json", "--ttl", "1h");
        ok(create);
        assertThat(create.out()).isEqualTo("created head/ttl\n");

        DskRun.Result head = dsk.run("head", "head/ttl");
        ok(head);
        assertThat(head.lines()).containsExactly("path: head/ttl", "content-type: application/json",
                "next-offset: 0000000000000000_0000000000000000", "closed: false", "ttl: 3600s", "expires-at: none");
        assertThat(dsk.run("head", "head/ttl", "--json").out()).isEqualTo("{\"path\":\"head/ttl\",\"contentType\":"
                + "\"application/json\",\"nextOffset\":\"0000000000000000_0000000000000000\",\"closed\":false,"
                + "\"ttlSeconds\":3600}\n");
    }

    @Test
    void createIsIdempotentForTheSameConfigurationAndAConflictForAnother() {
        ok(dsk.run("create", "create/again", "--content-type", "text/plain"));
        DskRun.Result again = dsk.run("create", "create/again", "--content-type", "text/plain");
        ok(again);
        assertThat(again.out()).isEqualTo("create/again already exists with this configuration\n");

        DskRun.Result other = dsk.run("create", "create/again", "--content-type", "application/json");
        assertThat(other.status()).isEqualTo(1);
        assertThat(other.out()).isEmpty();
        assertThat(other.stderr()).startsWith("dsk: error: conflict").endsWith("(HTTP 409)\n")
                .doesNotContain("Exception", "\tat ");
        assertThat(other.stderr().lines()).hasSize(1);
    }

    @Test
    void createClosedWithAnExpiryMakesAnEmptyCompleteStream() {
        ok(dsk.run("create", "create/closed", "--closed", "--expires-at", "2099-01-01T00:00:00Z"));
        DskRun.Result head = dsk.run("head", "create/closed");
        assertThat(head.lines()).contains("closed: true", "ttl: none").anyMatch(l -> l.startsWith("expires-at: 2099"));
    }

    @Test
    void appendedJsonLinesAreReadBackOneMessagePerLine() {
        ok(dsk.run("create", "read/json", "--content-type", "application/json"));
        DskRun.Result append = dsk.runWithInput("{\"user\":\"ada\",\"n\":1.50}\n[1,2]\n\n\"three\"\n",
                "append", "read/json", "--json-lines");
        ok(append);
        assertThat(append.out().strip()).matches("[0-9]{16}_[0-9]{16}").isEqualTo(nextOffset("read/json"));

        DskRun.Result read = dsk.run("read", "read/json");
        ok(read);
        assertThat(read.out()).isEqualTo("{\"user\":\"ada\",\"n\":1.50}\n[1,2]\n\"three\"\n");
        DskRun.Result pretty = dsk.run("read", "read/json", "--pretty", "--limit", "1");
        ok(pretty);
        assertThat(pretty.out()).isEqualTo("{\n  \"user\": \"ada\",\n  \"n\": 1.50\n}\n");
    }

    @Test
    void readFromAnOffsetShowsOnlyWhatCameAfterItAndPrintsWhereToContinue() {
        ok(dsk.run("create", "read/from", "--content-type", "application/json"));
        String first = dsk.runWithInput("{\"n\":1}", "append", "read/from").out().strip();
        ok(dsk.runWithInput("{\"n\":2}", "append", "read/from"));

        DskRun.Result read = dsk.run("read", "read/from", "--from", first, "--offsets");
        ok(read);
        assertThat(read.out()).isEqualTo("{\"n\":2}\n");
        assertThat(read.stderr()).isEqualTo("next offset: " + nextOffset("read/from") + "\n");

        // --limit stopped inside the first answer: continuing from where that answer began loses nothing.
        DskRun.Result limited = dsk.run("read", "read/from", "--limit", "1", "--offsets");
        assertThat(limited.out()).isEqualTo("{\"n\":1}\n");
        assertThat(limited.stderr()).isEqualTo("next offset: -1\n");
    }

    @Test
    void aByteStreamIsWrittenByteForByteFromAFileOrStandardInput(@TempDir Path dir) throws Exception {
        byte[] data = {0, 1, 2, (byte) 0xFF, '\n', 'x'};
        Path file = dir.resolve("data.bin");
        Files.write(file, data);
        ok(dsk.run("create", "read/bytes", "--content-type", "application/octet-stream"));
        ok(dsk.run("append", "read/bytes", file.toString()));
        ok(dsk.runWithInput(new byte[] {'y', 'z'}, "append", "read/bytes", "-"));

        DskRun.Result read = dsk.run("read", "read/bytes");
        ok(read);
        assertThat(read.stdout()).containsExactly(0, 1, 2, 0xFF, '\n', 'x', 'y', 'z');
        assertThat(dsk.run("read", "read/bytes", "--max-bytes", "3").stdout()).containsExactly(0, 1, 2);
        assertThat(dsk.run("read", "read/bytes", "--limit", "3").status()).isEqualTo(2);
    }

    @Test
    void aBadOffsetIsTheGatewaysReasonWithItsStatus() {
        ok(dsk.run("create", "read/bad-offset"));
        DskRun.Result read = dsk.run("read", "read/bad-offset", "--from", "not-an-offset");
        assertThat(read.status()).isEqualTo(1);
        assertThat(read.stderr()).startsWith("dsk: error: bad request: ").contains("offset").endsWith("(HTTP 400)\n");
        assertThat(read.stderr().lines()).hasSize(1);
    }

    @Test
    void aMissingStreamIsNotFoundForEveryCommand() {
        for (String[] args : new String[][] {{"head", "missing/s"}, {"read", "missing/s"}, {"tail", "missing/s"},
            {"close", "missing/s"}, {"delete", "missing/s"}, {"append", "missing/s"}, {"offsets", "missing/s"}}) {
            DskRun.Result result = dsk.runWithInput("x", args);
            assertThat(result.status()).as(String.join(" ", args)).isEqualTo(1);
            assertThat(result.stderr()).as(String.join(" ", args))
                    .startsWith("dsk: error: stream missing/s not found").endsWith("(HTTP 404)\n");
            assertThat(result.stderr().lines()).hasSize(1);
        }
    }

    @Test
    void lsFollowsEveryPageAndALimitSaysWhereToContinue() {
        for (int i = 1; i <= 5; i++) {
            ok(dsk.run("create", "ls/s" + i, "--content-type", "text/plain"));
        }
        ok(dsk.run("create", "lsx/other"));
        ok(dsk.run("close", "ls/s5"));

        DskRun.Result all = dsk.run("ls", "ls/", "--page-size", "2");
        ok(all);
        assertThat(all.lines()).containsExactly("ls/s1", "ls/s2", "ls/s3", "ls/s4", "ls/s5");

        DskRun.Result limited = dsk.run("ls", "ls/", "--limit", "2");
        ok(limited);
        assertThat(limited.lines()).containsExactly("ls/s1", "ls/s2");
        assertThat(limited.stderr()).isEqualTo("dsk: more streams follow; continue with --after ls/s2\n");

        DskRun.Result rest = dsk.run("ls", "ls/", "--after", "ls/s2", "--limit", "3", "--page-size", "1");
        assertThat(rest.lines()).containsExactly("ls/s3", "ls/s4", "ls/s5");
        assertThat(rest.stderr()).isEmpty();

        assertThat(dsk.run("ls", "ls/s5", "-l").lines())
                .containsExactly("ls/s5\ttext/plain\t0000000000000000_0000000000000000\tclosed");
        assertThat(dsk.run("ls", "ls/s1", "--json").out()).isEqualTo("{\"path\":\"ls/s1\",\"contentType\":"
                + "\"text/plain\",\"nextOffset\":\"0000000000000000_0000000000000000\",\"closed\":false}\n");
    }

    @Test
    void aStreamNameWithEscapedCharactersIsSentInItsUrlFormAndListedAsItsName() {
        ok(dsk.run("create", "users/alice%40x/events", "--content-type", "text/plain"));
        ok(dsk.runWithInput("hi", "append", "users/alice%40x/events"));
        assertThat(dsk.run("ls", "users/alice").lines()).containsExactly("users/alice%40x/events");
        assertThat(dsk.run("read", "users/alice%40x/events").out()).isEqualTo("hi");
    }

    @Test
    void appendWithAProducerIdRunTwiceWritesOnce() {
        ok(dsk.run("create", "append/once", "--content-type", "application/json"));
        String[] args = {"append", "append/once", "--producer-id", "writer-1", "--epoch", "0", "--seq", "0"};
        DskRun.Result first = dsk.runWithInput("{\"n\":1}", args);
        ok(first);
        assertThat(first.stderr()).isEmpty();
        DskRun.Result retry = dsk.runWithInput("{\"n\":1}", args);
        ok(retry);
        assertThat(retry.stderr()).isEqualTo("dsk: duplicate: producer writer-1 epoch 0 seq 0 was already appended;"
                + " nothing written\n");
        assertThat(retry.out()).isEqualTo(first.out());
        assertThat(dsk.run("read", "append/once").out()).isEqualTo("{\"n\":1}\n");

        ok(dsk.runWithInput("{\"n\":2}", "append", "append/once", "--producer-id", "writer-1", "--seq", "1"));
        assertThat(dsk.run("read", "append/once").lines()).containsExactly("{\"n\":1}", "{\"n\":2}");
    }

    @Test
    void producerRefusalsSayWhatToPassNext() {
        ok(dsk.run("create", "append/fenced", "--content-type", "text/plain"));
        ok(dsk.runWithInput("a", "append", "append/fenced", "--producer-id", "p", "--epoch", "2"));

        DskRun.Result stale = dsk.runWithInput("b", "append", "append/fenced", "--producer-id", "p", "--epoch", "1");
        assertThat(stale.status()).isEqualTo(1);
        assertThat(stale.stderr()).startsWith("dsk: error: producer epoch is stale: the gateway is at epoch 2;"
                + " start a new session with --epoch 3 --seq 0").endsWith("(HTTP 403)\n");

        DskRun.Result gap = dsk.runWithInput("c", "append", "append/fenced", "--producer-id", "p", "--epoch", "2",
                "--seq", "5");
        assertThat(gap.status()).isEqualTo(1);
        assertThat(gap.stderr()).startsWith("dsk: error: producer sequence gap: the gateway expects --seq 1, this was"
                + " --seq 5").endsWith("(HTTP 409)\n");
        assertThat(dsk.run("read", "append/fenced").out()).isEqualTo("a");
    }

    @Test
    void appendAsksTheStreamsContentTypeAndRefusesEmptyInput() {
        ok(dsk.run("create", "append/type", "--content-type", "text/csv"));
        ok(dsk.runWithInput("a,b\n", "append", "append/type"));
        assertThat(dsk.run("read", "append/type").out()).isEqualTo("a,b\n");

        DskRun.Result empty = dsk.run("append", "append/type");
        assertThat(empty.status()).isEqualTo(1);
        assertThat(empty.stderr()).isEqualTo("dsk: error: nothing to append: the input is empty (to close the stream,"
                + " use dsk close)\n");
        DskRun.Result wrongType = dsk.runWithInput("{}", "append", "append/type", "--content-type", "application/json");
        assertThat(wrongType.status()).isEqualTo(1);
        assertThat(wrongType.stderr()).startsWith("dsk: error: conflict").endsWith("(HTTP 409)\n");
    }

    @Test
    void closeEndsAppendsAndAppendToAClosedStreamNamesItsFinalOffset() {
        ok(dsk.run("create", "close/s", "--content-type", "text/plain"));
        ok(dsk.runWithInput("last", "append", "close/s", "--close"));
        String end = nextOffset("close/s");
        DskRun.Result close = dsk.run("close", "close/s");
        ok(close);
        assertThat(close.out()).isEqualTo("closed close/s at offset " + end + "\n");

        DskRun.Result late = dsk.runWithInput("late", "append", "close/s");
        assertThat(late.status()).isEqualTo(1);
        assertThat(late.stderr()).startsWith("dsk: error: stream close/s is closed at offset " + end
                + "; nothing was written").endsWith("(HTTP 409)\n");
    }

    @Test
    void deleteRemovesTheStreamAndASecondDeleteIsNotFound() {
        ok(dsk.run("create", "delete/s"));
        DskRun.Result delete = dsk.run("delete", "delete/s");
        ok(delete);
        assertThat(delete.out()).isEqualTo("deleted delete/s\n");
        assertThat(dsk.run("head", "delete/s").status()).isEqualTo(1);
        DskRun.Result again = dsk.run("delete", "delete/s");
        assertThat(again.status()).isEqualTo(1);
        assertThat(again.stderr()).startsWith("dsk: error: stream delete/s not found");
    }

    @Test
    void tailFollowsAppendsUntilTheStreamIsClosedAndPrintsWhereItEnded() throws Exception {
        ok(dsk.run("create", "tail/live", "--content-type", "application/json"));
        String start = nextOffset("tail/live");
        CompletableFuture<DskRun.Result> tail = CompletableFuture.supplyAsync(
                () -> dsk.run("tail", "tail/live", "--from", start));
        ok(dsk.runWithInput("{\"n\":1}", "append", "tail/live"));
        ok(dsk.runWithInput("{\"n\":2}", "append", "tail/live"));
        ok(dsk.run("close", "tail/live"));

        DskRun.Result result = tail.get(30, TimeUnit.SECONDS);
        ok(result);
        assertThat(result.out()).isEqualTo("{\"n\":1}\n{\"n\":2}\n");
        assertThat(result.stderr()).isEqualTo("next offset: " + nextOffset("tail/live") + "\n");
    }

    @Test
    void tailFromAnOffsetResumesAfterIt() {
        ok(dsk.run("create", "tail/resume", "--content-type", "text/plain"));
        String middle = dsk.runWithInput("one;", "append", "tail/resume").out().strip();
        ok(dsk.runWithInput("two;", "append", "tail/resume"));
        ok(dsk.run("close", "tail/resume"));

        DskRun.Result resumed = dsk.run("tail", "tail/resume", "--from", middle, "--offsets");
        ok(resumed);
        assertThat(resumed.out()).isEqualTo("two;");
        String end = nextOffset("tail/resume");
        assertThat(resumed.stderr()).isEqualTo("next offset: " + end + "\nnext offset: " + end + "\n");
        DskRun.Result atEnd = dsk.run("tail", "tail/resume", "--from", end);
        ok(atEnd);
        assertThat(atEnd.out()).isEmpty();
    }

    @Test
    void offsetsListsSourceRangesWatermarksAndFindsWhereAKafkaOffsetLanded() throws Exception {
        ok(dsk.run("create", "offsets/orders", "--content-type", "application/json"));
        for (String[] batch : new String[][] {{"orders/0/40/44", "[{\"o\":40},{\"o\":44}]"},
            {"orders/0/45/45", "{\"o\":45}"}}) {
            int status = gateway.send(gateway.request("/v1/stream/offsets/orders")
                    .header("Content-Type", "application/json").header("DSK-Source-Range", batch[0])
                    .POST(HttpRequest.BodyPublishers.ofString(batch[1]))).statusCode();
            assertThat(status).isIn(200, 204);
        }
        DskRun.Result ranges = dsk.run("offsets", "offsets/orders");
        ok(ranges);
        assertThat(ranges.lines()).hasSize(3);
        assertThat(ranges.lines().get(0))
                .isEqualTo("STREAM-OFFSET\tSTREAM-NEXT-OFFSET\tTOPIC\tPARTITION\tFIRST-OFFSET\tLAST-OFFSET");
        assertThat(ranges.lines().get(1)).matches("[0-9_]{33}\t[0-9_]{33}\torders\t0\t40\t44");
        assertThat(ranges.lines().get(2)).endsWith("\torders\t0\t45\t45");
        assertThat(dsk.run("offsets", "offsets/orders", "--json").lines()).hasSize(2)
                .allMatch(l -> l.startsWith("{\"streamOffset\":"));

        assertThat(dsk.run("offsets", "offsets/orders", "--watermarks").lines())
                .containsExactly("TOPIC\tPARTITION\tOFFSET", "orders\t0\t45");

        DskRun.Result found = dsk.run("offsets", "offsets/orders", "--topic", "orders", "--partition", "0",
                "--offset", "44");
        ok(found);
        String secondStart = ranges.lines().get(2).split("\t")[0];
        assertThat(found.lines()).containsExactly("stream-offset: " + ranges.lines().get(1).split("\t")[0],
                "stream-next-offset: " + secondStart, "append: orders/0 offsets 40 to 44", "match: exact");
        assertThat(dsk.run("read", "offsets/orders", "--from", secondStart).out()).isEqualTo("{\"o\":45}\n");

        DskRun.Result notThere = dsk.run("offsets", "offsets/orders", "--topic", "orders", "--partition", "0",
                "--offset", "46");
        assertThat(notThere.status()).isEqualTo(1);
        assertThat(notThere.stderr()).startsWith("dsk: error: Kafka offset orders/0/46 in stream offsets/orders"
                + " not found").endsWith("(HTTP 404)\n");
    }

    @Test
    void anUnreachableGatewaySaysWhichUrlAndHowToChangeIt() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        String url = "http://127.0.0.1:" + port;
        for (String[] args : new String[][] {{"ls"}, {"tail", "s"}, {"append", "s", "--content-type", "text/plain"}}) {
            DskRun.Result result = DskRun.withEnvironment(Map.of(DskCommand.ENV_URL, url)).runWithInput("x", args);
            assertThat(result.status()).isEqualTo(1);
            assertThat(result.stderr()).isEqualTo("dsk: error: cannot connect to " + url + " (connection refused);"
                    + " is the gateway running? Point --url or DSK_URL at it\n");
        }
    }

    @Test
    void aServerThatNeverAnswersTimesOutNamingTheTimeout() throws Exception {
        try (ServerSocket silent = new ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress())) {
            String url = "http://127.0.0.1:" + silent.getLocalPort();
            DskRun.Result result = DskRun.against(url).run("--timeout", "300ms", "head", "s");
            assertThat(result.status()).isEqualTo(1);
            assertThat(result.stderr()).isEqualTo("dsk: error: no answer from " + url + " within 300ms; raise"
                    + " --timeout\n");
        }
    }

    @Test
    void theUrlOptionWinsOverTheEnvironmentBeforeOrAfterTheSubcommand() {
        DskRun wrongEnvironment = DskRun.withEnvironment(Map.of(DskCommand.ENV_URL, "http://127.0.0.1:9"));
        ok(wrongEnvironment.run("--url", gateway.url(), "ls", "--limit", "1"));
        ok(wrongEnvironment.run("ls", "--url", gateway.url() + "/", "--limit", "1"));
    }

    @Test
    void binaryInputIsSentUnchanged() {
        byte[] data = "caf\u00e9 \u2603".getBytes(StandardCharsets.UTF_8);
        ok(dsk.run("create", "append/utf8", "--content-type", "text/plain; charset=utf-8"));
        ok(dsk.runWithInput(data, "append", "append/utf8"));
        assertThat(dsk.run("read", "append/utf8").stdout()).isEqualTo(data);
        assertThat(BodyPublishers.noBody().contentLength()).isZero();
    }
}
