/**
 * Names of the Durable Streams protocol shared by the connector and the gateway: its header names
 * and those of DSK's extensions. No dependencies.
 */
package io.dsk.protocol;
