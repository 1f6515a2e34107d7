/**
 * The console page served at {@code /}: static files bundled into the jar by the Maven build.
 */
package io.dsk.gateway.web;
