/**
 * The gateway process: settings, their loading from command line, environment and file, and the
 * server bootstrap that wires the protocol handler, health, readiness and metrics into Undertow.
 */
package io.dsk.gateway;
