package io.dsk.connector.delivery;

import static io.dsk.connector.config.DurableStreamsSinkConfig.CLOSED_STREAM_BEHAVIOR_CONFIG;
import static io.dsk.connector.config.DurableStreamsSinkConfig.RETRY_MAX_CONFIG;
import static io.dsk.connector.config.DurableStreamsSinkConfig.RETRY_TIMEOUT_CONFIG;

import io.dsk.connector.config.ClosedStreamBehavior;
import io.dsk.connector.delivery.client.CreateRequest;
import io.dsk.connector.delivery.client.SourceWatermarkAnswer;
import io.dsk.connector.delivery.client.StreamTransport;
import io.dsk.connector.delivery.client.TransportResponse;
import io.dsk.connector.metrics.SinkMetrics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BiConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.sink.SinkRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers records to streams: per (source partition, stream) lanes in Kafka order, one request in flight
 * per lane and many lanes at once, idempotent producer headers and the source range on every append.
 * What an answer means is {@link OutcomeTable}'s to say; this class decides what to do about it.
 *
 * <p>The task thread hands records in with {@link #accept}, {@link #skip} and {@link #reject}; answers and
 * timers run on the {@link DeliveryLoop} (one delivery thread in a task). All state is guarded by this
 * object's monitor. A failure that must stop the task is kept and rethrown by {@link #throwIfFailed()} at
 * the next call from the task. Time comes from the injected {@link Time}.
 */
public final class DeliveryEngine implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(DeliveryEngine.class);
    private static final int MAX_SEQUENCE_GAPS = 5;

    private final DeliverySettings settings;
    private final StreamTransport transport;
    private final BadRecordSink badRecords;
    private final SinkMetrics metrics;
    private final Time time;
    private final DeliveryLoop loop;
    private final long lingerNanos;
    private final Map<String, Map<TopicPartition, Lane>> lanes = new HashMap<>();
    private final Set<Lane> waiting = new LinkedHashSet<>();
    private final List<Batch> retrying = new ArrayList<>();
    private final OffsetTracker offsets = new OffsetTracker();
    private final AtomicReference<ConnectException> failure = new AtomicReference<>();
    private int inFlight;
    private int buffered;
    private boolean failing;
    private long recordsWritten;
    private long duplicatesSkipped;
    private long recordsDeadLettered;
    private long closedStreamSkipped;
    private long retries;

    /**
     * @param settings   batching, limits and retry policy
     * @param transport  sends requests to the server
     * @param badRecords receives records that can never be delivered
     * @param metrics    counts what happens
     */
    public DeliveryEngine(DeliverySettings settings, StreamTransport transport, BadRecordSink badRecords,
                          SinkMetrics metrics) {
        this(settings, transport, badRecords, metrics, Time.SYSTEM,
                new DeliveryThread("dsk-delivery-" + settings.connectorName()));
    }

    /**
     * @param time the clock of linger, latency, retries and {@link #drain}
     * @param loop where answers and ticks run
     */
    DeliveryEngine(DeliverySettings settings, StreamTransport transport, BadRecordSink badRecords,
                   SinkMetrics metrics, Time time, DeliveryLoop loop) {
        this.settings = settings;
        this.transport = transport;
        this.badRecords = badRecords;
        this.metrics = metrics;
        this.time = time;
        this.loop = loop;
        this.lingerNanos = TimeUnit.MILLISECONDS.toNanos(settings.lingerMs());
        loop.start(this::onTick, Math.max(1, Math.min(settings.lingerMs() / 2, 50)));
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
        long now = time.nanoseconds();
        for (PendingRecord record : records) {
            if (buffered >= settings.maxBufferedRecords()) {
                dispatch(touched);
                touched.clear();
                awaitBufferSpace();
                now = time.nanoseconds();
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
        if (lane.isIdle()) {
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
                    buffered -= lane.abandon();
                    waiting.remove(lane);
                }
            }
            if (byPartition.isEmpty()) {
                it.remove();
            }
        }
        retrying.removeIf(batch -> batch.lane().isAbandoned());
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
        long deadlineMs = time.milliseconds() + timeout.toMillis();
        for (Map<TopicPartition, Lane> byPartition : lanes.values()) {
            byPartition.values().forEach(Lane::hurry);
        }
        dispatchReady();
        try {
            time.waitObject(this, () -> buffered <= 0 || failure.get() != null, deadlineMs);
        } catch (TimeoutException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
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

    /** Sends retries that fell due and batches whose linger is over. Runs on the loop. */
    synchronized void onTick() {
        if (!retrying.isEmpty()) {
            resendDue();
        }
        if (!waiting.isEmpty()) {
            dispatchReady();
        }
    }

    private void resendDue() {
        long now = time.nanoseconds();
        List<Batch> due = new ArrayList<>();
        retrying.removeIf(batch -> batch.isRetryDue(now) && due.add(batch));
        for (Batch batch : due) {
            if (!batch.lane().isAbandoned() && failure.get() == null) {
                send(batch);
            }
        }
    }

    private void dispatchReady() {
        if (failure.get() != null) {
            return;
        }
        long now = time.nanoseconds();
        for (Iterator<Lane> it = waiting.iterator(); it.hasNext() && inFlight < settings.maxInFlight(); ) {
            Lane lane = it.next();
            if (!lane.isIdle() || !lane.hasQueued()) {
                it.remove();
            } else if (lane.isReady(now, settings.batchMaxRecords(), settings.batchMaxBytes(), lingerNanos)) {
                it.remove();
                send(lane.takeBatch(settings.batchMaxRecords(), settings.batchMaxBytes(), now));
            }
        }
    }

    /** Sends what is ready on the given lanes only; other waiting lanes are left to answers and the timer. */
    private void dispatch(Collection<Lane> touched) {
        if (failure.get() != null) {
            return;
        }
        long now = time.nanoseconds();
        for (Lane lane : touched) {
            if (inFlight >= settings.maxInFlight()) {
                return;
            }
            if (lane.isReady(now, settings.batchMaxRecords(), settings.batchMaxBytes(), lingerNanos)
                    && waiting.remove(lane)) {
                send(lane.takeBatch(settings.batchMaxRecords(), settings.batchMaxBytes(), now));
            }
        }
    }

    private void send(Batch batch) {
        metrics.batchSent();
        whenAnswered(transport.append(batch.toRequest(time.nanoseconds())), batch, (response, error) -> {
            metrics.appendLatency(batch.millisSinceSent(time.nanoseconds()));
            onAppendOutcome(batch, response,
                    error != null ? OutcomeTable.ofNoAnswer(error) : OutcomeTable.ofAppend(response, time.milliseconds()));
        });
    }

    /**
     * The one way every request of a batch completes: counted in flight until its answer, which is handled
     * under the lock on the loop unless the lane was released or delivery failed meanwhile; an unexpected
     * exception stops delivery; afterwards, whatever became ready is sent and waiting callers are woken.
     */
    private <T> void whenAnswered(CompletableFuture<T> request, Batch batch, BiConsumer<T, Throwable> onAnswer) {
        inFlight++;
        request.whenCompleteAsync((answer, error) -> completed(batch, () -> onAnswer.accept(answer, error)), loop);
    }

    private synchronized void completed(Batch batch, Runnable onAnswer) {
        inFlight--;
        try {
            if (!batch.lane().isAbandoned() && failure.get() == null) {
                onAnswer.run();
            }
        } catch (RuntimeException e) {
            fail(e instanceof ConnectException ? (ConnectException) e
                    : new ConnectException("Delivery failed for " + batch.describe(), e));
        } finally {
            dispatchReady();
            notifyAll();
        }
    }

    private void onAppendOutcome(Batch batch, TransportResponse response, Outcome outcome) {
        switch (outcome.kind()) {
            case DONE -> accepted(batch, false);
            case DUPLICATE -> {
                if (batch.lane().session().isFresh()) {
                    claimAfterAmbiguousDuplicate(batch, response);
                } else {
                    accepted(batch, true);
                }
            }
            case STALE_EPOCH -> fenced(batch, outcome.serverEpoch());
            case FATAL -> throw fail(new ConnectException("The server at " + transport.urlOf("") + " "
                    + outcome.reason()));
            case STREAM_MISSING -> missing(batch, outcome);
            case STREAM_CLOSED -> closedStream(batch);
            case SEQUENCE_GAP -> sequenceGap(batch, outcome);
            case TRIM_AND_RESEND -> trimAndResend(batch, outcome.watermark());
            case BODY_REFUSED -> refusedBody(batch, outcome);
            case RETRY_AFTER -> retryLater(batch, outcome);
            default -> deadLetter(batch, outcome.reason(), outcome.serverReason());
        }
    }

    private void accepted(Batch batch, boolean duplicate) {
        batch.lane().accepted();
        if (duplicate) {
            duplicates(batch.records().size());
        } else {
            metrics.written(batch.records().size(), batch.bodyBytes());
            recordsWritten += batch.records().size();
        }
        if (failing) {
            failing = false;
            LOG.info("Appends succeed again after {} retries so far", retries);
        }
        resolveWritten(batch.records());
        finish(batch.lane());
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
        Lane lane = batch.lane();
        claim(batch, response.producerEpoch().orElse(lane.session().epoch()));
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
        Lane lane = batch.lane();
        if (lane.session().isConfirmed()) {
            throw fail(new ConnectException("Another producer took over " + batch.describe() + " at epoch "
                    + serverEpoch + ": a newer task writes this stream from " + lane.partition() + ". This task "
                    + "stops so that it cannot write out of order; Connect assigns the partition elsewhere."));
        }
        claim(batch, serverEpoch);
        send(batch);
    }

    private void claim(Batch batch, long serverEpoch) {
        if (!batch.lane().session().claimAfter(serverEpoch)) {
            throw fail(new ConnectException("Could not claim the producer of " + batch.describe() + " after "
                    + ProducerSession.MAX_CLAIMS + " tries: another writer keeps raising its epoch. Make sure only "
                    + "one connector named '" + settings.connectorName() + "' writes to " + transport.urlOf("")));
        }
    }

    private void sequenceGap(Batch batch, Outcome outcome) {
        Lane lane = batch.lane();
        if (lane.sequenceGap() > MAX_SEQUENCE_GAPS) {
            throw fail(new ConnectException("The server keeps reporting producer sequence gaps for "
                    + batch.describe() + " (" + outcome.reason() + "); it may have lost producer state."));
        }
        LOG.warn("Producer sequence gap for {}; starting a new producer epoch", batch.describe());
        claim(batch, lane.session().epoch());
        send(batch);
    }

    private void trimAndResend(Batch batch, long watermark) {
        skipWritten(batch, watermark);
        if (batch.records().isEmpty()) {
            finish(batch.lane());
        } else {
            send(batch);
        }
    }

    private void missing(Batch batch, Outcome outcome) {
        Lane lane = batch.lane();
        if (!settings.autoCreate()) {
            deadLetter(batch, outcome.reason(), "");
        } else if (!lane.startCreate()) {
            deadLetter(batch, "the stream is still missing after it was created", "");
        } else {
            whenAnswered(transport.create(new CreateRequest(lane.path(), lane.contentType().mediaType(),
                    settings.ttlSeconds(), settings.expiresAt(), settings.retentionMs(), settings.retentionBytes())), batch, (response, error) -> onCreateOutcome(batch,
                    error != null ? OutcomeTable.ofNoAnswer(error) : OutcomeTable.ofCreate(response, time.milliseconds())));
        }
    }

    private void onCreateOutcome(Batch batch, Outcome outcome) {
        switch (outcome.kind()) {
            case DONE -> send(batch);
            case RETRY_AFTER -> {
                batch.lane().createFailed();
                retryLater(batch, outcome);
            }
            case FATAL -> throw fail(new ConnectException("The server at " + transport.urlOf("") + " "
                    + outcome.reason()));
            default -> deadLetter(batch, outcome.reason(), outcome.serverReason());
        }
    }

    /**
     * The stream is closed. Records an earlier session already wrote (a closing batch redelivered after a
     * crash) are in the stream: the source watermark tells which; only the others are late.
     */
    private void closedStream(Batch batch) {
        Lane lane = batch.lane();
        whenAnswered(transport.sourceWatermark(lane.path(), lane.partition().topic(), lane.partition().partition()),
                batch, (SourceWatermarkAnswer answer, Throwable error) -> onWatermarkOutcome(batch, error != null
                        ? OutcomeTable.ofNoAnswer(error) : OutcomeTable.ofWatermarkLookup(answer, time.milliseconds())));
    }

    private void onWatermarkOutcome(Batch batch, Outcome outcome) {
        if (outcome.kind() == Outcome.Kind.RETRY_AFTER) {
            retryLater(batch, outcome);
            return;
        }
        if (outcome.kind() == Outcome.Kind.NOT_ANSWERED) {
            LOG.warn("Cannot tell which records of {} the closed stream {} already holds, so all count as late: {}",
                    batch.describe(), batch.lane().path(), outcome.reason());
        } else if (outcome.watermark() >= 0) {
            skipWritten(batch, outcome.watermark());
        }
        if (batch.records().isEmpty()) {
            finish(batch.lane());
        } else {
            late(batch);
        }
    }

    /** Records addressed to a closed stream that it does not hold: skipped, bad records, or the end of the task. */
    private void late(Batch batch) {
        switch (settings.closedStream()) {
            case SKIP -> {
                int count = batch.records().size();
                LOG.warn("Skipping {} record(s) of {} addressed to the closed stream {}; set {}={} to send such records "
                        + "to the errant record reporter, or {} to stop the task", count, batch.describe(),
                        batch.lane().path(), CLOSED_STREAM_BEHAVIOR_CONFIG, ClosedStreamBehavior.DLQ.label(),
                        ClosedStreamBehavior.FAIL.label());
                metrics.closedStreamSkipped(count);
                closedStreamSkipped += count;
                resolveWritten(batch.records());
                finish(batch.lane());
            }
            case FAIL -> throw fail(new ConnectException(batch.records().size() + " record(s) of " + batch.describe()
                    + " are addressed to the closed stream " + transport.urlOf(batch.lane().path()) + ". Set "
                    + CLOSED_STREAM_BEHAVIOR_CONFIG + "=" + ClosedStreamBehavior.SKIP.label() + " to skip such late "
                    + "records, or " + ClosedStreamBehavior.DLQ.label() + " to send them to the errant record reporter."));
            default -> deadLetter(batch, "the stream is closed; no more records can be appended to it (see "
                    + CLOSED_STREAM_BEHAVIOR_CONFIG + ")", "");
        }
    }

    private void refusedBody(Batch batch, Outcome outcome) {
        if (batch.records().size() > 1) {
            batch.lane().splitAfterRefusal();
            waiting.add(batch.lane());
        } else {
            deadLetter(batch, outcome.reason(), outcome.serverReason());
        }
    }

    private void retryLater(Batch batch, Outcome outcome) {
        long now = time.nanoseconds();
        long elapsedMs = batch.failed(now);
        long delay = settings.retryPolicy().delayBeforeRetry(batch.retries(), outcome.retryAfterMs(), elapsedMs);
        if (delay < 0) {
            throw fail(new ConnectException("Cannot deliver to the Durable Streams server at " + transport.urlOf("")
                    + ": an append failed " + batch.retries() + " times over " + elapsedMs + " ms, last with "
                    + outcome.reason() + ". Check that the server is running and reachable and that "
                    + settings.urlConfigHint() + " is right, or raise " + RETRY_TIMEOUT_CONFIG + " and "
                    + RETRY_MAX_CONFIG + "."));
        }
        metrics.retried();
        retries++;
        if (!failing) {
            failing = true;
            LOG.warn("Appends to {} are failing ({}), first for {}; retrying with backoff", transport.urlOf(""),
                    outcome.reason(), batch.describe());
        } else {
            LOG.debug("Append for {} failed again ({}); retry {} in {} ms", batch.describe(), outcome.reason(),
                    batch.retries(), delay);
        }
        batch.retryAt(now + TimeUnit.MILLISECONDS.toNanos(delay));
        retrying.add(batch);
        loop.tickAfter(delay);
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
        finish(batch.lane());
    }

    private void resolveWritten(List<PendingRecord> records) {
        for (PendingRecord record : records) {
            record.slot.markDone();
        }
        buffered -= records.size();
    }

    private void finish(Lane lane) {
        lane.finish();
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

    private ConnectException fail(ConnectException e) {
        if (failure.compareAndSet(null, e)) {
            LOG.error("Delivery stopped: {}", e.getMessage());
        }
        notifyAll();
        return failure.get();
    }

    /** Stops the delivery loop and the transport. Records not yet delivered are redelivered by Kafka. */
    @Override
    public void close() {
        loop.close();
        transport.close();
    }

    /** @return counts of what this engine did, for the task's log line at stop */
    public synchronized String summary() {
        return "written " + recordsWritten + " records, skipped " + duplicatesSkipped + " duplicates, sent "
                + recordsDeadLettered + " to the errant record reporter, skipped " + closedStreamSkipped
                + " addressed to closed streams, retried " + retries + " requests";
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
