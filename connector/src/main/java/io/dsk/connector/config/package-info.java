/**
 * Configuration: the connector's {@code ConfigDef}, its choices, cross-field checks and the gateway
 * reachability check run by {@code validate()}.
 */
package io.dsk.connector.config;
