package io.dsk.bench.e2e;

import io.dsk.bench.run.CpuMeter;
import io.dsk.bench.run.ServerUnderTest;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;

/**
 * One latency measurement: records produced at a fixed rate to a fresh topic, through the connector
 * into {@code streams} fresh streams of one server, read by SSE subscribers. In order: create the
 * streams and connect the readers; start the connector and wait until it has committed one priming
 * record per partition (so it owns every partition); start the paced producer; once every reader
 * has records, let it run for the warm-up; then measure for the duration; then wait until every
 * reader has every record.
 */
final class LatencyRun {

    private static final Duration START_TIMEOUT = Duration.ofSeconds(120);
    private static final Duration END_TIMEOUT = Duration.ofSeconds(15);
    private static final long PRODUCER_OVERRUN_NANOS = 100_000_000;

    private final E2eRig rig;
    private final ServerUnderTest server;

    LatencyRun(E2eRig rig, ServerUnderTest server) {
        this.rig = rig;
        this.server = server;
    }

    /**
     * @param label distinguishes this run's topic, connector and streams from every other run's
     */
    LatencyResult run(int rate, Duration duration, String label) throws Exception {
        E2eSettings settings = rig.settings();
        String topic = "e2e-" + server.name() + "-" + rate + "-" + label;
        rig.createTopic(topic);
        List<URI> streams = new ArrayList<>();
        for (int s = 0; s < settings.streams(); s++) {
            streams.add(server.streamUri(topic + "/" + PacedProducer.key(s)));
            rig.streams().create(streams.get(s));
        }
        SubscriberGroup readers = SubscriberGroup.start(rig.subscriberHttp(), streams, settings.subscribersPerStream());
        boolean connectorStarted = false;
        try (PacedProducer producer = new PacedProducer(rig.pipeline().bootstrapServers(), topic, settings.streams(),
                settings.partitions(), settings.payloadBytes())) {
            check(readers.awaitConnected(START_TIMEOUT), "SSE readers did not connect to " + server.name());
            rig.pipeline().putConnector(topic, settings.connectorConfig(topic, topic, server.streamRootUrl()));
            connectorStarted = true;
            awaitPrimed(topic, producer.prime());
            KafkaProbe probe = new KafkaProbe(rig.pipeline().bootstrapServers(), topic, settings.partitions());
            probe.start();
            try {
                return measure(rate, duration, producer, readers, probe);
            } finally {
                probe.stop();
            }
        } finally {
            if (connectorStarted) {
                rig.pipeline().deleteConnector(topic);
            }
            endStreams(topic, streams, readers);
        }
    }

    private LatencyResult measure(int rate, Duration duration, PacedProducer producer, SubscriberGroup readers,
            KafkaProbe probe) throws Exception {
        E2eSettings settings = rig.settings();
        FutureTask<Long> producing = new FutureTask<>(() -> producer.sendPaced(rate, System.nanoTime()));
        Thread producerThread = new Thread(producing, GeneratorCpu.THREAD_PREFIX + "producer");
        producerThread.setDaemon(true);
        producerThread.start();
        try {
            if (!readers.awaitFirstRecords(START_TIMEOUT)) {
                if (producing.isDone()) {
                    producing.get();
                }
                throw new IllegalStateException("no records reached every SSE reader of " + server.name()
                        + " within " + START_TIMEOUT.toSeconds() + " s");
            }
            Thread.sleep(settings.warmup().toMillis());
            long from = System.nanoTime();
            readers.measureFrom(from);
            probe.measureFrom(from);
            CpuMeter.Window window = rig.cpu().start(server);
            GeneratorCpu.Window generator = rig.generatorCpu().start();
            producer.stopAt(from + duration.toNanos() + PRODUCER_OVERRUN_NANOS);
            Thread.sleep(duration.toMillis());
            CpuMeter.Usage usage = window.stop();
            double generatorShare = generator.shareOfMachine();
            long sent = producing.get(duration.toSeconds() + 60, TimeUnit.SECONDS);
            long[] expected = new long[settings.streams()];
            for (int s = 0; s < expected.length; s++) {
                expected[s] = PacedProducer.recordsOf(s, sent, settings.streams());
            }
            readers.awaitReceived(expected, settings.drainTimeout());
            return new LatencyResult(readers.latencies(), probe.stop(), sent, sent * settings.subscribersPerStream(),
                    readers.received(), readers.duplicates(), readers.gaps(), readers.connections(),
                    producer.maxBehindNanos() / 1e6, generatorShare, usage.generatorShare(),
                    usage.machineBusyShare(), usage.serverCores().getOrDefault(server.name(), Double.NaN),
                    readers.errors());
        } finally {
            producer.stopAt(0);
            producerThread.join(TimeUnit.SECONDS.toMillis(30));
        }
    }

    /** Waits until the connector has committed the priming record of every partition. */
    private void awaitPrimed(String connector, long primingRecords) throws Exception {
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (rig.committedRecords(connector) < primingRecords) {
            check(System.nanoTime() < deadline, "the connector into " + server.name()
                    + " did not commit its priming records within " + START_TIMEOUT.toSeconds() + " s");
            Thread.sleep(50);
        }
    }

    /** Closes the streams so the readers end, then deletes them with the priming streams. */
    private void endStreams(String topic, List<URI> streams, SubscriberGroup readers) throws Exception {
        try {
            for (URI stream : streams) {
                rig.streams().close(stream);
            }
            readers.awaitEnd(END_TIMEOUT);
        } finally {
            readers.close();
        }
        for (URI stream : streams) {
            rig.streams().delete(stream);
        }
        for (int p = 0; p < rig.settings().partitions(); p++) {
            rig.streams().deleteIfPresent(server.streamUri(topic + "/" + PacedProducer.primingKey(p)));
        }
        rig.deleteTopic(topic);
    }

    private static void check(boolean condition, String problem) {
        if (!condition) {
            throw new IllegalStateException(problem);
        }
    }
}
