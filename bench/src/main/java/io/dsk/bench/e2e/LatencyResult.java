package io.dsk.bench.e2e;

import io.dsk.bench.measure.LatencyHistogram;
import java.util.List;

/**
 * The outcome of one latency run: one rate, one server.
 *
 * @param latencies every subscriber's latencies of records sent in the measured window, merged
 * @param kafkaAlone latencies of the same records from send to a plain Kafka consumer's poll
 * @param sent records produced, warm-up included
 * @param expectedDeliveries {@code sent} times the readers of each record's stream
 * @param delivered distinct records the subscribers received
 * @param duplicates records a subscriber received again
 * @param gaps records a subscriber never received although a later one came
 * @param connections SSE responses opened over all subscribers (reconnects included)
 * @param maxProducerBehindMillis how late the paced producer was at worst
 * @param generatorShare the load generator's CPU over the measured window, share of the machine
 * @param processShare this whole process (generator, Kafka broker, Connect worker, connector), share of the machine
 * @param machineBusyShare every process on the machine, share of the machine
 * @param serverCores the server's CPU over the measured window, in cores
 * @param subscriberErrors the last connection error of subscribers that had one
 */
record LatencyResult(LatencyHistogram latencies, LatencyHistogram kafkaAlone, long sent, long expectedDeliveries,
        long delivered, long duplicates, long gaps, long connections, double maxProducerBehindMillis,
        double generatorShare, double processShare, double machineBusyShare, double serverCores,
        List<String> subscriberErrors) {

    /** Deliveries that never arrived before the drain timeout. */
    long missing() {
        return expectedDeliveries - delivered;
    }

    double p50Millis() {
        return latencies.percentileMillis(50);
    }

    double p99Millis() {
        return latencies.percentileMillis(99);
    }

    double maxMillis() {
        return latencies.maxMillis();
    }
}
