package io.dsk.bench.live;

import io.dsk.bench.run.BenchContext;
import io.dsk.bench.run.ServerKind;
import io.dsk.bench.run.ServerUnderTest;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The servers of a live-read scenario, each (and this process) allowed up to {@code openFiles}
 * descriptors as far as the hard limit permits, and restartable one at a time: a server that fell
 * behind (appends still unanswered at the end of a cell) keeps working through its backlog and
 * would load the shared machine during the next measurement, so it is replaced by a fresh one.
 */
final class LiveServers implements AutoCloseable {

    private final BenchContext context;
    private final Map<String, String> gatewayOptions;
    private final long openFiles;
    private final Map<ServerKind, ServerUnderTest> running = new LinkedHashMap<>();
    private long lowestLimit;

    /**
     * Starts the servers.
     *
     * @param kinds which servers, in the order of even rounds
     * @throws IOException if one does not start or its open-file limit cannot be raised
     */
    LiveServers(BenchContext context, Map<String, String> gatewayOptions, long openFiles, List<ServerKind> kinds)
            throws IOException, InterruptedException {
        this.context = context;
        this.gatewayOptions = gatewayOptions;
        this.openFiles = openFiles;
        lowestLimit = ProcessLimits.raiseOpenFiles(ProcessHandle.current().pid(), openFiles);
        try {
            for (ServerKind kind : kinds) {
                running.put(kind, start(kind));
            }
        } catch (IOException | InterruptedException | RuntimeException e) {
            close();
            throw e;
        }
    }

    /** The lowest open-file limit of this process and the servers, after raising them. */
    long openFileLimit() {
        return lowestLimit;
    }

    /** The first gateway of the run (RocksDB before in memory), for profiling; empty if none runs. */
    Optional<ServerUnderTest> gateway() {
        return running.entrySet().stream().filter(e -> e.getKey().role().equals(FanOutResults.DSK))
                .map(Map.Entry::getValue).findFirst();
    }

    /** The servers in the given order in even rounds and in reverse in odd ones. */
    List<ServerUnderTest> inOrderOfRound(int round) {
        List<ServerUnderTest> order = new ArrayList<>(running.values());
        if (round % 2 == 1) {
            Collections.reverse(order);
        }
        return order;
    }

    /**
     * Replaces a server by a freshly started one of the same kind.
     *
     * @throws IOException if the new one does not start
     */
    void restart(ServerUnderTest server) throws IOException, InterruptedException {
        ServerKind kind = running.entrySet().stream().filter(e -> e.getValue() == server).map(Map.Entry::getKey)
                .findFirst().orElseThrow(() -> new IllegalArgumentException(server.name()
                        + " is not one of this run's servers"));
        server.close();
        running.put(kind, start(kind));
    }

    @Override
    public void close() {
        running.values().forEach(ServerUnderTest::close);
    }

    private ServerUnderTest start(ServerKind kind) throws IOException, InterruptedException {
        ServerUnderTest server = kind.start(context, gatewayOptions);
        try {
            lowestLimit = Math.min(lowestLimit, ProcessLimits.raiseOpenFiles(server.pid(), openFiles));
            return server;
        } catch (IOException | InterruptedException | RuntimeException e) {
            server.close();
            throw e;
        }
    }
}
