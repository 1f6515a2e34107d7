/**
 * Live reads without a thread per reader: a registry of waiters per stream that one append wakes
 * once, and a serial executor that lets each SSE connection run its steps one at a time on shared
 * worker threads.
 */
package io.dsk.gateway.live;
