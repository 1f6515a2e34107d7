/**
 * Live reads without a thread per reader: a registry of waiters per stream that one append wakes
 * once, on a wake-up thread and not the thread that changed the stream; the change they share (one
 * read per position, work handed to other threads in one task per thread); and a serial executor
 * that lets each SSE connection run its steps one at a time on shared worker threads, or on the
 * wake-up thread when it is idle.
 *
 * <p>A live reader parks without a second store read: it takes {@link
 * io.dsk.gateway.live.StreamWaiters#changesSoFar} before its read (or keeps the change that woke
 * it) and learns on registering whether the stream changed since; only then does it check the
 * store. A long-poll whose stream is in memory is opened, read and parked on its IO thread; an SSE
 * read is opened there and its session's steps run as above.
 */
package io.dsk.gateway.live;
