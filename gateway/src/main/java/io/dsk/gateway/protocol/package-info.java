/**
 * The Durable Streams wire protocol as values: header names, offsets, cursors, request header
 * parsing and validation, JSON mode message framing and SSE framing. Nothing here touches storage
 * or sockets.
 */
package io.dsk.gateway.protocol;
