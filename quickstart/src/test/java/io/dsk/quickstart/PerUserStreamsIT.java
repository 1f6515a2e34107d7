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
 */
class PerUserStreamsIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String TOPIC = "user-events";
    private static final String REJECTED_TOPIC = "user-events-rejected";
    private static final List<String> USERS = List.of("alice", "bob", "carol", "mallory");
    private static final List<String> HOSTILE_USER_IDS = List.of("../bob", "a/b", "..", "bob/events", "Bob");
    private static final Duration DELIVERY_DEADLINE = Duration.ofSeconds(60);

    @TempDir
    static Path dataDir;

    private static final byte[] SECRET = new byte[32];
    private static QuickstartMain quickstart;
    private static StreamReads reads;
    private static final Map<String, List<JsonNode>> EXPECTED = new LinkedHashMap<>();
    private static final List<String> REJECTED_USER_IDS = new ArrayList<>();

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
            admin.createTopics(List.of(new NewTopic(TOPIC, 3, (short) 1), new NewTopic(REJECTED_TOPIC, 1, (short) 1)))
                    .all().get(30, TimeUnit.SECONDS);
        }
        String connectorToken = token("dsk-connector", Map.of("dsk", Map.of("write", List.of("users/**"))), SECRET);
        new ConnectWorkerClient(running.connectUrl())
                .start("per-user-events", connectorConfig(running.gatewayUrl() + "/v1/stream", connectorToken));
        reads = new StreamReads(running.gatewayUrl() + "/v1/stream");
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, running.bootstrapServers(),
                ProducerConfig.ACKS_CONFIG, "all"), new StringSerializer(), new StringSerializer())) {
            for (ProducerRecord<String, String> record : records()) {
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
    }

    private static Map<String, String> connectorConfig(String streamRoot, String token) {
        Map<String, String> config = new LinkedHashMap<>();
        config.put("connector.class", "io.dsk.connector.DurableStreamsSinkConnector");
        config.put("tasks.max", "1");
        config.put("topics", TOPIC);
        config.put("key.converter", "org.apache.kafka.connect.storage.StringConverter");
        config.put("value.converter", "org.apache.kafka.connect.json.JsonConverter");
        config.put("value.converter.schemas.enable", "false");
        config.put("ds.url", streamRoot);
        config.put("ds.token", token);
        config.put("ds.content.type", "application/json");
        config.put("ds.close.on", "none");
        config.put("transforms", "route,guard");
        config.put("transforms.route.type", "io.dsk.transforms.StreamRoute");
        config.put("transforms.route.stream.template", "users/${value.user_id}/events");
        config.put("transforms.route.missing.policy", "dlq");
        config.put("transforms.guard.type", "io.dsk.transforms.AudienceGuard");
        config.put("transforms.guard.audience.field", "value.user_id");
        config.put("transforms.guard.allowed.pattern", "[a-z0-9-]{1,40}");
        config.put("transforms.guard.stream.pattern", "users/{audience}/**");
        config.put("transforms.guard.on.rejected", "dlq");
        config.put("errors.tolerance", "all");
        config.put("errors.deadletterqueue.topic.name", REJECTED_TOPIC);
        config.put("errors.deadletterqueue.topic.replication.factor", "1");
        return config;
    }

    /** Each user's records, a forged {@code ds.stream} header, and records that must be rejected. */
    private static List<ProducerRecord<String, String>> records() {
        List<ProducerRecord<String, String>> records = new ArrayList<>();
        int[] counts = {3, 3, 2};
        for (int u = 0; u < counts.length; u++) {
            for (int seq = 1; seq <= counts[u]; seq++) {
                records.add(userRecord(USERS.get(u), event(USERS.get(u), seq)));
            }
        }
        ProducerRecord<String, String> forged = userRecord("mallory", event("mallory", 1));
        forged.headers().add("ds.stream", "users/bob/events".getBytes(StandardCharsets.UTF_8));
        records.add(forged);
        for (String hostile : HOSTILE_USER_IDS) {
            records.add(rejectedRecord(hostile, event(hostile, 1)));
        }
        records.add(rejectedRecord(null, JSON.createObjectNode().put("seq", 1).put("text", "no user id")));
        return records;
    }

    private static ObjectNode event(String userId, int seq) {
        return JSON.createObjectNode().put("user_id", userId).put("seq", seq).put("text", "note " + seq + " of " + userId);
    }

    private static ProducerRecord<String, String> userRecord(String user, ObjectNode value) {
        EXPECTED.computeIfAbsent(user, u -> new ArrayList<>()).add(value);
        return new ProducerRecord<>(TOPIC, user, value.toString());
    }

    private static ProducerRecord<String, String> rejectedRecord(String userId, ObjectNode value) {
        REJECTED_USER_IDS.add(String.valueOf(userId));
        return new ProducerRecord<>(TOPIC, userId, value.toString());
    }

    /** Waits until every user's stream holds its records and every rejected record is in the dead letter topic. */
    private static void awaitDelivery(String bootstrapServers) throws Exception {
        for (String user : USERS) {
            StreamReads.Read read = reads.awaitMessages(streamOf(user), userToken(user),
                    messages -> messages.size() >= EXPECTED.get(user).size(), DELIVERY_DEADLINE);
            assertThat(read.status()).as("%s reads their stream: %s", user, read.body()).isEqualTo(200);
        }
        assertThat(rejectedUserIds(bootstrapServers)).as("user ids of the records in %s", REJECTED_TOPIC)
                .containsExactlyInAnyOrderElementsOf(REJECTED_USER_IDS);
    }

    private static List<String> rejectedUserIds(String bootstrapServers) {
        List<String> userIds = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.GROUP_ID_CONFIG, "per-user-streams-it-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"), new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of(REJECTED_TOPIC));
            Instant deadline = Instant.now().plus(DELIVERY_DEADLINE);
            while (userIds.size() < REJECTED_USER_IDS.size() && Instant.now().isBefore(deadline)) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) {
                    userIds.add(String.valueOf(readTree(record.value()).path("user_id").textValue()));
                }
            }
        }
        return userIds;
    }

    @Test
    void eachUserReadsExactlyTheirOwnRecords() throws Exception {
        for (String user : USERS) {
            StreamReads.Read read = reads.readAll(streamOf(user), userToken(user));
            assertThat(read.status()).as("%s reading %s", user, streamOf(user)).isEqualTo(200);
            assertThat(read.messages()).as("messages of %s", streamOf(user)).containsExactlyElementsOf(EXPECTED.get(user));
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
        for (String owner : USERS) {
            for (String reader : USERS) {
                if (!reader.equals(owner)) {
                    StreamReads.Read read = reads.readAll(streamOf(owner), userToken(reader));
                    assertThat(read.status()).as("%s reading %s", reader, streamOf(owner)).isEqualTo(403);
                    assertThat(read.body()).doesNotContain("note ");
                }
            }
        }
    }

    @Test
    void readsWithoutAValidTokenAreUnauthorised() throws Exception {
        byte[] otherSecret = new byte[32];
        new SecureRandom().nextBytes(otherSecret);
        for (String owner : USERS) {
            assertThat(reads.readAll(streamOf(owner), null).status()).as("no token on %s", streamOf(owner))
                    .isEqualTo(401);
            assertThat(reads.readAll(streamOf(owner), token(owner, Map.of(), otherSecret)).status())
                    .as("%s's token signed with another secret", owner).isEqualTo(401);
        }
    }

    @Test
    void theConnectorsWriteGrantDoesNotLetItRead() throws Exception {
        String connectorToken = token("dsk-connector", Map.of("dsk", Map.of("write", List.of("users/**"))), SECRET);
        assertThat(reads.readAll(streamOf("alice"), connectorToken).status()).isEqualTo(403);
    }

    @Test
    void hostileUserIdsNeverReachAnotherUsersStream() throws Exception {
        assertThat(reads.readAll("users/a/events", userToken("a")).status())
                .as("the record with user_id a/b created no stream under users/a").isEqualTo(404);
        assertThat(reads.readAll("users/b/events", userToken("b")).status()).isEqualTo(404);
        assertThat(reads.readAll(streamOf("bob"), token("../bob", Map.of(), SECRET)).status())
                .as("a token whose sub climbs out of its segment matches no grant").isEqualTo(403);
        assertThat(reads.readAll(streamOf("bob"), token("Bob", Map.of(), SECRET)).status()).isEqualTo(403);
        List<JsonNode> all = new ArrayList<>();
        for (String user : USERS) {
            all.addAll(reads.readAll(streamOf(user), userToken(user)).messages());
        }
        assertThat(all).extracting(m -> m.path("user_id").asText()).doesNotContainAnyElementsOf(HOSTILE_USER_IDS);
    }

    private static String streamOf(String user) {
        return "users/" + user + "/events";
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
