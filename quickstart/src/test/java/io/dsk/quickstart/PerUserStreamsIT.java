package io.dsk.quickstart;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.dsk.gateway.GatewayServer;
import io.dsk.gateway.GatewaySettings;
import io.dsk.path.StreamPath;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Per-user streams end to end with authentication on: the gateway verifies HS256 tokens and lets
 * each user read {@code users/{sub}/**}; the connector, holding a token whose {@code dsk} claim
 * grants writes to {@code users/**}, routes every record with {@code StreamRoute} to
 * {@code users/${value.user_id}/events} and checks it with {@code AudienceGuard}. Each user reads
 * exactly their own records; every other user gets 403, no token 401; records whose user id tries
 * to leave its path segment, or whose {@code ds.stream} header is forged, never reach another
 * user's stream.
 *
 * <p>A second connector ({@code users/${value.user_id}/notes}) runs the guard without an allow-list,
 * so hostile user ids pass the transforms, each encoded into one segment ({@code a/b} becomes
 * {@code users/a%2Fb/notes}): each such note reaches its own stream, which only the user whose
 * {@code sub} is that id reads. A third connector feeds the same notes to a second gateway with auth
 * off, and both gateways hold the same streams.
 */
class PerUserStreamsIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String EVENTS_TOPIC = "user-events";
    private static final String NOTES_TOPIC = "user-notes";
    private static final List<String> USERS = List.of("alice", "bob", "carol", "mallory");
    private static final List<String> HOSTILE_USER_IDS = List.of("../bob", "a/b", "..", "bob/events", "Bob");
    private static final List<String> HOSTILE_NOTE_USER_IDS = List.of("../bob", "a/b", "..", ".", "50%",
            "%2E%2E", "a;v2", "alice@x", "é/\u0000", "x".repeat(120));
    private static final Duration DELIVERY_DEADLINE = Duration.ofSeconds(60);

    @TempDir
    static Path dataDir;

    private static final byte[] SECRET = new byte[32];
    private static QuickstartMain quickstart;
    private static GatewayServer openGateway;
    private static StreamReads reads;
    private static StreamReads openReads;
    /** Messages each stream must hold, by stream path. */
    private static final Map<String, List<JsonNode>> EXPECTED = new LinkedHashMap<>();
    /** User ids of the records each dead letter topic must hold, by topic. */
    private static final Map<String, List<String>> REJECTED = new LinkedHashMap<>();

    @BeforeAll
    static void startStackAndProduce() throws Exception {
        new SecureRandom().nextBytes(SECRET);
        quickstart = new QuickstartMain(new PrintStream(System.out, true, StandardCharsets.UTF_8));
        QuickstartMain.Running running = quickstart.start(QuickstartMain.Options.parse(new String[] {
            "--port", "0", "--data-dir", dataDir.toString(), "--no-sample-data",
            "--gateway-option", "auth-enabled=true",
            "--gateway-option", "auth-jwt-hmac-secret=base64:" + Base64.getEncoder().encodeToString(SECRET),
            "--gateway-option", "auth-grants-read=users/{sub}/**",
            "--gateway-option", "auth-grants-claim=dsk"}));
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, running.bootstrapServers()))) {
            admin.createTopics(List.of(new NewTopic(EVENTS_TOPIC, 3, (short) 1), new NewTopic(NOTES_TOPIC, 3, (short) 1),
                    new NewTopic(rejectedTopic(EVENTS_TOPIC), 1, (short) 1),
                    new NewTopic(rejectedTopic(NOTES_TOPIC), 1, (short) 1))).all().get(30, TimeUnit.SECONDS);
        }
        String streamRoot = running.gatewayUrl() + "/v1/stream";
        openGateway = GatewayServer.start(GatewaySettings.builder().port(0).inMemory(true).build());
        String openStreamRoot = openGateway.url() + "/v1/stream";
        ConnectWorkerClient connect = new ConnectWorkerClient(running.connectUrl());
        connect.start("per-user-events", connectorConfig(streamRoot, EVENTS_TOPIC, "events", true));
        connect.start("per-user-notes", connectorConfig(streamRoot, NOTES_TOPIC, "notes", false));
        connect.start("per-user-notes-auth-off", connectorConfig(openStreamRoot, NOTES_TOPIC, "notes", false));
        reads = new StreamReads(streamRoot);
        openReads = new StreamReads(openStreamRoot);
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, running.bootstrapServers(),
                ProducerConfig.ACKS_CONFIG, "all"), new StringSerializer(), new StringSerializer())) {
            for (ProducerRecord<String, String> record : eventRecords()) {
                producer.send(record);
            }
            for (ProducerRecord<String, String> record : noteRecords()) {
                producer.send(record);
            }
        }
        awaitDelivery(running.bootstrapServers());
    }

    @AfterAll
    static void stopStack() {
        if (quickstart != null) {
            quickstart.close();
        }
        if (openGateway != null) {
            openGateway.close();
        }
    }

    private static Map<String, String> connectorConfig(String streamRoot, String topic, String streamName,
            boolean allowList) throws JOSEException {
        Map<String, String> config = new LinkedHashMap<>();
        config.put("connector.class", "io.dsk.connector.DurableStreamsSinkConnector");
        config.put("tasks.max", "1");
        config.put("topics", topic);
        config.put("key.converter", "org.apache.kafka.connect.storage.StringConverter");
        config.put("value.converter", "org.apache.kafka.connect.json.JsonConverter");
        config.put("value.converter.schemas.enable", "false");
        config.put("ds.url", streamRoot);
        config.put("ds.token", connectorToken());
        config.put("ds.content.type", "application/json");
        config.put("ds.close.on", "none");
        config.put("transforms", "route,guard");
        config.put("transforms.route.type", "io.dsk.transforms.StreamRoute");
        config.put("transforms.route.stream.template", "users/${value.user_id}/" + streamName);
        config.put("transforms.route.missing.policy", "dlq");
        config.put("transforms.guard.type", "io.dsk.transforms.AudienceGuard");
        config.put("transforms.guard.audience.field", "value.user_id");
        if (allowList) {
            config.put("transforms.guard.allowed.pattern", "[a-z0-9-]{1,40}");
        }
        config.put("transforms.guard.stream.pattern", "users/{audience}/**");
        config.put("transforms.guard.on.rejected", "dlq");
        config.put("errors.tolerance", "all");
        config.put("errors.deadletterqueue.topic.name", rejectedTopic(topic));
        config.put("errors.deadletterqueue.topic.replication.factor", "1");
        return config;
    }

    /** Each user's events, a forged {@code ds.stream} header, and events the guard must reject. */
    private static List<ProducerRecord<String, String>> eventRecords() {
        List<ProducerRecord<String, String>> records = new ArrayList<>();
        int[] counts = {3, 3, 2};
        for (int u = 0; u < counts.length; u++) {
            for (int seq = 1; seq <= counts[u]; seq++) {
                records.add(delivered(EVENTS_TOPIC, streamOf(USERS.get(u)), event(USERS.get(u), seq)));
            }
        }
        ProducerRecord<String, String> forged = delivered(EVENTS_TOPIC, streamOf("mallory"), event("mallory", 1));
        forged.headers().add("ds.stream", "users/bob/events".getBytes(StandardCharsets.UTF_8));
        records.add(forged);
        for (String hostile : HOSTILE_USER_IDS) {
            records.add(rejected(EVENTS_TOPIC, hostile, event(hostile, 1)));
        }
        records.add(rejected(EVENTS_TOPIC, null, JSON.createObjectNode().put("seq", 1).put("text", "no user id")));
        return records;
    }

    /** A note per user, including users whose ids hold slashes, percent signs, dots and the like. */
    private static List<ProducerRecord<String, String>> noteRecords() {
        List<ProducerRecord<String, String>> records = new ArrayList<>();
        for (String user : List.of("alice", "bob")) {
            records.add(delivered(NOTES_TOPIC, notesOf(user), event(user, 1)));
        }
        for (String hostile : HOSTILE_NOTE_USER_IDS) {
            records.add(delivered(NOTES_TOPIC, notesOf(hostile), event(hostile, 1)));
        }
        return records;
    }

    private static String notesOf(String user) {
        return "users/" + StreamPath.encodeSegment(user) + "/notes";
    }

    /** The user whose streams live under a path: its second segment, decoded. */
    private static String ownerOf(String stream) {
        return StreamPath.decodeSegment(stream.split("/")[1]);
    }

    private static ObjectNode event(String userId, int seq) {
        return JSON.createObjectNode().put("user_id", userId).put("seq", seq).put("text", "note " + seq + " of " + userId);
    }

    private static ProducerRecord<String, String> delivered(String topic, String stream, ObjectNode value) {
        EXPECTED.computeIfAbsent(stream, s -> new ArrayList<>()).add(value);
        return new ProducerRecord<>(topic, value.path("user_id").asText(), value.toString());
    }

    private static ProducerRecord<String, String> rejected(String topic, String userId, ObjectNode value) {
        REJECTED.computeIfAbsent(rejectedTopic(topic), t -> new ArrayList<>()).add(String.valueOf(userId));
        return new ProducerRecord<>(topic, userId, value.toString());
    }

    private static String rejectedTopic(String topic) {
        return topic + "-rejected";
    }

    /** Waits until every stream holds its records and every rejected record is in its dead letter topic. */
    private static void awaitDelivery(String bootstrapServers) throws Exception {
        for (Map.Entry<String, List<JsonNode>> stream : EXPECTED.entrySet()) {
            String owner = ownerOf(stream.getKey());
            StreamReads.Read read = reads.awaitMessages(stream.getKey(), userToken(owner),
                    messages -> messages.size() >= stream.getValue().size(), DELIVERY_DEADLINE);
            assertThat(read.status()).as("%s reads %s: %s", owner, stream.getKey(), read.body()).isEqualTo(200);
        }
        for (Map.Entry<String, List<String>> topic : REJECTED.entrySet()) {
            assertThat(deadLetteredUserIds(bootstrapServers, topic.getKey(), topic.getValue().size()))
                    .as("user ids of the records in %s", topic.getKey())
                    .containsExactlyInAnyOrderElementsOf(topic.getValue());
        }
    }

    private static List<String> deadLetteredUserIds(String bootstrapServers, String topic, int expected) {
        List<String> userIds = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.GROUP_ID_CONFIG, "per-user-streams-it-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"), new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of(topic));
            Instant deadline = Instant.now().plus(DELIVERY_DEADLINE);
            while (userIds.size() < expected && Instant.now().isBefore(deadline)) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) {
                    userIds.add(String.valueOf(readTree(record.value()).path("user_id").textValue()));
                }
            }
        }
        return userIds;
    }

    @Test
    void eachUserReadsExactlyTheirOwnRecords() throws Exception {
        for (Map.Entry<String, List<JsonNode>> stream : EXPECTED.entrySet()) {
            String owner = ownerOf(stream.getKey());
            StreamReads.Read read = reads.readAll(stream.getKey(), userToken(owner));
            assertThat(read.status()).as("%s reading %s", owner, stream.getKey()).isEqualTo(200);
            assertThat(read.messages()).as("messages of %s", stream.getKey())
                    .containsExactlyElementsOf(stream.getValue());
        }
    }

    @Test
    void aForgedStreamHeaderCannotWriteIntoAnotherUsersStream() throws Exception {
        List<JsonNode> bobs = reads.readAll(streamOf("bob"), userToken("bob")).messages();
        assertThat(bobs).extracting(m -> m.path("user_id").asText()).containsOnly("bob");
        assertThat(reads.readAll(streamOf("mallory"), userToken("mallory")).messages())
                .extracting(m -> m.path("user_id").asText()).containsExactly("mallory");
    }

    @Test
    void everyOtherUserIsForbidden() throws Exception {
        List<String> readers = new ArrayList<>(USERS);
        readers.addAll(HOSTILE_NOTE_USER_IDS);
        for (String stream : EXPECTED.keySet()) {
            for (String reader : readers) {
                if (!ownerOf(stream).equals(reader)) {
                    StreamReads.Read read = reads.readAll(stream, userToken(reader));
                    assertThat(read.status()).as("%s reading %s", reader, stream).isEqualTo(403);
                    assertThat(read.body()).doesNotContain("note ");
                }
            }
        }
    }

    @Test
    void readsWithoutAValidTokenAreUnauthorised() throws Exception {
        byte[] otherSecret = new byte[32];
        new SecureRandom().nextBytes(otherSecret);
        for (String stream : EXPECTED.keySet()) {
            String owner = ownerOf(stream);
            assertThat(reads.readAll(stream, null).status()).as("no token on %s", stream).isEqualTo(401);
            assertThat(reads.readAll(stream, token(owner, Map.of(), otherSecret)).status())
                    .as("%s's token signed with another secret on %s", owner, stream).isEqualTo(401);
        }
    }

    @Test
    void theSameRecordsLandInTheSameStreamsWithAuthOnAndOff() throws Exception {
        for (Map.Entry<String, List<JsonNode>> stream : EXPECTED.entrySet()) {
            if (stream.getKey().endsWith("/notes")) {
                StreamReads.Read read = openReads.awaitMessages(stream.getKey(), null,
                        messages -> messages.size() >= stream.getValue().size(), DELIVERY_DEADLINE);
                assertThat(read.messages()).as("auth off: %s", stream.getKey())
                        .containsExactlyElementsOf(stream.getValue());
            }
        }
        String admin = token("ops", Map.of("dsk", Map.of("admin", List.of("**"))), SECRET);
        assertThat(noteStreams(reads, admin)).isEqualTo(noteStreams(openReads, null))
                .containsAll(EXPECTED.keySet().stream().filter(s -> s.endsWith("/notes")).toList());
    }

    private static List<String> noteStreams(StreamReads from, String token) throws Exception {
        List<String> names = new ArrayList<>();
        for (JsonNode stream : JSON.readTree(from.control("__ds/streams?prefix=users%2F&limit=1000", token))
                .path("streams")) {
            if (stream.path("path").asText().endsWith("/notes")) {
                names.add(stream.path("path").asText());
            }
        }
        return names;
    }

    @Test
    void theConnectorsWriteGrantDoesNotLetItRead() throws Exception {
        assertThat(reads.readAll(streamOf("alice"), connectorToken()).status()).isEqualTo(403);
    }

    @Test
    void hostileUserIdsNeverReachAnotherUsersStream() throws Exception {
        assertThat(reads.readAll("users/a/events", userToken("a")).status())
                .as("the record with user_id a/b created no stream under users/a").isEqualTo(404);
        assertThat(reads.readAll("users/b/events", userToken("b")).status()).isEqualTo(404);
        assertThat(reads.readAll("users/a/notes", userToken("a")).status())
                .as("without an allow-list, the note with user_id a/b still created no stream under users/a")
                .isEqualTo(404);
        assertThat(reads.readAll(streamOf("bob"), token("../bob", Map.of(), SECRET)).status())
                .as("a token whose sub climbs out of its segment matches no grant").isEqualTo(403);
        assertThat(reads.readAll(streamOf("bob"), token("Bob", Map.of(), SECRET)).status()).isEqualTo(403);
        for (String stream : EXPECTED.keySet()) {
            assertThat(reads.readAll(stream, userToken(ownerOf(stream))).messages())
                    .as("messages of %s", stream).extracting(m -> m.path("user_id").asText())
                    .containsOnly(ownerOf(stream));
        }
    }

    private static String streamOf(String user) {
        return "users/" + user + "/events";
    }

    private static String connectorToken() throws JOSEException {
        return token("dsk-connector", Map.of("dsk", Map.of("write", List.of("users/**"))), SECRET);
    }

    private static String userToken(String user) throws JOSEException {
        return token(user, Map.of(), SECRET);
    }

    private static String token(String subject, Map<String, Object> claims, byte[] secret) throws JOSEException {
        JWTClaimsSet.Builder builder = new JWTClaimsSet.Builder()
                .subject(subject)
                .issueTime(new Date())
                .expirationTime(Date.from(Instant.now().plus(Duration.ofHours(1))));
        claims.forEach(builder::claim);
        SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), builder.build());
        jwt.sign(new MACSigner(secret));
        return jwt.serialize();
    }

    private static JsonNode readTree(String json) {
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            throw new IllegalStateException("the dead letter topic holds a record that is not JSON", e);
        }
    }
}
