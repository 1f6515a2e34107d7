/**
 * {@code dsk}, the command line of DSK: one picocli subcommand per operation on a gateway's streams
 * ({@code ls}, {@code head}, {@code read}, {@code tail}, {@code append}, {@code create}, {@code close},
 * {@code delete}, {@code offsets}), over {@link java.net.http.HttpClient}.
 *
 * <p>Threads: every command runs on the thread that called {@link io.dsk.cli.DskCommand#run}; the
 * HTTP client's own threads only carry its IO. {@code tail} also registers a JVM shutdown hook: on
 * Ctrl-C (SIGINT) or SIGTERM the hook's thread waits for the message being written to end, prints
 * the next offset and halts the JVM with exit status 0.
 *
 * <p>Exit status: 0 success, 1 a failure (one line {@code dsk: error: <reason>} on standard error),
 * 2 a usage error (picocli's message and the usage).
 */
package io.dsk.cli;
