package io.dsk.bench.run;

import io.dsk.bench.e2e.EndToEndScenario;
import io.dsk.bench.live.FanOutScenario;
import io.dsk.bench.live.IdleConnectionsScenario;
import io.dsk.bench.report.Figure;
import io.dsk.bench.report.ScenarioReport;
import io.dsk.bench.scenario.AppendsScenario;
import io.dsk.bench.scenario.CatchupScenario;
import io.dsk.bench.scenario.ClusterScenario;
import io.dsk.bench.scenario.FloorScenario;
import io.dsk.bench.scenario.StreamsScenario;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Runs benchmark scenarios against the gateway and the Node reference server side by side and
 * writes each scenario's report ({@code <results>/<date>-<scenario>.json}, {@code .md}, plots).
 *
 * <pre>
 * java -cp 'bench/target/dsk-bench.jar:bench/target/lib/*' io.dsk.bench.run.BenchRunner \
 *      --scenario appends|catchup|...|cluster|all [--rounds 3] [--seconds 10] [--results bench/results] [--set k=v]
 * </pre>
 */
public final class BenchRunner {

    /** Every scenario, in the order {@code --scenario all} runs them. */
    static List<Scenario> scenarios() {
        return List.of(new AppendsScenario(), new CatchupScenario(), new FanOutScenario(),
                FanOutScenario.connections(), new IdleConnectionsScenario(), new EndToEndScenario(),
                new ClusterScenario(), new StreamsScenario(), new FloorScenario());
    }

    private BenchRunner() {
    }

    public static void main(String[] args) throws Exception {
        RunnerOptions options = CommandLineOptions.parseOrExit(new RunnerOptions(), args);
        List<Scenario> chosen = choose(options.scenario);
        String command = "java -cp 'bench/target/dsk-bench.jar:bench/target/lib/*' " + BenchRunner.class.getName()
                + " " + shellQuoted(args);
        BenchSettings settings = options.settings(command);
        int failures = 0;
        for (Scenario scenario : chosen) {
            failures += runOne(scenario, settings) ? 0 : 1;
        }
        System.exit(failures == 0 ? 0 : 1);
    }

    /** The arguments as a shell would need them typed: single-quoted where they hold anything unusual. */
    static String shellQuoted(String[] args) {
        StringBuilder line = new StringBuilder();
        for (String arg : args) {
            line.append(line.length() == 0 ? "" : " ");
            line.append(arg.matches("[A-Za-z0-9_./:=,@%+-]+") ? arg : "'" + arg.replace("'", "'\\''") + "'");
        }
        return line.toString();
    }

    /** The scenarios an id names; {@code all} names every one. */
    static List<Scenario> choose(String id) {
        List<Scenario> all = scenarios();
        if (id.equals("all")) {
            return all;
        }
        Optional<Scenario> match = all.stream().filter(s -> s.id().equals(id)).findFirst();
        if (match.isEmpty()) {
            List<String> ids = new ArrayList<>();
            all.forEach(s -> ids.add(s.id() + " (" + s.description() + ")"));
            throw new IllegalArgumentException("unknown scenario '" + id + "'; choose all or one of " + ids);
        }
        return List.of(match.get());
    }

    private static boolean runOne(Scenario scenario, BenchSettings settings) {
        BenchContext context = new BenchContext(settings);
        String loadBefore = CpuMeter.loadAverage();
        CpuMeter.Window machine = context.cpu().start();
        System.out.printf(Locale.ROOT, "== %s: %s%n", scenario.id(), scenario.description());
        try {
            ScenarioReport report = scenario.run(context);
            CpuMeter.Usage usage = machine.stop();
            String condition = context.option("note", "");
            if (!condition.isBlank()) {
                report.note("Run condition: " + condition);
            }
            report.environment("cores", Integer.toString(context.cpu().cores()))
                    .environment("JDK", System.getProperty("java.vm.name") + " " + System.getProperty("java.version"))
                    .environment("load average before (1/5/15 min)", loadBefore)
                    .environment("load average after (1/5/15 min)", CpuMeter.loadAverage())
                    .environment("machine CPU busy during the run (all processes)",
                            String.format(Locale.ROOT, "%.0f%%", usage.machineBusyShare() * 100))
                    .environment("rounds", Integer.toString(settings.rounds()))
                    .environment("seconds per measurement", Long.toString(settings.duration().toSeconds()));
            ScenarioReport.ResultFiles files = report.write(settings.resultsDir(), settings.date());
            printSummary(report);
            System.out.println("wrote " + files.json() + " and " + files.markdown());
            return true;
        } catch (Exception e) {
            System.err.println(scenario.id() + " failed: " + e);
            e.printStackTrace();
            return false;
        } finally {
            context.closeServers();
        }
    }

    private static void printSummary(ScenarioReport report) {
        for (Figure f : report.figures()) {
            System.out.printf(Locale.ROOT, "%-28s %-32s dsk %-26s ref %-26s %s%n", f.name(), f.describeParams(),
                    f.dskSpread().describe(), f.referenceSpread().map(s -> s.describe()).orElse("-"),
                    f.ratio().isPresent() ? String.format(Locale.ROOT, "%.2fx", f.ratio().getAsDouble()) : "");
        }
    }
}
