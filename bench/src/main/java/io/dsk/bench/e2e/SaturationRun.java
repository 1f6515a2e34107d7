package io.dsk.bench.e2e;

import io.dsk.bench.run.CpuMeter;
import io.dsk.bench.run.ServerUnderTest;
import java.time.Duration;

/**
 * The connector's throughput into one server: a backlog of records is written to a fresh topic
 * first, then the connector is started and the run ends when its consumer group has committed every
 * offset. The connector commits only offsets the server acknowledged, so this measures the same
 * thing against both servers.
 */
final class SaturationRun {

    private static final Duration TIMEOUT = Duration.ofMinutes(10);
    private static final long POLL_MILLIS = 50;

    private final E2eRig rig;
    private final ServerUnderTest server;

    SaturationRun(E2eRig rig, ServerUnderTest server) {
        this.rig = rig;
        this.server = server;
    }

    /**
     * The outcome.
     *
     * @param fromStartPerTask records / time from creating the connector to the last commit, per task
     * @param steadyPerTask records committed after the first commit / time from the first to the last
     *        commit, per task: leaves out task start, group join and stream creation
     * @param serverCores the server's CPU over the run, in cores
     */
    record Result(double fromStartPerTask, double steadyPerTask, double serverCores) {
    }

    Result run(long records, String label) throws Exception {
        E2eSettings settings = rig.settings();
        String topic = "e2e-saturation-" + server.name() + "-" + label;
        rig.createTopic(topic);
        try (PacedProducer producer = new PacedProducer(rig.pipeline().bootstrapServers(), topic,
                settings.streams(), settings.partitions(), settings.payloadBytes())) {
            producer.sendBacklog(records);
        }
        CpuMeter.Window window = rig.cpu().start(server);
        long start = System.nanoTime();
        rig.pipeline().putConnector(topic, settings.connectorConfig(topic, topic, server.streamRootUrl()));
        try {
            return awaitCommitted(topic, records, start, window);
        } finally {
            rig.pipeline().deleteConnector(topic);
            for (int s = 0; s < settings.streams(); s++) {
                rig.streams().deleteIfPresent(server.streamUri(topic + "/" + PacedProducer.key(s)));
            }
            rig.deleteTopic(topic);
        }
    }

    private Result awaitCommitted(String connector, long records, long start, CpuMeter.Window window)
            throws Exception {
        long deadline = start + TIMEOUT.toNanos();
        long firstCommitAt = 0;
        long firstCommitted = 0;
        long committed = 0;
        while (committed < records) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(connector + ": " + committed + " of " + records
                        + " records committed after " + TIMEOUT.toMinutes() + " min");
            }
            Thread.sleep(POLL_MILLIS);
            committed = Math.max(committed, rig.committedRecords(connector));
            if (firstCommitAt == 0 && committed > 0) {
                firstCommitAt = System.nanoTime();
                firstCommitted = committed;
            }
        }
        long end = System.nanoTime();
        CpuMeter.Usage usage = window.stop();
        int tasks = rig.settings().tasks();
        double fromStart = records / ((end - start) / 1e9) / tasks;
        double steady = end > firstCommitAt && records > firstCommitted
                ? (records - firstCommitted) / ((end - firstCommitAt) / 1e9) / tasks : fromStart;
        return new Result(fromStart, steady, usage.serverCores().getOrDefault(server.name(), Double.NaN));
    }
}
