/** Task metrics: what is written, retried, skipped as duplicate and dead-lettered, and append latency. */
package io.dsk.connector.metrics;
