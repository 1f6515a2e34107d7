/**
 * The gateway's raw configuration: one merged key to value view over the command line,
 * {@code DSK_*} environment variables and a properties file, with typed getters and strict
 * checking of unknown keys.
 *
 * <p>Every component reads its own keys from the same {@link io.dsk.gateway.config.ConfigValues};
 * once all have read, {@link io.dsk.gateway.config.ConfigValues#rejectUnknown()} fails on any key
 * nobody asked for, so a typo never silently falls back to a default.
 */
package io.dsk.gateway.config;
