/**
 * The Durable Streams protocol over Undertow: routing under {@code /v1/stream/}, browser security
 * and CORS headers, bounded request bodies, and one handler per operation. Storage work runs on
 * worker threads, except catch-up reads of data in memory, answered on the IO thread
 * ({@link io.dsk.gateway.http.ReadHandler}); live reads park their exchange instead of holding a
 * thread. One sweeper thread removes expired streams every second and enforces retention on its
 * own schedule ({@link io.dsk.gateway.http.RetentionSweeper}).
 */
package io.dsk.gateway.http;
