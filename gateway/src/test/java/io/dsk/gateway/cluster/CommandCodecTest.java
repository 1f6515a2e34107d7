package io.dsk.gateway.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dsk.gateway.protocol.ProducerHeaders;
import io.dsk.gateway.protocol.SourceRange;
import io.dsk.gateway.protocol.StreamExpiry;
import io.dsk.gateway.streams.AppendRequest;
import io.dsk.gateway.streams.CreateRequest;
import io.dsk.gateway.subscriptions.SubscriptionLedger;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class CommandCodecTest {

    private static final CommandCodec.Origin ORIGIN = new CommandCodec.Origin(-42L, 7);

    @Test
    void everyCommandSurvivesTheRoundTripWithEveryField() {
        List<Command> commands = List.of(
                new Command.Create(new CreateRequest("a/b", "application/json", new StreamExpiry(60, null, -1), true,
                        bytes("[1]"), null, null, 0)),
                new Command.Create(new CreateRequest("f", null, new StreamExpiry(-1, "2030-01-01T00:00:00Z",
                        1_893_456_000_000L), false, new byte[0], "src/é", "0000000000000000_0000000000000003", 2)),
                new Command.Append(new AppendRequest("s", "text/plain", bytes("héllo"), true, "seq-9",
                        new ProducerHeaders("p-1", 3, 11), new SourceRange("orders", 5, 10, 19))),
                new Command.Append(new AppendRequest("s", null, new byte[0], true, null, null, null)),
                new Command.Delete("x/y"),
                new Command.Touch("t", 1L << 48 | 5),
                new Command.Sweep());

        for (Command c : commands) {
            CommandCodec.Envelope e = CommandCodec.decode(CommandCodec.encode(ORIGIN, c));
            assertThat(e.origin()).isEqualTo(ORIGIN);
            assertThat(describe(e.command())).isEqualTo(describe(c));
        }
    }

    @Test
    void aLargeBodyGrowsTheBuffer() {
        byte[] body = new byte[3 << 20];
        new Random(1).nextBytes(body);
        Command c = new Command.Append(new AppendRequest("s", "application/octet-stream", body, false, null, null, null));

        Command back = CommandCodec.decode(CommandCodec.encode(ORIGIN, c)).command();

        assertThat(((Command.Append) back).request().body()).isEqualTo(body);
    }

    @Test
    void aRecordOfANewerVersionIsRefusedNamingTheUpgrade() {
        byte[] record = CommandCodec.encode(ORIGIN, new Command.Delete("x"));
        record[0] = (byte) (CommandCodec.VERSION + 1);

        assertThatThrownBy(() -> CommandCodec.decode(record)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("upgrade");
    }

    @Test
    void truncatedTrailingOrUnknownRecordsAreRefusedNotGuessed() {
        byte[] record = CommandCodec.encode(ORIGIN, new Command.Touch("x", 3));

        assertThatThrownBy(() -> CommandCodec.decode(Arrays.copyOf(record, record.length - 1)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> CommandCodec.decode(Arrays.copyOf(record, record.length + 1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("unexpected");
        byte[] unknown = record.clone();
        unknown[17] = 'Z';
        assertThatThrownBy(() -> CommandCodec.decode(unknown)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("kind");
        assertThatThrownBy(() -> CommandCodec.decode(new byte[0])).isInstanceOf(IllegalArgumentException.class);
    }

    private static String describe(Command c) {
        if (c instanceof Command.Create create) {
            CreateRequest r = create.request();
            return "create " + r.path() + " " + r.contentType() + " " + r.expiry() + " " + r.closed() + " "
                    + Arrays.toString(r.body()) + " " + r.forkedFrom() + " " + r.forkOffset() + " " + r.forkSubOffset();
        }
        if (c instanceof Command.Append append) {
            AppendRequest r = append.request();
            return "append " + r.path() + " " + r.contentType() + " " + Arrays.toString(r.body()) + " " + r.close() + " "
                    + r.streamSeq() + " " + r.producer() + " " + r.sourceRange();
        }
        return c.toString();
    }

    @Test
    void conditionalWritesCarryTheDigestOfWhatTheWriterReadAndTheNewBytes() {
        SubscriptionLedger.Write update = new SubscriptionLedger.Write(SubscriptionLedger.Kind.SUBSCRIPTION, "s",
                bytes("old"), bytes("new"));
        SubscriptionLedger.Write create = new SubscriptionLedger.Write(SubscriptionLedger.Kind.TOKEN_SECRET, "", null,
                bytes("secret"));
        SubscriptionLedger.Write delete = new SubscriptionLedger.Write(SubscriptionLedger.Kind.SIGNING_KEY, "k",
                bytes("key"), null);
        Command.Records decoded = (Command.Records) CommandCodec.decode(CommandCodec.encode(ORIGIN,
                new Command.Records(List.of(update, create, delete), List.of("s", "t")))).command();

        assertThat(decoded.deliver()).containsExactly("s", "t");
        assertThat(decoded.writes()).extracting(SubscriptionLedger.Write::kind, SubscriptionLedger.Write::key)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(SubscriptionLedger.Kind.SUBSCRIPTION, "s"),
                        org.assertj.core.groups.Tuple.tuple(SubscriptionLedger.Kind.TOKEN_SECRET, ""),
                        org.assertj.core.groups.Tuple.tuple(SubscriptionLedger.Kind.SIGNING_KEY, "k"));
        assertThat(decoded.writes().get(0).value()).isEqualTo(bytes("new"));
        assertThat(decoded.writes().get(2).value()).isNull();
        assertThat(CommandCodec.holds(decoded.writes().get(0), bytes("old"))).isTrue();
        assertThat(CommandCodec.holds(decoded.writes().get(0), bytes("older"))).isFalse();
        assertThat(CommandCodec.holds(decoded.writes().get(0), null)).isFalse();
        assertThat(CommandCodec.holds(decoded.writes().get(1), null)).isTrue();
        assertThat(CommandCodec.holds(decoded.writes().get(1), bytes("secret"))).isFalse();
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
