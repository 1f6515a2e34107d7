package io.dsk.bench.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * The results of one scenario run: its figures, free-text notes, the load generator's CPU share,
 * plots and profiles. Written as {@code <date>-<scenario>.json} (for tools) and {@code .md} (for
 * readers) into the results directory. Not thread-safe: one scenario fills it, then it is written.
 */
public final class ScenarioReport {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final String scenario;
    private final String command;
    private final List<Figure> figures = new ArrayList<>();
    private final List<String> notes = new ArrayList<>();
    private final List<Path> plots = new ArrayList<>();
    private final List<Path> profiles = new ArrayList<>();
    private final Map<String, String> environment = new LinkedHashMap<>();
    private OptionalDouble loadGeneratorCpu = OptionalDouble.empty();

    private ScenarioReport(String scenario, String command) {
        this.scenario = scenario;
        this.command = command;
    }

    /**
     * Starts an empty report.
     *
     * @param scenario the scenario id, used in file names: letters, digits and dashes
     * @param command the command line that reproduces the run
     * @return the report
     */
    public static ScenarioReport of(String scenario, String command) {
        if (scenario == null || !scenario.matches("[a-z0-9][a-z0-9-]*")) {
            throw new IllegalArgumentException("scenario id must be lower-case letters, digits and dashes, got "
                    + scenario);
        }
        return new ScenarioReport(scenario, command == null ? "" : command);
    }

    public ScenarioReport figure(Figure f) {
        figures.add(f);
        return this;
    }

    /** Adds a paragraph of markdown, e.g. what limited a figure or the load on the machine. */
    public ScenarioReport note(String markdown) {
        notes.add(markdown);
        return this;
    }

    /** Adds a PNG written by {@link Plots}; linked relative to the results directory. */
    public ScenarioReport plot(Path png) {
        plots.add(png);
        return this;
    }

    /** Adds a profile (a JFR recording or its text summary) saved with the results. */
    public ScenarioReport profile(Path file) {
        profiles.add(file);
        return this;
    }

    /**
     * Records the load generator's own CPU use over the measured windows.
     *
     * @param shareOfMachine CPU time of the benchmark process over wall time times cores, 0..1
     */
    public ScenarioReport loadGeneratorCpu(double shareOfMachine) {
        if (!Double.isFinite(shareOfMachine) || shareOfMachine < 0) {
            throw new IllegalArgumentException("CPU share must be a finite number >= 0, got " + shareOfMachine);
        }
        loadGeneratorCpu = OptionalDouble.of(shareOfMachine);
        return this;
    }

    /** Describes the machine or the load on it (cores, load average, JDK); printed above the table. */
    public ScenarioReport environment(String key, String value) {
        environment.put(key, value);
        return this;
    }

    public String scenario() {
        return scenario;
    }

    public List<Figure> figures() {
        return List.copyOf(figures);
    }

    public List<String> notes() {
        return List.copyOf(notes);
    }

    public OptionalDouble loadGeneratorCpu() {
        return loadGeneratorCpu;
    }

    /** The two files a report is written to. */
    public record ResultFiles(Path json, Path markdown) {
    }

    /**
     * Writes {@code <date>-<scenario>.json} and {@code .md} into a directory, replacing earlier
     * files of the same date.
     *
     * @param resultsDir the directory, created if missing
     * @param date the date of the run
     * @return the files written
     * @throws UncheckedIOException if they cannot be written
     */
    public ResultFiles write(Path resultsDir, LocalDate date) {
        try {
            Files.createDirectories(resultsDir);
            Path json = resultsDir.resolve(date + "-" + scenario + ".json");
            Path md = resultsDir.resolve(date + "-" + scenario + ".md");
            Files.writeString(json, toJson(resultsDir, date) + "\n", StandardCharsets.UTF_8);
            Files.writeString(md, toMarkdown(resultsDir, date), StandardCharsets.UTF_8);
            return new ResultFiles(json, md);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the " + scenario + " report to " + resultsDir, e);
        }
    }

    /** The JSON document; paths relative to {@code resultsDir} where possible. */
    public String toJson(Path resultsDir, LocalDate date) {
        ObjectNode root = JSON.createObjectNode();
        root.put("scenario", scenario);
        root.put("date", date.toString());
        root.put("command", command);
        ObjectNode env = root.putObject("environment");
        environment.forEach(env::put);
        if (loadGeneratorCpu.isPresent()) {
            root.put("loadGeneratorCpuShare", loadGeneratorCpu.getAsDouble());
        } else {
            root.putNull("loadGeneratorCpuShare");
        }
        ArrayNode list = root.putArray("figures");
        figures.forEach(f -> list.add(figureJson(f)));
        notes.forEach(root.putArray("notes")::add);
        ArrayNode plotList = root.putArray("plots");
        plots.forEach(p -> plotList.add(relative(resultsDir, p)));
        ArrayNode profileList = root.putArray("profiles");
        profiles.forEach(p -> profileList.add(relative(resultsDir, p)));
        try {
            return JSON.writeValueAsString(root);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static ObjectNode figureJson(Figure f) {
        ObjectNode node = JSON.createObjectNode();
        node.put("name", f.name());
        node.put("unit", f.unit());
        ObjectNode params = node.putObject("params");
        f.params().forEach((k, v) -> params.putPOJO(k, v));
        node.put("better", f.better().name());
        node.set("dsk", spreadJson(f.dsk(), Optional.of(f.dskSpread())));
        node.set("reference", f.reference().isEmpty() ? null : spreadJson(f.reference(), f.referenceSpread()));
        OptionalDouble ratio = f.ratio();
        if (ratio.isPresent()) {
            node.put("ratio", ratio.getAsDouble());
        } else {
            node.putNull("ratio");
        }
        if (f.target().isPresent()) {
            ObjectNode target = node.putObject("target");
            target.put("kind", f.target().get().kind().name());
            target.put("value", f.target().get().value());
            node.put("met", f.targetMet().orElse(false));
        } else {
            node.putNull("target");
            node.putNull("met");
        }
        return node;
    }

    private static ObjectNode spreadJson(List<Double> samples, Optional<Spread> spread) {
        ObjectNode node = JSON.createObjectNode();
        ArrayNode values = node.putArray("samples");
        samples.forEach(values::add);
        node.put("median", spread.orElseThrow().median());
        node.put("min", spread.orElseThrow().min());
        node.put("max", spread.orElseThrow().max());
        return node;
    }

    /** The markdown page: title, command, environment, table, notes, generator CPU, plots, profiles. */
    public String toMarkdown(Path resultsDir, LocalDate date) {
        StringBuilder md = new StringBuilder();
        md.append("# ").append(scenario).append(" (").append(date).append(")\n\n");
        md.append("```\n").append(command).append("\n```\n\n");
        environment.forEach((k, v) -> md.append("- ").append(k).append(": ").append(v).append('\n'));
        if (!environment.isEmpty()) {
            md.append('\n');
        }
        md.append("| figure | params | dsk median [min..max] | reference median [min..max] | ratio dsk/ref "
                + "| target | met |\n");
        md.append("| --- | --- | --- | --- | --- | --- | --- |\n");
        figures.forEach(f -> md.append(tableRow(f)));
        md.append('\n');
        notes.forEach(n -> md.append(n).append("\n\n"));
        if (loadGeneratorCpu.isPresent()) {
            md.append(String.format(Locale.ROOT, "Load generator CPU: %.0f%% of the machine.%n%n",
                    loadGeneratorCpu.getAsDouble() * 100));
        }
        plots.forEach(p -> md.append("![").append(p.getFileName()).append("](")
                .append(relative(resultsDir, p)).append(")\n\n"));
        if (!profiles.isEmpty()) {
            md.append("Profiles:\n\n");
            profiles.forEach(p -> md.append("- [").append(p.getFileName()).append("](")
                    .append(relative(resultsDir, p)).append(")\n"));
            md.append('\n');
        }
        return md.toString();
    }

    private static String tableRow(Figure f) {
        String unit = f.unit().isEmpty() ? "" : " " + f.unit();
        String ref = f.referenceSpread().map(s -> s.describe() + unit).orElse("–");
        String ratio = f.ratio().isPresent() ? String.format(Locale.ROOT, "%.2f×", f.ratio().getAsDouble()) : "–";
        String target = f.target().map(t -> t.describe(f.unit())).orElse("–");
        String met = f.targetMet().map(m -> m ? "yes" : "**no**").orElse("–");
        return "| " + f.name() + " | " + f.describeParams() + " | " + f.dskSpread().describe() + unit + " | " + ref
                + " | " + ratio + " | " + target + " | " + met + " |\n";
    }

    private static String relative(Path base, Path file) {
        Path abs = file.toAbsolutePath().normalize();
        Path root = base.toAbsolutePath().normalize();
        return (abs.startsWith(root) ? root.relativize(abs) : abs).toString().replace('\\', '/');
    }
}
