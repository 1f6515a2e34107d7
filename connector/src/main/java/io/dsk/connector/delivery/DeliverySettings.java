package io.dsk.connector.delivery;

import io.dsk.connector.config.ClosedStreamBehavior;

/**
 * How the delivery engine batches, limits and creates.
 *
 * @param connectorName      the connector's name, part of every producer id
 * @param batchMaxRecords    most records per request
 * @param batchMaxBytes      most body bytes per request
 * @param lingerMs           how long a non-full batch waits
 * @param maxInFlight        most requests in flight per task
 * @param maxBufferedRecords most unacknowledged records per task
 * @param autoCreate         whether missing streams are created
 * @param ttlSeconds         TTL of created streams, -1 for none
 * @param expiresAt          expiry of created streams, empty for none
 * @param retryPolicy        backoff for transient failures
 * @param urlConfigHint      the text naming the settings to check when the server stays unreachable
 * @param closedStream       what records addressed to a closed stream do
 * @param retentionMs        retention by age of created streams in milliseconds, -1 for none
 * @param retentionBytes     retention by size of created streams in bytes, -1 for none
 */
public record DeliverySettings(String connectorName, int batchMaxRecords, int batchMaxBytes, long lingerMs,
                               int maxInFlight, int maxBufferedRecords, boolean autoCreate, long ttlSeconds,
                               String expiresAt, RetryPolicy retryPolicy, String urlConfigHint,
                               ClosedStreamBehavior closedStream, long retentionMs, long retentionBytes) {

    /** Settings that create streams without retention. */
    public DeliverySettings(String connectorName, int batchMaxRecords, int batchMaxBytes, long lingerMs,
                            int maxInFlight, int maxBufferedRecords, boolean autoCreate, long ttlSeconds,
                            String expiresAt, RetryPolicy retryPolicy, String urlConfigHint,
                            ClosedStreamBehavior closedStream) {
        this(connectorName, batchMaxRecords, batchMaxBytes, lingerMs, maxInFlight, maxBufferedRecords, autoCreate,
                ttlSeconds, expiresAt, retryPolicy, urlConfigHint, closedStream, -1, -1);
    }
}
