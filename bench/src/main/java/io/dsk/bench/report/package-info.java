/**
 * The results model of the benchmarks: {@link io.dsk.bench.report.Figure}s with one sample per
 * round for each server, their median, range and ratio, {@link io.dsk.bench.report.Target}s, and
 * the {@link io.dsk.bench.report.ScenarioReport} written as JSON, markdown and PNG plots.
 */
package io.dsk.bench.report;
