package io.dsk.cli;

import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.util.Map;

/**
 * What a command reads and writes: standard input, standard output (bytes: stream data is written
 * as it is), standard error (lines) and the environment. Tests pass their own.
 *
 * @param in standard input
 * @param out standard output
 * @param err standard error
 * @param env the environment variables
 */
record Terminal(InputStream in, OutputStream out, PrintStream err, Map<String, String> env) {
}
