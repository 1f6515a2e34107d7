/**
 * TLS for the gateway's listener: an {@link javax.net.ssl.SSLContext} built from PEM files or a
 * key store, and the PEM parsing shared with JWT public keys.
 *
 * <p>Entry points: {@link io.dsk.gateway.tls.TlsSettings#from(java.util.Map)} reads the
 * {@code tls-*} options and {@link io.dsk.gateway.tls.TlsContexts} turns them into a context for
 * Undertow's HTTPS listener.
 */
package io.dsk.gateway.tls;
