/**
 * Authentication and authorisation of the stream API: bearer JWTs, path grants per action, and
 * rate limits per client address and token subject.
 *
 * <p>Entry point: {@link io.dsk.gateway.auth.AuthHandlers#wrap(io.undertow.server.HttpHandler,
 * io.dsk.gateway.auth.AuthSettings, io.dsk.gateway.auth.RateLimitSettings)}. Security choices:
 * each key verifies only the algorithms of its type ({@code none} never); a claim value used in a
 * path pattern must be one safe segment or the pattern does not match; paths are decoded once and
 * anything ambiguous is refused with 400 before any grant is consulted; tokens are never logged.
 */
package io.dsk.gateway.auth;
