package io.dsk.quickstart.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.dsk.connector.Version;
import io.dsk.gateway.GatewaySettings;
import io.dsk.gateway.GatewaySettingsLoader;
import io.dsk.gateway.auth.AuthSettings;
import io.dsk.gateway.auth.RateLimitSettings;
import io.dsk.gateway.config.ConfigValues;
import io.dsk.gateway.config.GatewayOptions;
import io.dsk.gateway.ops.LogFormat;
import io.dsk.gateway.tls.TlsSettings;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Renders every kustomization under {@code deploy/} with {@code kubectl kustomize} and checks what
 * {@code kubectl apply -k} would create: the gateway's StatefulSet, probes, volumes, Services,
 * disruption budget, resources and configuration in both overlays, and the Strimzi resources.
 * kubectl is required: without it this test fails and says how to get it.
 */
class KubernetesManifestsTest {

    private static final Path ROOT = Path.of(System.getProperty("dsk.repo.root", ".."));
    private static final Path OVERLAYS = ROOT.resolve("deploy/k8s/overlays");
    private static final String GATEWAY = "dsk-gateway";
    /** Cluster mode's options (docs/kubernetes.md, Cluster), accepted here also where the registry lacks them. */
    private static final Set<String> CLUSTER_MODE_OPTIONS =
            Set.of("cluster-bootstrap-servers", "cluster-topic", "cluster-kafka-config", "node-id");
    private static final Pattern DATA_DIR = Pattern.compile("\"--data-dir\", \"([^\"]+)\"");

    /** Renders by directory: each kustomization is rendered once for all the tests. */
    private static final Map<Path, Kustomize.Rendered> RENDERS = new HashMap<>();

    @TempDir
    static Path scratch;

    @Test
    void theOverlaysAreSingleNodeAndCluster() throws IOException {
        try (var dirs = Files.list(OVERLAYS)) {
            assertThat(dirs.map(d -> d.getFileName().toString()).sorted().toList())
                    .containsExactly("cluster", "single-node");
        }
    }

    @Test
    void everyKustomizationUnderDeployRenders() throws Exception {
        List<Path> kustomizations = new ArrayList<>();
        for (Path tree : List.of(ROOT.resolve("deploy/k8s"), ROOT.resolve("deploy/strimzi"),
                ROOT.resolve("deploy/monitoring"))) {
            try (var files = Files.walk(tree)) {
                files.filter(f -> f.getFileName().toString().equals("kustomization.yaml"))
                        .forEach(f -> kustomizations.add(f.getParent()));
            }
        }

        assertThat(kustomizations).hasSizeGreaterThanOrEqualTo(6);
        for (Path kustomization : kustomizations) {
            assertThat(render(kustomization).all()).as("objects of %s", kustomization).isNotEmpty();
            // kubectl 1.20's kustomize 2.0 reads directories under bases only (docs/kubernetes.md).
            JsonNode resources = new ObjectMapper(new YAMLFactory())
                    .readTree(kustomization.resolve("kustomization.yaml").toFile()).path("resources");
            for (JsonNode resource : resources) {
                assertThat(kustomization.resolve(resource.asText())).as("a resource of %s", kustomization)
                        .isRegularFile();
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"single-node", "cluster"})
    void eachOverlayRendersTheGatewayWithItsServicesAndBudget(String overlay) throws Exception {
        Kustomize.Rendered objects = render(overlay);

        assertThat(objects.kinds()).contains("StatefulSet", "Service", "PodDisruptionBudget", "ConfigMap", "Secret");
        JsonNode set = objects.get("StatefulSet", GATEWAY);
        JsonNode service = objects.get("Service", GATEWAY);
        JsonNode headless = objects.get("Service", set.path("spec").path("serviceName").asText());
        assertThat(headless.path("spec").path("clusterIP").asText()).isEqualTo("None");
        assertThat(service.path("spec").path("clusterIP").asText()).isNotEqualTo("None");
        JsonNode podLabels = set.path("spec").path("template").path("metadata").path("labels");
        for (JsonNode selecting : List.of(service.path("spec").path("selector"), headless.path("spec").path("selector"),
                set.path("spec").path("selector").path("matchLabels"),
                objects.get("PodDisruptionBudget", GATEWAY).path("spec").path("selector").path("matchLabels"))) {
            assertThat(selecting.size()).isPositive();
            selecting.fields().forEachRemaining(label ->
                    assertThat(podLabels.path(label.getKey()).asText()).isEqualTo(label.getValue().asText()));
        }
        for (JsonNode s : List.of(service, headless)) {
            JsonNode port = s.path("spec").path("ports").get(0);
            assertThat(port.path("port").asInt()).isEqualTo(GatewaySettings.DEFAULT_PORT);
            assertThat(port.path("targetPort").asText()).isEqualTo("http");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"single-node", "cluster"})
    void probesAskTheGatewaysHealthEndpointsOnItsPort(String overlay) throws Exception {
        JsonNode gateway = gatewayContainer(render(overlay));

        JsonNode port = gateway.path("ports").get(0);
        assertThat(port.path("name").asText()).isEqualTo("http");
        assertThat(port.path("containerPort").asInt()).isEqualTo(GatewaySettings.DEFAULT_PORT);
        assertThat(gateway.path("readinessProbe").path("httpGet").path("path").asText()).isEqualTo("/readyz");
        assertThat(gateway.path("livenessProbe").path("httpGet").path("path").asText()).isEqualTo("/healthz");
        assertThat(gateway.path("startupProbe").path("httpGet").path("path").asText()).isEqualTo("/healthz");
        for (String probe : List.of("readinessProbe", "livenessProbe", "startupProbe")) {
            assertThat(gateway.path(probe).path("httpGet").path("port").asText()).as(probe).isEqualTo("http");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"single-node", "cluster"})
    void eachPodKeepsItsDataOnItsOwnVolumeAtTheImagesDataDir(String overlay) throws Exception {
        Kustomize.Rendered objects = render(overlay);
        JsonNode set = objects.get("StatefulSet", GATEWAY);
        String dockerfile = Files.readString(ROOT.resolve("gateway/Dockerfile"), StandardCharsets.UTF_8);
        Matcher dataDir = DATA_DIR.matcher(dockerfile);
        assertThat(dataDir.find()).as("the image's entrypoint sets --data-dir").isTrue();

        JsonNode claims = set.path("spec").path("volumeClaimTemplates");
        assertThat(claims.size()).isEqualTo(1);
        JsonNode claim = claims.get(0);
        assertThat(claim.path("spec").path("accessModes").toString()).contains("ReadWriteOnce");
        assertThat(claim.path("spec").path("resources").path("requests").path("storage").asText()).isNotEmpty();
        String claimName = claim.path("metadata").path("name").asText();
        assertThat(mountPaths(gatewayContainer(objects))).containsEntry(claimName, dataDir.group(1));
        assertThat(gatewayContainer(objects).path("image").asText()).isEqualTo("dsk-gateway:local");
    }

    @ParameterizedTest
    @ValueSource(strings = {"single-node", "cluster"})
    void resourcesAreRequestedAndLimited(String overlay) throws Exception {
        JsonNode resources = gatewayContainer(render(overlay)).path("resources");

        for (String bound : List.of("requests", "limits")) {
            assertThat(resources.path(bound).path("cpu").asText()).as(bound).isNotEmpty();
            assertThat(resources.path(bound).path("memory").asText()).as(bound).isNotEmpty();
        }
        assertThat(mebibytes(resources.path("limits").path("memory").asText()))
                .isGreaterThanOrEqualTo(mebibytes(resources.path("requests").path("memory").asText()));
    }

    @ParameterizedTest
    @ValueSource(strings = {"single-node", "cluster"})
    void everyConfigMapAndSecretReferencedIsInTheRender(String overlay) throws Exception {
        Kustomize.Rendered objects = render(overlay);
        JsonNode pod = objects.get("StatefulSet", GATEWAY).path("spec").path("template").path("spec");
        List<String[]> references = new ArrayList<>();
        pod.path("volumes").forEach(v -> {
            if (v.has("configMap")) {
                references.add(new String[] {"ConfigMap", v.path("configMap").path("name").asText()});
            }
            if (v.has("secret")) {
                references.add(new String[] {"Secret", v.path("secret").path("secretName").asText()});
            }
        });
        gatewayContainer(objects).path("env").forEach(e -> {
            JsonNode from = e.path("valueFrom");
            if (from.has("configMapKeyRef")) {
                references.add(keyRef("ConfigMap", from.path("configMapKeyRef")));
            }
            if (from.has("secretKeyRef")) {
                references.add(keyRef("Secret", from.path("secretKeyRef")));
            }
        });

        assertThat(references).isNotEmpty();
        for (String[] reference : references) {
            JsonNode target = objects.get(reference[0], reference[1]);
            if (reference.length == 3) {
                assertThat(target.path("data").has(reference[2]))
                        .as("%s %s has key %s", reference[0], reference[1], reference[2]).isTrue();
            }
        }
        assertThat(gatewayContainer(objects).path("args").toString()).contains("\"--config\"");
    }

    @ParameterizedTest
    @ValueSource(strings = {"single-node", "cluster"})
    void configFileAndEnvironmentNameOnlyGatewayOptions(String overlay) throws Exception {
        Kustomize.Rendered objects = render(overlay);
        JsonNode gateway = gatewayContainer(objects);
        List<String> args = new ArrayList<>();
        gateway.path("args").forEach(a -> args.add(a.asText()));
        Path configFile = Path.of(args.get(args.indexOf("--config") + 1));
        Map<String, String> mounts = mountPaths(gateway);
        String volume = mounts.entrySet().stream().filter(m -> m.getValue().equals(configFile.getParent().toString()))
                .map(Map.Entry::getKey).findFirst().orElseThrow();
        String configMap = volumes(objects).get(volume).path("configMap").path("name").asText();
        Properties config = new Properties();
        config.load(new StringReader(objects.get("ConfigMap", configMap).path("data")
                .path(configFile.getFileName().toString()).asText()));

        assertThat(config.stringPropertyNames()).isNotEmpty().allSatisfy(key ->
                assertThat(GatewayOptions.named(key)).as("option %s of %s", key, configFile).isPresent());
        assertThat(config.stringPropertyNames()).as("set by the image and expected by the probes and Services")
                .doesNotContain("host", "port", "data-dir");
        gateway.path("env").forEach(e -> {
            String name = e.path("name").asText();
            if (name.startsWith("DSK_")) {
                String option = name.substring(4).toLowerCase(Locale.ROOT).replace('_', '-');
                assertThat(GatewayOptions.named(option).isPresent() || CLUSTER_MODE_OPTIONS.contains(option))
                        .as("%s names a gateway option", name).isTrue();
            }
        });
    }

    /**
     * The single-node pod's command line (the image's entrypoint, then the container's args), its
     * environment with the Secret's values, and its config file, read by the gateway's own loader.
     */
    @Test
    void theGatewayAcceptsTheSingleNodePodsConfiguration() throws Exception {
        Kustomize.Rendered objects = render("single-node");
        JsonNode gateway = gatewayContainer(objects);
        List<String> args = new ArrayList<>(entrypointArguments());
        gateway.path("args").forEach(a -> args.add(a.asText()));
        Path dataDir = Files.createDirectories(scratch.resolve("data"));
        args.set(args.indexOf("--data-dir") + 1, dataDir.toString());
        int config = args.indexOf("--config") + 1;
        Path mounted = Path.of(args.get(config));
        String volume = mountPaths(gateway).entrySet().stream()
                .filter(m -> m.getValue().equals(mounted.getParent().toString())).map(Map.Entry::getKey)
                .findFirst().orElseThrow();
        Path configFile = scratch.resolve(mounted.getFileName().toString());
        Files.writeString(configFile, objects.get("ConfigMap", volumes(objects).get(volume).path("configMap")
                .path("name").asText()).path("data").path(mounted.getFileName().toString()).asText());
        args.set(config, configFile.toString());
        Map<String, String> env = new HashMap<>();
        environment(gateway).forEach((name, e) -> {
            JsonNode secret = e.path("valueFrom").path("secretKeyRef");
            env.put(name, secret.isMissingNode() ? e.path("value").asText() : new String(Base64.getDecoder().decode(
                    objects.get("Secret", secret.path("name").asText()).path("data").path(secret.path("key").asText())
                            .asText()), StandardCharsets.UTF_8));
        });

        ConfigValues values = GatewaySettingsLoader.configValues(args.toArray(String[]::new), env);
        GatewaySettings settings = GatewaySettingsLoader.settings(values);
        AuthSettings.from(values);
        RateLimitSettings.from(values);
        TlsSettings.from(values);
        values.rejectUnknown();

        assertThat(settings.host()).isEqualTo("0.0.0.0");
        assertThat(settings.port()).isEqualTo(GatewaySettings.DEFAULT_PORT);
        assertThat(settings.dataDir()).isEqualTo(dataDir);
        assertThat(settings.logFormat()).as("log lines for the cluster's log collector").isEqualTo(LogFormat.JSON);
    }

    @Test
    void singleNodeRunsOneGatewayThatADrainDoesNotEvictByItself() throws Exception {
        Kustomize.Rendered objects = render("single-node");

        assertThat(objects.get("StatefulSet", GATEWAY).path("spec").path("replicas").asInt()).isEqualTo(1);
        assertThat(objects.get("PodDisruptionBudget", GATEWAY).path("spec").path("maxUnavailable").asInt()).isZero();
        assertThat(environment(gatewayContainer(objects)).keySet()).noneMatch(name -> name.startsWith("DSK_CLUSTER_"));
    }

    @Test
    void clusterRunsThreeGatewaysOnTheKafkaLogNamedByTheirPods() throws Exception {
        Kustomize.Rendered objects = render("cluster");
        JsonNode set = objects.get("StatefulSet", GATEWAY);
        JsonNode gateway = gatewayContainer(objects);
        Map<String, JsonNode> env = environment(gateway);

        assertThat(set.path("spec").path("replicas").asInt()).isEqualTo(3);
        assertThat(objects.get("PodDisruptionBudget", GATEWAY).path("spec").path("maxUnavailable").asInt()).isEqualTo(1);
        assertThat(env).containsKeys("DSK_CLUSTER_BOOTSTRAP_SERVERS", "DSK_CLUSTER_TOPIC", "DSK_CLUSTER_KAFKA_CONFIG",
                "DSK_NODE_ID");
        assertThat(env.get("DSK_NODE_ID").path("valueFrom").path("fieldRef").path("fieldPath").asText())
                .isEqualTo("metadata.name");
        JsonNode servers = env.get("DSK_CLUSTER_BOOTSTRAP_SERVERS").path("valueFrom").path("configMapKeyRef");
        assertThat(objects.get("ConfigMap", servers.path("name").asText()).path("data").path(servers.path("key").asText())
                .asText()).matches("[^,:]+:\\d+(,[^,:]+:\\d+)*");
        JsonNode topic = env.get("DSK_CLUSTER_TOPIC").path("valueFrom").path("configMapKeyRef");
        assertThat(objects.get("ConfigMap", topic.path("name").asText()).path("data").path(topic.path("key").asText())
                .asText()).isEqualTo("dsk.log");

        Path kafkaConfig = Path.of(env.get("DSK_CLUSTER_KAFKA_CONFIG").path("value").asText());
        String volume = mountPaths(gateway).entrySet().stream()
                .filter(m -> m.getValue().equals(kafkaConfig.getParent().toString()))
                .map(Map.Entry::getKey).findFirst().orElseThrow();
        String secret = volumes(objects).get(volume).path("secret").path("secretName").asText();
        assertThat(objects.get("Secret", secret).path("data").has(kafkaConfig.getFileName().toString()))
                .as("the Kafka client properties come from a Secret").isTrue();
        assertThat(set.path("spec").path("volumeClaimTemplates").size()).as("a volume per node").isEqualTo(1);
    }

    @Test
    void strimziBuildsThePluginZipAndRunsOneConnectorPerExample() throws Exception {
        Kustomize.Rendered objects = render(ROOT.resolve("deploy/strimzi"));
        JsonNode connect = objects.get("KafkaConnect", StrimziConnectors.CONNECT_CLUSTER);
        Map<String, String> generated = new StrimziConnectors().render(ROOT.resolve("config-examples"));

        assertThat(connect.path("apiVersion").asText()).isEqualTo(StrimziConnectors.API_VERSION);
        assertThat(connect.path("metadata").path("annotations").path("strimzi.io/use-connector-resources").asText())
                .isEqualTo("true");
        JsonNode artifact = connect.path("spec").path("build").path("plugins").get(0).path("artifacts").get(0);
        assertThat(artifact.path("type").asText()).isEqualTo("zip");
        assertThat(artifact.path("url").asText()).endsWith("/dsk-connector-" + Version.get() + ".zip");
        assertThat(objects.ofKind("KafkaConnector")).hasSize(generated.size() - 1)
                .allSatisfy(c -> assertThat(c.path("metadata").path("labels").path("strimzi.io/cluster").asText())
                        .isEqualTo(StrimziConnectors.CONNECT_CLUSTER));

        Map<String, JsonNode> workerEnv = new HashMap<>();
        connect.path("spec").path("template").path("connectContainer").path("env")
                .forEach(e -> workerEnv.put(e.path("name").asText(), e));
        Pattern envReference = Pattern.compile("\\$\\{env:([^}]+)}");
        for (JsonNode connector : objects.ofKind("KafkaConnector")) {
            connector.path("spec").path("config").forEach(value -> {
                Matcher m = envReference.matcher(value.asText());
                while (m.find()) {
                    JsonNode ref = workerEnv.getOrDefault(m.group(1), MissingNode.getInstance()).path("valueFrom").path("secretKeyRef");
                    assertThat(ref.isMissingNode()).as("%s comes from a Secret", m.group(1)).isFalse();
                    assertThat(objects.get("Secret", ref.path("name").asText()).path("data").has(ref.path("key").asText()))
                            .as("Secret %s has key %s", ref.path("name").asText(), ref.path("key").asText()).isTrue();
                }
            });
        }
        assertThat(connect.path("spec").path("config").path("config.providers").asText()).contains("env");
    }

    @Test
    void strimziConnectExportsTheMetricsTheDashboardAndAlertsRead() throws Exception {
        Kustomize.Rendered objects = render(ROOT.resolve("deploy/strimzi"));
        JsonNode metrics = objects.get("KafkaConnect", StrimziConnectors.CONNECT_CLUSTER).path("spec").path("metricsConfig");

        assertThat(metrics.path("type").asText()).isEqualTo("jmxPrometheusExporter");
        JsonNode ref = metrics.path("valueFrom").path("configMapKeyRef");
        JsonNode rules = objects.get("ConfigMap", ref.path("name").asText()).path("data").path(ref.path("key").asText());
        assertThat(rules.asText()).as("the ConfigMap holds deploy/monitoring/connect-jmx-exporter.yml as it is")
                .isEqualTo(Files.readString(ROOT.resolve("deploy/monitoring/connect-jmx-exporter.yml"), StandardCharsets.UTF_8));
    }

    @Test
    void kubectlPassesTheGeneratedConnectorsOnUnchanged() throws Exception {
        Kustomize.Rendered objects = render(ROOT.resolve("deploy/strimzi"));
        Map<String, String> generated = new StrimziConnectors().render(ROOT.resolve("config-examples"));
        ObjectMapper yaml = new ObjectMapper(new YAMLFactory());

        for (JsonNode rendered : objects.ofKind("KafkaConnector")) {
            String name = rendered.path("metadata").path("name").asText();
            JsonNode source = yaml.readTree(generated.get(name + ".yaml"));
            assertThat(rendered.path("spec")).as(name).isEqualTo(source.path("spec"));
        }
    }

    private static Kustomize.Rendered render(String overlay) throws IOException, InterruptedException {
        return render(OVERLAYS.resolve(overlay));
    }

    private static synchronized Kustomize.Rendered render(Path kustomization) throws IOException, InterruptedException {
        Kustomize.Rendered objects = RENDERS.get(kustomization);
        if (objects == null) {
            objects = Kustomize.render(kustomization, scratch);
            RENDERS.put(kustomization, objects);
        }
        return objects;
    }

    /** The arguments the image's entrypoint gives the gateway jar. */
    private static List<String> entrypointArguments() throws IOException {
        String dockerfile = Files.readString(ROOT.resolve("gateway/Dockerfile"), StandardCharsets.UTF_8);
        String entrypoint = dockerfile.lines().filter(l -> l.startsWith("ENTRYPOINT ")).findFirst().orElseThrow();
        List<String> words = new ArrayList<>();
        new ObjectMapper().readTree(entrypoint.substring("ENTRYPOINT ".length())).forEach(w -> words.add(w.asText()));
        return words.subList(words.indexOf("-jar") + 2, words.size());
    }

    private static JsonNode gatewayContainer(Kustomize.Rendered objects) {
        JsonNode containers = objects.get("StatefulSet", GATEWAY).path("spec").path("template").path("spec")
                .path("containers");
        assertThat(containers.size()).isEqualTo(1);
        return containers.get(0);
    }

    private static Map<String, JsonNode> volumes(Kustomize.Rendered objects) {
        Map<String, JsonNode> out = new HashMap<>();
        objects.get("StatefulSet", GATEWAY).path("spec").path("template").path("spec").path("volumes")
                .forEach(v -> out.put(v.path("name").asText(), v));
        return out;
    }

    private static Map<String, String> mountPaths(JsonNode container) {
        Map<String, String> out = new HashMap<>();
        container.path("volumeMounts").forEach(m -> out.put(m.path("name").asText(), m.path("mountPath").asText()));
        return out;
    }

    private static Map<String, JsonNode> environment(JsonNode container) {
        Map<String, JsonNode> out = new HashMap<>();
        container.path("env").forEach(e -> out.put(e.path("name").asText(), e));
        return out;
    }

    private static String[] keyRef(String kind, JsonNode ref) {
        return new String[] {kind, ref.path("name").asText(), ref.path("key").asText()};
    }

    private static long mebibytes(String quantity) {
        Matcher m = Pattern.compile("(\\d+)(Mi|Gi)").matcher(quantity);
        assertThat(m.matches()).as("memory %s in Mi or Gi", quantity).isTrue();
        return Long.parseLong(m.group(1)) * (m.group(2).equals("Gi") ? 1024 : 1);
    }
}
