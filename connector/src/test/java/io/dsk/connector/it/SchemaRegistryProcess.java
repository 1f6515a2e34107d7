package io.dsk.connector.it;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A real Apicurio Registry (the Quarkus runner unpacked by the build into {@code dsk.schema.registry.dir}),
 * run as a child process on an ephemeral port with its default in-memory storage. It serves Apicurio's
 * own API at {@code /apis/registry/v2} and the Confluent-compatible one at {@code /apis/ccompat/v7}.
 */
final class SchemaRegistryProcess implements AutoCloseable {

    private static final Pattern LISTENING = Pattern.compile("Listening on: (http://\\S+)");

    private final Path log;
    private final CompletableFuture<String> ready = new CompletableFuture<>();
    private Process process;

    SchemaRegistryProcess(Path log) {
        this.log = log;
    }

    private static Path runnerJar() throws IOException {
        String dir = System.getProperty("dsk.schema.registry.dir");
        if (dir == null || !Files.isDirectory(Path.of(dir))) {
            throw new IllegalStateException("The schema registry is not unpacked (" + dir + "); run the integration "
                    + "tests through Maven, which unpacks it at pre-integration-test: mvn -pl connector -am verify");
        }
        try (Stream<Path> files = Files.list(Path.of(dir))) {
            return files.filter(f -> f.getFileName().toString().endsWith("-runner.jar")).findFirst()
                    .orElseThrow(() -> new IllegalStateException("no *-runner.jar in " + dir));
        }
    }

    /** Launches the registry without waiting for it; see {@link #awaitReady}. */
    SchemaRegistryProcess start() throws IOException {
        Path jar = runnerJar();
        List<String> command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx384m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                "-Dquarkus.http.host=127.0.0.1", "-Dquarkus.http.port=0",
                "-jar", jar.toString());
        process = new ProcessBuilder(command).directory(jar.getParent().toFile()).redirectErrorStream(true).start();
        Thread pump = new Thread(this::pump, "schema-registry-log");
        pump.setDaemon(true);
        pump.start();
        return this;
    }

    private void pump() {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(),
                StandardCharsets.UTF_8))) {
            String line;
            while ((line = in.readLine()) != null) {
                Files.writeString(log, line + "\n", StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                        StandardOpenOption.APPEND);
                Matcher m = LISTENING.matcher(line);
                if (m.find()) {
                    ready.complete(m.group(1));
                }
            }
        } catch (IOException e) {
            ready.completeExceptionally(e);
        }
        ready.completeExceptionally(new IOException("the schema registry exited"));
    }

    /** @return the registry's origin, e.g. http://127.0.0.1:41234, once it accepts requests */
    String awaitReady(Duration timeout) {
        try {
            return ready.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted waiting for the schema registry", e);
        } catch (Exception e) {
            throw new IllegalStateException("the schema registry did not start; see " + log, e);
        }
    }

    /** @return Apicurio's own API, which its serdes and converters use */
    String registryApi() {
        return awaitReady(Duration.ZERO) + "/apis/registry/v2";
    }

    /** @return the Confluent Schema Registry compatible API */
    String confluentApi() {
        return awaitReady(Duration.ZERO) + "/apis/ccompat/v7";
    }

    @Override
    public void close() {
        if (process != null && process.isAlive()) {
            process.destroy();
            try {
                if (!process.waitFor(30, TimeUnit.SECONDS)) {
                    process.destroyForcibly().waitFor();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                process.destroyForcibly();
            }
        }
    }
}
