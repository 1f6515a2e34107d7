/**
 * Authentication and authorisation of the stream API: bearer JWTs, path grants per action, and
 * rate limits per client address and token subject.
 *
 * <p>Entry point: {@link io.dsk.gateway.auth.AuthHandlers#wrap(io.undertow.server.HttpHandler,
 * io.dsk.gateway.auth.AuthSettings, io.dsk.gateway.auth.RateLimitSettings)}. Security choices:
 * each key verifies only the algorithms of its type ({@code none} never); a claim value used in a
 * path pattern is encoded into exactly one segment before it is compared; paths are read by
 * {@link io.dsk.path.StreamPath#fromRequestPath(String)}, as with auth off, and anything it refuses
 * is a 400 before any grant is consulted; tokens are never logged.
 */
package io.dsk.gateway.auth;
