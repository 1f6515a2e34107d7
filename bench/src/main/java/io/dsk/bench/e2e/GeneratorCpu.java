package io.dsk.bench.e2e;

import io.dsk.bench.measure.ThreadCpu;
import java.net.http.HttpClient;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * CPU time of the load generator's own threads: the paced producer and its Kafka network thread,
 * the SSE readers and their HTTP client. The Kafka broker, the Connect worker and the connector share
 * this process but are not the generator, so the process total would overstate it.
 */
final class GeneratorCpu {

    /** Prefix of every thread the scenario starts itself. */
    static final String THREAD_PREFIX = "e2e-";

    private static final String GENERATOR = "generator";
    private static final Pattern CLIENT_ID = Pattern.compile("\\((\\d+)\\)$");

    private final Predicate<String> generatorThread;

    /**
     * @param subscriberClient the HTTP client of the SSE readers; its selector thread is counted
     */
    GeneratorCpu(HttpClient subscriberClient) {
        this(generatorThreads(selectorThreadName(subscriberClient)));
    }

    GeneratorCpu(Predicate<String> generatorThread) {
        this.generatorThread = generatorThread;
    }

    /**
     * Which threads belong to the generator: those named {@code e2e-…}, the Kafka producer's network
     * thread of a client {@code e2e-producer-…}, and the given HTTP selector thread.
     */
    static Predicate<String> generatorThreads(String selectorThread) {
        return name -> name.startsWith(THREAD_PREFIX)
                || name.startsWith("kafka-producer-network-thread | " + THREAD_PREFIX + "producer-")
                || name.equals(selectorThread);
    }

    /**
     * The JDK names an HTTP client's selector thread {@code HttpClient-<id>-SelectorManager} and ends
     * the client's {@code toString()} with {@code (<id>)}; null when that cannot be read.
     */
    static String selectorThreadName(HttpClient client) {
        Matcher id = CLIENT_ID.matcher(client.toString());
        return id.find() ? "HttpClient-" + id.group(1) + "-SelectorManager" : null;
    }

    /** Opens a window now. */
    Window start() {
        return new Window();
    }

    /** One measured window. */
    final class Window {

        private final ThreadCpu.Window threads =
                ThreadCpu.start(name -> generatorThread.test(name) ? GENERATOR : null);

        /** Generator CPU time over the window, as a share of all cores (0..1). */
        double shareOfMachine() {
            return threads.coresByGroup().getOrDefault(GENERATOR, 0.0) / Runtime.getRuntime().availableProcessors();
        }
    }
}
