/**
 * HTTP/1.1 on raw connections, for load generators whose per-response cost must stay below the
 * server's: {@link io.dsk.bench.http.HttpResponseReader}, the incremental response parser every
 * benchmark reads with, and {@link io.dsk.bench.http.ResponseHead}, a response's status and headers.
 */
package io.dsk.bench.http;
