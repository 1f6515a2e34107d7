package io.dsk.quickstart;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.dsk.connector.DurableStreamsSinkConnector;
import io.dsk.gateway.GatewaySettings;
import io.dsk.gateway.config.ConfigValues;
import io.dsk.gateway.config.GatewayOptions;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.common.config.ConfigDef;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Checks {@code docker-compose.yml} against what the build produces, everywhere (no Docker needed):
 * the services exist, the gateway image is built from the jar the build writes, the plugin zip is
 * where the unpacking service looks and lands on Connect's plugin path, and the connector it
 * registers is valid for the real connector. For the {@code cluster} profile: three brokers in one
 * KRaft quorum, three gateway nodes in cluster mode (real gateway options, one topic, distinct node
 * ids, a volume each, replication the brokers can give) and a round-robin balancer over every node
 * that checks {@code /readyz}.
 */
class ComposeStackTest {

    private static final Path ROOT = Path.of(System.getProperty("dsk.repo.root", ".."));
    private static JsonNode services;

    @BeforeAll
    static void readCompose() throws IOException {
        JsonNode compose = new ObjectMapper(new YAMLFactory()).readTree(ROOT.resolve("docker-compose.yml").toFile());
        services = compose.path("services");
        volumes = compose.path("volumes");
    }

    private static final String CLUSTER = "cluster";
    private static final List<String> BROKERS = List.of("kafka-1", "kafka-2", "kafka-3");
    private static final List<String> NODES = List.of("dsk-node-1", "dsk-node-2", "dsk-node-3");
    private static JsonNode volumes;

    /** @return the services in {@code profile}, or in no profile (started by a plain {@code up}) when null */
    private static List<String> servicesIn(String profile) {
        List<String> names = new ArrayList<>();
        services.fields().forEachRemaining(e -> {
            List<String> profiles = texts(e.getValue().path("profiles"));
            if (profile == null ? profiles.isEmpty() : profiles.contains(profile)) {
                names.add(e.getKey());
            }
        });
        return names;
    }

    @Test
    void declaresThePipelineServices() {
        List<String> names = servicesIn(null);
        assertThat(names).as("services of the default profile").containsExactlyInAnyOrder(
                "kafka", "schema-registry", "plugin-install", "connect", "dsk-gateway", "register-connector");
        assertThat(services.path("kafka").path("image").asText()).isEqualTo("apache/kafka:4.3.1");
        assertThat(services.path("connect").path("image").asText())
                .as("a Confluent image, which carries the AvroConverter").startsWith("confluentinc/cp-kafka-connect:");
    }

    @Test
    void gatewayImageIsBuiltFromTheJarTheBuildWrites() throws IOException {
        JsonNode gateway = services.path("dsk-gateway");
        Path context = ROOT.resolve(gateway.path("build").asText());
        String dockerfile = Files.readString(context.resolve("Dockerfile"));
        assertThat(dockerfile).contains("COPY target/dsk-gateway.jar ");
        assertThat(context.resolve("target/dsk-gateway.jar")).isRegularFile();
        assertThat(dockerfile).contains("EXPOSE " + GatewaySettings.DEFAULT_PORT);
        assertThat(texts(gateway.path("ports"))).contains(GatewaySettings.DEFAULT_PORT + ":" + GatewaySettings.DEFAULT_PORT);
        String dataDir = dockerfile.replaceAll("(?s).*\"--data-dir\", \"([^\"]+)\".*", "$1");
        assertThat(texts(gateway.path("volumes"))).contains("dsk-data:" + dataDir);
    }

    @Test
    void pluginZipIsUnpackedOntoConnectsPluginPath() throws IOException {
        JsonNode install = services.path("plugin-install");
        String command = texts(install.path("command")).get(2);
        Map<String, String> mounts = mounts(install.path("volumes"));
        String dist = mounts.entrySet().stream().filter(e -> e.getValue().equals("/dist"))
                .map(Map.Entry::getKey).findFirst().orElseThrow();
        assertThat(dist).isEqualTo("./connector/target");
        String glob = command.replaceAll(".*/dist/(\\S+\\.zip).*", "$1");
        List<Path> zips = new ArrayList<>();
        try (DirectoryStream<Path> found = Files.newDirectoryStream(ROOT.resolve("connector/target"), glob)) {
            found.forEach(zips::add);
        }
        assertThat(zips).as("plugin zips matching %s", glob).hasSize(1);

        String pluginsMount = mounts(services.path("connect").path("volumes")).get("dsk-plugins");
        assertThat(pluginsMount).isNotNull();
        String pluginPath = services.path("connect").path("environment").path("CONNECT_PLUGIN_PATH").asText();
        assertThat(List.of(pluginPath.split(","))).contains(pluginsMount);
    }

    @Test
    void registeredConnectorIsValidForTheRealConnector() throws IOException {
        JsonNode register = services.path("register-connector");
        String file = mounts(register.path("volumes")).keySet().iterator().next();
        JsonNode config = new ObjectMapper().readTree(ROOT.resolve(file).toFile());
        Map<String, String> props = new LinkedHashMap<>();
        config.fields().forEachRemaining(e -> props.put(e.getKey(), e.getValue().asText()));
        assertThat(props.get("connector.class")).isEqualTo(DurableStreamsSinkConnector.class.getName());
        ConfigDef def = new DurableStreamsSinkConnector().config();
        List<String> errors = new ArrayList<>();
        def.validate(props).forEach(v -> errors.addAll(v.errorMessages()));
        assertThat(errors).isEmpty();
        assertThat(props.get("ds.url")).startsWith("http://dsk-gateway:" + GatewaySettings.DEFAULT_PORT + "/v1/stream");
    }

    @Test
    void clusterProfileAddsThreeBrokersThreeGatewayNodesAndABalancer() {
        List<String> expected = new ArrayList<>(BROKERS);
        expected.addAll(NODES);
        expected.add("dsk-balancer");
        assertThat(servicesIn(CLUSTER)).containsExactlyInAnyOrderElementsOf(expected);
        services.fields().forEachRemaining(e -> assertThat(texts(e.getValue().path("profiles")))
                .as("profiles of %s", e.getKey()).isSubsetOf(CLUSTER));
    }

    @Test
    void clusterBrokersFormOneQuorumWithReplicationTheyCanGive() {
        Set<String> nodeIds = new HashSet<>();
        Set<String> clusterIds = new HashSet<>();
        Set<String> dataVolumes = new HashSet<>();
        for (String broker : BROKERS) {
            JsonNode service = services.path(broker);
            JsonNode env = service.path("environment");
            assertThat(service.path("image").asText()).isEqualTo(services.path("kafka").path("image").asText());
            nodeIds.add(env.path("KAFKA_NODE_ID").asText());
            clusterIds.add(env.path("CLUSTER_ID").asText());
            assertThat(env.path("KAFKA_ADVERTISED_LISTENERS").asText()).isEqualTo("INTERNAL://" + broker + ":29092");
            assertThat(List.of(env.path("KAFKA_CONTROLLER_QUORUM_VOTERS").asText().split(",")))
                    .as("the quorum of %s", broker).hasSize(BROKERS.size())
                    .allSatisfy(voter -> assertThat(BROKERS).contains(voter.replaceAll("^\\d+@([^:]+):\\d+$", "$1")));
            assertThat(env.path("KAFKA_OFFSETS_TOPIC_REPLICATION_FACTOR").asInt()).isBetween(1, BROKERS.size());
            assertThat(env.path("KAFKA_UNCLEAN_LEADER_ELECTION_ENABLE").asText()).isEqualTo("false");
            Map<String, String> mounts = mounts(service.path("volumes"));
            assertThat(mounts).containsValue(env.path("KAFKA_LOG_DIRS").asText());
            dataVolumes.addAll(mounts.keySet());
        }
        assertThat(nodeIds).as("distinct KAFKA_NODE_IDs").hasSize(BROKERS.size());
        assertThat(clusterIds).as("one CLUSTER_ID").hasSize(1);
        assertThat(dataVolumes).as("a volume per broker").hasSize(BROKERS.size());
        dataVolumes.forEach(v -> assertThat(volumes.has(v)).as("volume %s declared", v).isTrue());
    }

    @Test
    void clusterNodesShareOneLogTopicWithDistinctIdsAndAVolumeEach() throws IOException {
        Set<String> knownEnv = new HashSet<>();
        GatewayOptions.ALL.forEach(o -> knownEnv.add(ConfigValues.environmentName(o.name())));
        String dockerfile = Files.readString(ROOT.resolve("gateway/Dockerfile"));
        String dataDir = dockerfile.replaceAll("(?s).*\"--data-dir\", \"([^\"]+)\".*", "$1");
        Set<String> topics = new HashSet<>();
        Set<String> nodeIds = new HashSet<>();
        Set<String> dataVolumes = new HashSet<>();
        for (String node : NODES) {
            JsonNode service = services.path(node);
            JsonNode env = service.path("environment");
            List<String> names = new ArrayList<>();
            env.fieldNames().forEachRemaining(names::add);
            assertThat(names).as("gateway options of %s", node).isSubsetOf(knownEnv)
                    .contains("DSK_CLUSTER_BOOTSTRAP_SERVERS", "DSK_CLUSTER_TOPIC", "DSK_NODE_ID");
            assertThat(service.path("build").asText()).isEqualTo(services.path("dsk-gateway").path("build").asText());
            assertThat(List.of(env.path("DSK_CLUSTER_BOOTSTRAP_SERVERS").asText().split(",")))
                    .containsExactlyInAnyOrderElementsOf(BROKERS.stream().map(b -> b + ":29092").toList());
            List<String> dependsOn = new ArrayList<>();
            service.path("depends_on").fieldNames().forEachRemaining(dependsOn::add);
            assertThat(dependsOn).containsExactlyInAnyOrderElementsOf(BROKERS);
            topics.add(env.path("DSK_CLUSTER_TOPIC").asText());
            nodeIds.add(env.path("DSK_NODE_ID").asText());
            int replicationFactor = env.path("DSK_CLUSTER_REPLICATION_FACTOR").asInt(3);
            int minInsync = env.path("DSK_CLUSTER_MIN_INSYNC_REPLICAS").asInt(2);
            assertThat(replicationFactor).as("replication factor of %s", node).isBetween(1, BROKERS.size());
            assertThat(minInsync).as("min.insync.replicas of %s: at least 2, below the replication factor so "
                    + "that one broker may be down", node).isBetween(2, replicationFactor - 1);
            Map<String, String> mounts = mounts(service.path("volumes"));
            assertThat(mounts).as("volumes of %s", node).hasSize(1).containsValue(dataDir);
            dataVolumes.addAll(mounts.keySet());
            assertThat(service.has("ports")).as("%s is reached through the balancer", node).isFalse();
        }
        assertThat(topics).as("one command log topic").hasSize(1);
        assertThat(nodeIds).as("distinct node ids").hasSize(NODES.size());
        assertThat(dataVolumes).as("a volume per node").hasSize(NODES.size())
                .doesNotContain(mounts(services.path("dsk-gateway").path("volumes")).keySet().toArray(String[]::new));
        dataVolumes.forEach(v -> assertThat(volumes.has(v)).as("volume %s declared", v).isTrue());
    }

    @Test
    void balancerSendsRoundRobinToEveryNodeThatIsReady() throws IOException {
        JsonNode balancer = services.path("dsk-balancer");
        String config = mounts(balancer.path("volumes")).entrySet().stream()
                .filter(e -> e.getValue().equals("/usr/local/etc/haproxy/haproxy.cfg")).map(Map.Entry::getKey)
                .findFirst().orElseThrow();
        String cfg = Files.readString(ROOT.resolve(config));
        assertThat(cfg).contains("balance roundrobin", "option httpchk GET /readyz", "http-check expect status 200");
        String bind = cfg.replaceAll("(?s).*\\n\\s*bind :(\\d+).*", "$1");
        assertThat(texts(balancer.path("ports"))).hasSize(1).allSatisfy(p -> assertThat(p).endsWith(":" + bind)
                .isNotEqualTo(GatewaySettings.DEFAULT_PORT + ":" + bind));
        List<String> servers = new ArrayList<>();
        for (String line : cfg.split("\n")) {
            if (line.trim().startsWith("server ")) {
                servers.add(line.trim().split("\\s+")[2]);
            }
        }
        assertThat(servers).containsExactlyInAnyOrderElementsOf(
                NODES.stream().map(n -> n + ":" + GatewaySettings.DEFAULT_PORT).toList());
        assertThat(cfg).contains("default-server check");
    }

    private static List<String> texts(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }

    /** Compose volume entries {@code source:target[:mode]} as source to target (mode kept on the target). */
    private static Map<String, String> mounts(JsonNode volumes) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String v : texts(volumes)) {
            int colon = v.indexOf(':');
            out.put(v.substring(0, colon), v.substring(colon + 1).replace(":ro", ""));
        }
        return out;
    }
}
