package io.dsk.quickstart.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Renders a kustomization with {@code kubectl kustomize DIR}, as {@code kubectl apply -k} would,
 * and reads the objects it prints. The binary is {@code kubectl} on the {@code PATH}, or the
 * system property {@code dsk.kubectl}.
 */
final class Kustomize {

    static final String KUBECTL = System.getProperty("dsk.kubectl", "kubectl");
    private static final long TIMEOUT_SECONDS = 60;

    private Kustomize() {
    }

    /**
     * @param directory a directory holding a {@code kustomization.yaml}
     * @param scratch a directory for kubectl's output
     * @return the rendered objects, in the order printed
     * @throws AssertionError if kubectl is missing or refuses the kustomization (with its message)
     */
    static Rendered render(Path directory, Path scratch) throws IOException, InterruptedException {
        Path stdout = Files.createTempFile(scratch, "kustomize", ".yaml");
        Path stderr = Files.createTempFile(scratch, "kustomize", ".err");
        Process process;
        try {
            process = new ProcessBuilder(KUBECTL, "kustomize", directory.toString())
                    .redirectOutput(stdout.toFile()).redirectError(stderr.toFile()).start();
        } catch (IOException e) {
            throw new AssertionError("cannot run " + KUBECTL + " (" + e.getMessage() + "): the Kubernetes manifests "
                    + "are checked by rendering them with kubectl. .ci/run installs it (Debian package "
                    + "kubernetes-client); elsewhere install kubectl or name it with -Ddsk.kubectl=/path/to/kubectl", e);
        }
        if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError(KUBECTL + " kustomize " + directory + " took over " + TIMEOUT_SECONDS + " s");
        }
        if (process.exitValue() != 0) {
            throw new AssertionError(KUBECTL + " kustomize " + directory + " failed (exit " + process.exitValue() + "): "
                    + Files.readString(stderr, StandardCharsets.UTF_8));
        }
        String yaml = Files.readString(stdout, StandardCharsets.UTF_8);
        return new Rendered(new ObjectMapper(new YAMLFactory()).readerFor(JsonNode.class).<JsonNode>readValues(yaml)
                .readAll().stream().filter(node -> !node.isMissingNode() && !node.isNull()).toList());
    }

    /** The objects of one render. */
    record Rendered(List<JsonNode> all) {

        List<String> kinds() {
            return all.stream().map(o -> o.path("kind").asText()).toList();
        }

        List<JsonNode> ofKind(String kind) {
            return all.stream().filter(o -> o.path("kind").asText().equals(kind)).toList();
        }

        Optional<JsonNode> find(String kind, String name) {
            return all.stream().filter(o -> o.path("kind").asText().equals(kind)
                    && o.path("metadata").path("name").asText().equals(name)).findFirst();
        }

        JsonNode get(String kind, String name) {
            return find(kind, name).orElseThrow(() -> new AssertionError("no " + kind + " named " + name
                    + " in the render; it holds " + all.stream().map(o -> o.path("kind").asText() + "/"
                    + o.path("metadata").path("name").asText()).toList()));
        }
    }
}
