package io.dsk.gateway.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dsk.gateway.GatewaySettings;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.config.ConfigResource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The command log topic on three real brokers: created safe when missing, refused when unsafe. */
class ClusterTopicIT {

    private static KafkaBrokers kafka;

    @BeforeAll
    static void startKafka() throws Exception {
        kafka = KafkaBrokers.start(3);
    }

    @AfterAll
    static void stopKafka() throws Exception {
        kafka.close();
    }

    @Test
    void aMissingTopicIsCreatedWithSettingsThatLoseNoAcknowledgedCommand() throws Exception {
        ClusterSettings settings = ClusterSettings.of(kafka.bootstrapServers(), "log-created", "n1");

        int partitions = LogTopic.prepare(settings, GatewaySettings.DEFAULT_MAX_APPEND_BYTES);

        assertThat(partitions).isEqualTo(1);
        try (Admin admin = admin()) {
            TopicDescription d = admin.describeTopics(Set.of("log-created")).allTopicNames().get().get("log-created");
            assertThat(d.partitions().get(0).replicas()).hasSize(3);
            ConfigResource r = new ConfigResource(ConfigResource.Type.TOPIC, "log-created");
            Config c = admin.describeConfigs(Set.of(r)).all().get().get(r);
            assertThat(c.get("min.insync.replicas").value()).isEqualTo("2");
            assertThat(c.get("unclean.leader.election.enable").value()).isEqualTo("false");
            assertThat(c.get("retention.ms").value()).isEqualTo("-1");
            assertThat(c.get("retention.bytes").value()).isEqualTo("-1");
            assertThat(c.get("cleanup.policy").value()).isEqualTo("delete");
        }
        assertThat(LogTopic.prepare(settings, GatewaySettings.DEFAULT_MAX_APPEND_BYTES))
                .as("an existing safe topic is accepted as it is").isEqualTo(1);
    }

    @Test
    void anUnsafeTopicIsRefusedWithAMessageThatNamesEachUnsafeSetting() throws Exception {
        try (Admin admin = admin()) {
            admin.createTopics(List.of(new NewTopic("log-unsafe", 2, (short) 2).configs(Map.of(
                    "retention.ms", "604800000", "min.insync.replicas", "1", "cleanup.policy", "compact")))).all().get();
        }
        ClusterSettings settings = ClusterSettings.of(kafka.bootstrapServers(), "log-unsafe", "n1");

        assertThatThrownBy(() -> LogTopic.prepare(settings, GatewaySettings.DEFAULT_MAX_APPEND_BYTES))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("log-unsafe is unsafe")
                .hasMessageContaining("replication factor is 2")
                .hasMessageContaining("min.insync.replicas is 1")
                .hasMessageContaining("retention.ms is 604800000")
                .hasMessageContaining("cleanup.policy is compact")
                .hasMessageContaining("kafka-configs.sh");
    }

    @Test
    void aCommandRoundTripsThroughKafkaInOrderWithTheLogsTime() throws Exception {
        ClusterSettings settings = ClusterSettings.of(kafka.bootstrapServers(), "log-roundtrip", "n1");
        int partitions = LogTopic.prepare(settings, GatewaySettings.DEFAULT_MAX_APPEND_BYTES);
        @SuppressWarnings({"unchecked", "rawtypes"})
        Map<String, Object> client = (Map) settings.kafkaClientConfig();
        try (KafkaCommandLog log = new KafkaCommandLog("log-roundtrip", partitions, client, "n1", 1 << 20)) {
            for (int i = 0; i < 100; i++) {
                assertThat(log.append(0, new byte[] {(byte) i}).get()).isEqualTo(i);
            }
            assertThat(log.endOffsets(java.time.Duration.ofSeconds(10))).isEqualTo(Map.of(0, 100L));
            try (CommandLog.Reader reader = log.reader(Map.of(0, 40L))) {
                List<CommandLog.LogRecord> read = new java.util.ArrayList<>();
                while (read.size() < 60) {
                    read.addAll(reader.poll(java.time.Duration.ofSeconds(1)));
                }
                assertThat(read).extracting(CommandLog.LogRecord::offset)
                        .containsExactlyElementsOf(java.util.stream.LongStream.range(40, 100).boxed().toList());
                assertThat(read).allSatisfy(r -> assertThat(r.value()).containsExactly((byte) r.offset()));
                assertThat(read).allSatisfy(r -> assertThat(r.timestamp()).isPositive());
            }
        }
    }

    private static Admin admin() {
        Properties p = new Properties();
        p.putAll(kafka.clientConfig());
        return Admin.create(p);
    }
}
