package io.dsk.bench.run;

import io.dsk.bench.report.ScenarioReport;

/**
 * One benchmark scenario: starts the servers it needs through the {@link BenchContext}, measures
 * them side by side for {@link BenchContext#rounds()} rounds and returns the figures. The runner
 * writes the report and stops any server the scenario left running.
 */
public interface Scenario {

    /**
     * Short id used on the command line and in file names: "appends", "catchup", "fanout", "idle",
     * "e2e", "cluster", "streams", "floor".
     */
    String id();

    /** One sentence for the runner's usage text. */
    String description();

    /**
     * Runs the scenario.
     *
     * @param context rounds, duration, options, server start-up, CPU metering and profiling
     * @return the figures, notes and plots of this run
     * @throws Exception if the scenario cannot complete; the runner reports it and moves on
     */
    ScenarioReport run(BenchContext context) throws Exception;
}
