package io.dsk.bench.live;

import io.dsk.bench.run.BenchContext;
import io.dsk.bench.run.ServerUnderTest;
import java.io.IOException;
import java.util.List;
import java.util.Map;

/**
 * The two servers of a live-read scenario, each (and this process) allowed up to {@code openFiles}
 * descriptors as far as the hard limit permits, and restartable one at a time: a server that fell behind (appends still unanswered at the end of a
 * cell) keeps working through its backlog and would load the shared machine during the next
 * measurement, so it is replaced by a fresh one.
 */
final class LiveServers implements AutoCloseable {

    private final BenchContext context;
    private final Map<String, String> gatewayOptions;
    private final long openFiles;
    private long lowestLimit;
    private ServerUnderTest dsk;
    private ServerUnderTest reference;

    /**
     * Starts both servers.
     *
     * @throws IOException if one does not start or its open-file limit cannot be raised
     */
    LiveServers(BenchContext context, Map<String, String> gatewayOptions, long openFiles)
            throws IOException, InterruptedException {
        this.context = context;
        this.gatewayOptions = gatewayOptions;
        this.openFiles = openFiles;
        lowestLimit = ProcessLimits.raiseOpenFiles(ProcessHandle.current().pid(), openFiles);
        dsk = startGateway();
        reference = startReference();
    }

    /** The lowest open-file limit of this process and the servers, after raising them. */
    long openFileLimit() {
        return lowestLimit;
    }

    ServerUnderTest dsk() {
        return dsk;
    }

    /** Both servers, the gateway first in even rounds and the reference first in odd ones. */
    List<ServerUnderTest> inOrderOfRound(int round) {
        return round % 2 == 0 ? List.of(dsk, reference) : List.of(reference, dsk);
    }

    /**
     * Replaces a server by a freshly started one of the same kind.
     *
     * @throws IOException if the new one does not start
     */
    void restart(ServerUnderTest server) throws IOException, InterruptedException {
        server.close();
        if (server == dsk) {
            dsk = startGateway();
        } else if (server == reference) {
            reference = startReference();
        } else {
            throw new IllegalArgumentException(server.name() + " is not one of this run's servers");
        }
    }

    @Override
    public void close() {
        dsk.close();
        reference.close();
    }

    private ServerUnderTest startGateway() throws IOException, InterruptedException {
        return allowOpenFiles(context.startGateway(gatewayOptions));
    }

    private ServerUnderTest startReference() throws IOException, InterruptedException {
        return allowOpenFiles(context.startReference());
    }

    private ServerUnderTest allowOpenFiles(ServerUnderTest server) throws IOException, InterruptedException {
        try {
            lowestLimit = Math.min(lowestLimit, ProcessLimits.raiseOpenFiles(server.pid(), openFiles));
            return server;
        } catch (IOException | InterruptedException | RuntimeException e) {
            server.close();
            throw e;
        }
    }
}
