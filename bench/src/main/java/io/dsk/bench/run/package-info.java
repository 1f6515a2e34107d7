/**
 * The benchmark runner: {@link io.dsk.bench.run.BenchRunner} parses the command line and runs
 * {@link io.dsk.bench.run.Scenario}s, each given a {@link io.dsk.bench.run.BenchContext} that starts
 * the servers under test as child processes, meters CPU from {@code /proc} and profiles the gateway
 * with JFR.
 */
package io.dsk.bench.run;
