/**
 * The Durable Streams protocol over Undertow: routing under {@code /v1/stream/}, browser security
 * and CORS headers, bounded request bodies, and one handler per operation. Storage work runs on
 * worker threads; live reads park their exchange instead of holding a thread.
 */
package io.dsk.gateway.http;
