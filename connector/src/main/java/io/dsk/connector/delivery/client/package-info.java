/**
 * HTTP transport to a Durable Streams server: the {@link io.dsk.connector.delivery.client.StreamTransport}
 * seam, its {@code java.net.http} implementation and the request and response values that cross it.
 */
package io.dsk.connector.delivery.client;
