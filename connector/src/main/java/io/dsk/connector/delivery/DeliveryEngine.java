package io.dsk.connector.delivery;

import io.dsk.connector.delivery.client.CreateRequest;
import io.dsk.connector.delivery.client.ProtocolHeaders;
import io.dsk.connector.delivery.client.StreamTransport;
import io.dsk.connector.delivery.client.TransportResponse;
import io.dsk.connector.metrics.SinkMetrics;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.sink.SinkRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers records to streams: per (source partition, stream) lanes in Kafka order, one request in flight
 * per lane and many lanes at once, idempotent producer headers and the source range on every append.
 *
 * <p>The task thread hands records in with {@link #accept}, {@link #skip} and {@link #reject}; answers and
 * timers run on one delivery thread. All state is guarded by this object's monitor. A failure that must
 * stop the task is kept and rethrown by {@link #throwIfFailed()} at the next call from the task.
 */
public final class DeliveryEngine implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(DeliveryEngine.class);
    private static final int MAX_SEQUENCE_GAPS = 5;

    private final DeliverySettings settings;
    private final StreamTransport transport;
    private final BadRecordSink badRecords;
    private final SinkMetrics metrics;
    private final ScheduledExecutorService loop;
    private final long lingerNanos;
    private final Map<String, Map<TopicPartition, Lane>> lanes = new HashMap<>();
    private final Set<Lane> waiting = new LinkedHashSet<>();
    private final OffsetTracker offsets = new OffsetTracker();
    private final AtomicReference<ConnectException> failure = new AtomicReference<>();
    private int inFlight;
    private int buffered;
    private boolean failing;
    private long recordsWritten;
    private long duplicatesSkipped;
    private long recordsDeadLettered;
    private long retries;

    /**
     * @param settings   batching, limits and retry policy
     * @param transport  sends requests to the server
     * @param badRecords receives records that can never be delivered
     * @param metrics    counts what happens
     */
    public DeliveryEngine(DeliverySettings settings, StreamTransport transport, BadRecordSink badRecords,
                          SinkMetrics metrics) {
        this.settings = settings;
        this.transport = transport;
        this.badRecords = badRecords;
        this.metrics = metrics;
        this.lingerNanos = TimeUnit.MILLISECONDS.toNanos(settings.lingerMs());
        this.loop = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "dsk-delivery-" + settings.connectorName());
            thread.setDaemon(true);
            return thread;
        });
        long tick = Math.max(1, Math.min(settings.lingerMs() / 2, 50));
        loop.scheduleWithFixedDelay(this::onTick, tick, tick, TimeUnit.MILLISECONDS);
    }

    /**
     * Queues a record for its stream. Waits while the task already buffers the most records allowed.
     *
     * @param record the rendered record
     * @throws ConnectException if delivery has failed for good
     */
    public void accept(PendingRecord record) {
        accept(List.of(record));
    }

    /**
     * Queues records for their streams, in order, under one lock, then sends what became ready on the
     * lanes they went to. Waits while the task already buffers the most records allowed.
     *
     * @param records the rendered records, in the order Kafka delivered them
     * @throws ConnectException if delivery has failed for good
     */
    public synchronized void accept(List<PendingRecord> records) {
        throwIfFailed();
        Set<Lane> touched = new LinkedHashSet<>();
        long now = System.nanoTime();
        for (PendingRecord record : records) {
            if (buffered >= settings.maxBufferedRecords()) {
                dispatch(touched);
                touched.clear();
                awaitBufferSpace();
                now = System.nanoTime();
            }
            touched.add(enqueue(record, now));
        }
        dispatch(touched);
    }

    private void awaitBufferSpace() {
        while (buffered >= settings.maxBufferedRecords() && failure.get() == null) {
            try {
                wait(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new ConnectException("interrupted while waiting for buffer space", e);
            }
        }
        throwIfFailed();
    }

    private Lane enqueue(PendingRecord record, long now) {
        record.slot = offsets.track(record.partition(), record.offset());
        Map<TopicPartition, Lane> byPartition = lanes.computeIfAbsent(record.path(), path -> new HashMap<>());
        Lane lane = byPartition.get(record.partition());
        if (lane == null) {
            lane = new Lane(record.partition(), record.path(), record.contentType(), ProducerIds.of(
                    settings.connectorName(), record.partition().topic(), record.partition().partition(),
                    record.path()));
            byPartition.put(record.partition(), lane);
        }
        lane.enqueue(record, now);
        buffered++;
        if (lane.inFlight == null) {
            waiting.add(lane);
        }
        return lane;
    }

    /**
     * Marks a record as handled without writing it (a skipped null value).
     *
     * @param record the record
     */
    public synchronized void skip(SinkRecord record) {
        offsets.track(new TopicPartition(record.topic(), record.kafkaPartition()), record.kafkaOffset()).markDone();
    }

    /**
     * Hands a record that can never be delivered to the errant record reporter.
     *
     * @param record the record
     * @param reason why; its message must not hold record contents
     * @throws ConnectException if bad records are not tolerated
     */
    public synchronized void reject(SinkRecord record, Throwable reason) {
        OffsetSlot slot = offsets.track(new TopicPartition(record.topic(), record.kafkaPartition()),
                record.kafkaOffset());
        slot.awaitReport(badRecords.report(record, reason));
        metrics.deadLettered(1);
    }

    /**
     * @return per partition, the next offset to consume such that every earlier record is durably handled
     * @throws ConnectException if delivery has failed for good
     */
    public synchronized Map<TopicPartition, Long> committableOffsets() {
        throwIfFailed();
        try {
            return offsets.committable();
        } catch (ExecutionException e) {
            throw fail(new ConnectException("The errant record reporter failed to report a record", e.getCause()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ConnectException("interrupted while reading delivered offsets", e);
        }
    }

    /**
     * Drops everything of partitions this task no longer owns. Requests in flight finish unobserved; the
     * next owner's producer session fences them.
     *
     * @param partitions the revoked or closed partitions
     */
    public synchronized void release(Collection<TopicPartition> partitions) {
        for (Iterator<Map<TopicPartition, Lane>> it = lanes.values().iterator(); it.hasNext(); ) {
            Map<TopicPartition, Lane> byPartition = it.next();
            for (TopicPartition partition : partitions) {
                Lane lane = byPartition.remove(partition);
                if (lane != null) {
                    lane.abandoned = true;
                    buffered -= lane.queuedCount() + (lane.inFlight == null ? 0 : lane.inFlight.records().size());
                    lane.drainQueue();
                    waiting.remove(lane);
                }
            }
            if (byPartition.isEmpty()) {
                it.remove();
            }
        }
        offsets.forget(partitions);
        notifyAll();
    }

    /**
     * Sends every queued record without waiting for linger and waits until all are handled.
     *
     * @param timeout how long to wait
     * @return whether everything was handled in time
     * @throws ConnectException if delivery has failed for good
     */
    public synchronized boolean drain(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        for (Map<TopicPartition, Lane> byPartition : lanes.values()) {
            byPartition.values().forEach(lane -> lane.urgent = lane.hasQueued());
        }
        dispatchReady();
        while (buffered > 0 && failure.get() == null) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return false;
            }
            try {
                wait(Math.max(1, TimeUnit.NANOSECONDS.toMillis(left)));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        throwIfFailed();
        return true;
    }

    /**
     * Rethrows the failure that stopped delivery, if any.
     *
     * @throws ConnectException the failure
     */
    public void throwIfFailed() {
        ConnectException failed = failure.get();
        if (failed != null) {
            throw failed;
        }
    }

    private synchronized void onTick() {
        if (!waiting.isEmpty()) {
            dispatchReady();
        }
    }

    private void dispatchReady() {
        if (failure.get() != null) {
            return;
        }
        long now = System.nanoTime();
        for (Iterator<Lane> it = waiting.iterator(); it.hasNext() && inFlight < settings.maxInFlight(); ) {
            Lane lane = it.next();
            if (lane.inFlight != null || !lane.hasQueued()) {
                it.remove();
            } else if (lane.isReady(now, settings.batchMaxRecords(), settings.batchMaxBytes(), lingerNanos)) {
                it.remove();
                send(new Batch(lane, lane.takeBatch(settings.batchMaxRecords(), settings.batchMaxBytes(), now)));
            }
        }
    }

    /** Sends what is ready on the given lanes only; other waiting lanes are left to answers and the timer. */
    private void dispatch(Collection<Lane> touched) {
        if (failure.get() != null) {
            return;
        }
        long now = System.nanoTime();
        for (Lane lane : touched) {
            if (inFlight >= settings.maxInFlight()) {
                return;
            }
            if (lane.isReady(now, settings.batchMaxRecords(), settings.batchMaxBytes(), lingerNanos)
                    && waiting.remove(lane)) {
                send(new Batch(lane, lane.takeBatch(settings.batchMaxRecords(), settings.batchMaxBytes(), now)));
            }
        }
    }

    private void send(Batch batch) {
        batch.lane.inFlight = batch;
        batch.sentNanos = System.nanoTime();
        inFlight++;
        metrics.batchSent();
        transport.append(batch.toRequest())
                .whenCompleteAsync((response, error) -> onAnswer(batch, response, error), loop);
    }

    private synchronized void onAnswer(Batch batch, TransportResponse response, Throwable error) {
        inFlight--;
        try {
            if (batch.lane.abandoned || failure.get() != null) {
                return;
            }
            metrics.appendLatency(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - batch.sentNanos));
            if (error != null) {
                retryLater(batch, -1, describe(error));
            } else {
                handle(batch, response);
            }
        } catch (RuntimeException e) {
            failUnexpected(e, "Delivery failed for " + batch.describe());
        } finally {
            dispatchReady();
            notifyAll();
        }
    }

    private void handle(Batch batch, TransportResponse response) {
        int status = response.status();
        if (status == 204 && batch.lane.session.isFresh()) {
            claimAfterAmbiguousDuplicate(batch, response);
        } else if (status >= 200 && status < 300) {
            accepted(batch, status == 204);
        } else if (status == 403 && response.producerEpoch().isPresent()) {
            fenced(batch, response.producerEpoch().getAsLong());
        } else if (status == 401 || status == 403) {
            throw fail(new ConnectException("The server at " + transport.urlOf("") + " refused to write ("
                    + response.describe() + "). Check " + "ds.token and the write grants of its token."));
        } else if (status == 404) {
            missing(batch);
        } else if (status == 409) {
            conflict(batch, response);
        } else if (status == 400 || status == 413) {
            rejected(batch, response);
        } else if (status == 408 || status == 429 || status >= 500) {
            retryLater(batch, RetryPolicy.retryAfterMs(response.header(ProtocolHeaders.RETRY_AFTER),
                    System.currentTimeMillis()), "HTTP " + status);
        } else if (status == 410) {
            deadLetter(batch, "the stream was deleted (410 Gone)");
        } else {
            deadLetter(batch, "the server refused the append: HTTP " + status, response.reason());
        }
    }

    private void accepted(Batch batch, boolean duplicate) {
        Lane lane = batch.lane;
        lane.session.accepted();
        lane.splitLimit = Integer.MAX_VALUE;
        lane.sequenceGaps = 0;
        if (duplicate) {
            duplicates(batch.records().size());
        } else {
            metrics.written(batch.records().size(), batch.bodyBytes);
            recordsWritten += batch.records().size();
        }
        if (failing) {
            failing = false;
            LOG.info("Appends succeed again after {} retries so far", retries);
        }
        resolveWritten(batch.records());
        finish(lane);
    }

    private void duplicates(int count) {
        metrics.duplicatesSkipped(count);
        duplicatesSkipped += count;
    }

    /**
     * A 204 to the first request of a session at (epoch 0, seq 0): either an earlier session's producer
     * state made it look like a duplicate, or (after a lost answer) it is our own request. Only the source
     * watermark can tell; without it the batch is resent in a new epoch, which never loses a record.
     */
    private void claimAfterAmbiguousDuplicate(Batch batch, TransportResponse response) {
        Lane lane = batch.lane;
        claim(batch, response.producerEpoch().orElse(lane.session.epoch()));
        OptionalLong watermark = response.sourceWatermark();
        if (watermark.isPresent() && watermark.getAsLong() >= batch.lastOffset()) {
            duplicates(batch.records().size());
            resolveWritten(batch.records());
            finish(lane);
        } else {
            send(batch);
        }
    }

    private void fenced(Batch batch, long serverEpoch) {
        Lane lane = batch.lane;
        if (lane.session.isConfirmed()) {
            throw fail(new ConnectException("Another producer took over " + batch.describe() + " at epoch "
                    + serverEpoch + ": a newer task writes this stream from " + lane.partition + ". This task "
                    + "stops so that it cannot write out of order; Connect assigns the partition elsewhere."));
        }
        claim(batch, serverEpoch);
        send(batch);
    }

    private void claim(Batch batch, long serverEpoch) {
        if (!batch.lane.session.claimAfter(serverEpoch)) {
            throw fail(new ConnectException("Could not claim the producer of " + batch.describe() + " after "
                    + ProducerSession.MAX_CLAIMS + " tries: another writer keeps raising its epoch. Make sure only "
                    + "one connector named '" + settings.connectorName() + "' writes to " + transport.urlOf("")));
        }
    }

    private void missing(Batch batch) {
        Lane lane = batch.lane;
        if (!settings.autoCreate()) {
            deadLetter(batch, "the stream does not exist; create it, or set ds.auto.create=true");
        } else if (lane.createAttempted) {
            deadLetter(batch, "the stream is still missing after it was created");
        } else {
            lane.createAttempted = true;
            inFlight++;
            transport.create(new CreateRequest(lane.path, lane.contentType.mediaType(), settings.ttlSeconds(),
                    settings.expiresAt())).whenCompleteAsync((response, error) -> onCreated(batch, response, error),
                    loop);
        }
    }

    private synchronized void onCreated(Batch batch, TransportResponse response, Throwable error) {
        inFlight--;
        try {
            if (batch.lane.abandoned || failure.get() != null) {
                return;
            }
            int status = error == null ? response.status() : -1;
            if (error != null || status == 408 || status == 429 || status >= 500) {
                batch.lane.createAttempted = false;
                retryLater(batch, -1, error != null ? describe(error) : "creating the stream: HTTP " + status);
            } else if (status >= 200 && status < 300) {
                send(batch);
            } else if (status == 401 || status == 403) {
                throw fail(new ConnectException("The server at " + transport.urlOf("") + " refused to create a "
                        + "stream (" + response.describe() + "). Check ds.token and the admin or write grants of its "
                        + "token, or create the streams beforehand and set ds.auto.create=false."));
            } else if (status == 409) {
                deadLetter(batch, "the stream exists with another configuration (content type, TTL, expiry or "
                        + "closed); check ds.content.type, ds.stream.ttl.seconds and ds.stream.expires.at");
            } else {
                deadLetter(batch, "creating the stream failed: HTTP " + status, response.reason());
            }
        } catch (RuntimeException e) {
            failUnexpected(e, "Creating a stream failed for " + batch.describe());
        } finally {
            dispatchReady();
            notifyAll();
        }
    }

    private void conflict(Batch batch, TransportResponse response) {
        Lane lane = batch.lane;
        OptionalLong watermark = response.sourceWatermark();
        if (response.streamClosed()) {
            closedStream(batch);
        } else if (response.sequenceGap()) {
            if (++lane.sequenceGaps > MAX_SEQUENCE_GAPS) {
                throw fail(new ConnectException("The server keeps reporting producer sequence gaps for "
                        + batch.describe() + " (" + response.describe() + "); it may have lost producer state."));
            }
            LOG.warn("Producer sequence gap for {}; starting a new producer epoch", batch.describe());
            claim(batch, lane.session.epoch());
            send(batch);
        } else if (watermark.isPresent()) {
            skipWritten(batch, watermark.getAsLong());
            if (batch.records().isEmpty()) {
                finish(lane);
            } else {
                send(batch);
            }
        } else {
            deadLetter(batch, "the server refused the append with 409 Conflict; the stream's content type may "
                    + "differ from ds.content.type", response.reason());
        }
    }

    /**
     * The stream is closed. Records an earlier session already wrote (a closing batch redelivered after a
     * crash) are in the stream: the source watermark tells which; only the others are bad records.
     */
    private void closedStream(Batch batch) {
        Lane lane = batch.lane;
        inFlight++;
        transport.sourceWatermark(lane.path, lane.partition.topic(), lane.partition.partition())
                .whenCompleteAsync((watermark, error) -> onClosedStreamWatermark(batch, watermark, error), loop);
    }

    private synchronized void onClosedStreamWatermark(Batch batch, OptionalLong watermark, Throwable error) {
        inFlight--;
        try {
            if (batch.lane.abandoned || failure.get() != null) {
                return;
            }
            if (error == null && watermark.isPresent()) {
                skipWritten(batch, watermark.getAsLong());
            }
            if (batch.records().isEmpty()) {
                finish(batch.lane);
            } else {
                deadLetter(batch, "the stream is closed; no more records can be appended to it");
            }
        } catch (RuntimeException e) {
            failUnexpected(e, "Delivery failed for " + batch.describe());
        } finally {
            dispatchReady();
            notifyAll();
        }
    }

    private void rejected(Batch batch, TransportResponse response) {
        Lane lane = batch.lane;
        int size = batch.records().size();
        if (size > 1) {
            lane.splitLimit = Math.max(1, size / 2);
            lane.inFlight = null;
            lane.requeueFront(batch.records());
            waiting.add(lane);
        } else {
            deadLetter(batch, "the server rejected the record: HTTP " + response.status(), response.reason());
        }
    }

    private void retryLater(Batch batch, long retryAfterMs, String reason) {
        long now = System.nanoTime();
        if (batch.firstFailureNanos < 0) {
            batch.firstFailureNanos = now;
        }
        batch.retries++;
        long elapsedMs = TimeUnit.NANOSECONDS.toMillis(now - batch.firstFailureNanos);
        long delay = settings.retryPolicy().delayBeforeRetry(batch.retries, retryAfterMs, elapsedMs);
        if (delay < 0) {
            throw fail(new ConnectException("Cannot deliver to the Durable Streams server at " + transport.urlOf("")
                    + ": an append failed " + batch.retries + " times over " + elapsedMs + " ms, last with " + reason
                    + ". Check that the server is running and reachable and that " + settings.urlConfigHint()
                    + " is right, or raise ds.retry.timeout.ms and ds.retry.max.attempts."));
        }
        metrics.retried();
        retries++;
        if (!failing) {
            failing = true;
            LOG.warn("Appends to {} are failing ({}), first for {}; retrying with backoff", transport.urlOf(""), reason,
                    batch.describe());
        } else {
            LOG.debug("Append for {} failed again ({}); retry {} in {} ms", batch.describe(), reason, batch.retries,
                    delay);
        }
        loop.schedule(() -> resendLater(batch), delay, TimeUnit.MILLISECONDS);
    }

    private synchronized void resendLater(Batch batch) {
        if (!batch.lane.abandoned && failure.get() == null) {
            send(batch);
        }
    }

    private void deadLetter(Batch batch, String reason) {
        deadLetter(batch, reason, "");
    }

    /**
     * @param reason       why, for logs and the reporter
     * @param serverReason the server's own words, for the reporter only: logs never echo server text,
     *                     which might quote record data
     */
    private void deadLetter(Batch batch, String reason, String serverReason) {
        LOG.warn("Sending {} record(s) of {} to the errant record reporter: {}", batch.records().size(),
                batch.describe(), reason);
        String message = serverReason.isEmpty() ? reason : reason + " (server: " + serverReason + ")";
        for (PendingRecord record : batch.records()) {
            record.slot.awaitReport(badRecords.report(record.record(), new BadRecordException(message)));
        }
        metrics.deadLettered(batch.records().size());
        recordsDeadLettered += batch.records().size();
        buffered -= batch.records().size();
        finish(batch.lane);
    }

    private void resolveWritten(List<PendingRecord> records) {
        for (PendingRecord record : records) {
            record.slot.markDone();
        }
        buffered -= records.size();
    }

    private void finish(Lane lane) {
        lane.inFlight = null;
        if (lane.hasQueued()) {
            waiting.add(lane);
        }
    }

    /** Drops from the batch the records at or below the stream's source watermark: they are already written. */
    private void skipWritten(Batch batch, long watermark) {
        List<PendingRecord> already = batch.trimThrough(watermark);
        duplicates(already.size());
        resolveWritten(already);
    }

    private void failUnexpected(RuntimeException e, String what) {
        fail(e instanceof ConnectException ? (ConnectException) e : new ConnectException(what, e));
    }

    private ConnectException fail(ConnectException e) {
        if (failure.compareAndSet(null, e)) {
            LOG.error("Delivery stopped: {}", e.getMessage());
        }
        notifyAll();
        return failure.get();
    }

    private static String describe(Throwable error) {
        Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
        return cause.getClass().getSimpleName() + (cause.getMessage() == null ? "" : ": " + cause.getMessage());
    }

    /** Stops the delivery thread and the transport. Records not yet delivered are redelivered by Kafka. */
    @Override
    public void close() {
        loop.shutdownNow();
        transport.close();
    }

    /** @return counts of what this engine did, for the task's log line at stop */
    public synchronized String summary() {
        return "written " + recordsWritten + " records, skipped " + duplicatesSkipped + " duplicates, sent "
                + recordsDeadLettered + " to the errant record reporter, retried " + retries + " requests";
    }

    /** @return how many streams currently have records in this task, for logs and tests */
    public synchronized int laneCount() {
        int count = 0;
        for (Map<TopicPartition, Lane> byPartition : lanes.values()) {
            count += byPartition.size();
        }
        return count;
    }
}
