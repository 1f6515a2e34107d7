/**
 * The gateway's options and their sources: the registry {@link io.dsk.gateway.config.GatewayOptions}
 * declares every option once (name, type, default, documentation, group, rule); the command line
 * is parsed by picocli from it ({@link io.dsk.gateway.config.GatewayCommandLine}), and
 * {@link io.dsk.gateway.config.ConfigValues} merges it with {@code DSK_*} environment variables and
 * a properties file, typing every value by the same rules ({@link io.dsk.gateway.config.OptionType}).
 * {@code --help} and the option tables of the docs ({@link io.dsk.gateway.config.OptionTables}) are
 * generated from the registry, so a typo never silently falls back to a default and the docs never
 * drift from the code.
 */
package io.dsk.gateway.config;
