package io.dsk.gateway.attack;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Runs every case on a few threads, each with its own random source derived from the suite's seed
 * and the case's name (so one case replays alone), judges every answer with the oracle, and
 * collects all failures instead of stopping at the first.
 */
final class AttackRunner {

    private final AttackTargets targets;
    private final Oracle oracle;
    private final long seed;
    private final int threads;
    /** Wall time per family, for the summary line. */
    private final java.util.Map<String, java.util.concurrent.atomic.LongAdder> millisByFamily =
            new java.util.concurrent.ConcurrentHashMap<>();

    AttackRunner(AttackTargets targets, Oracle oracle, long seed, int threads) {
        this.targets = targets;
        this.oracle = oracle;
        this.seed = seed;
        this.threads = threads;
    }

    /** The random source of one case: the same for the same seed and name, whatever else runs. */
    static Random random(long seed, String name) {
        return new Random(seed * 0x9E3779B97F4A7C15L ^ name.hashCode());
    }

    /**
     * @return one line per failed case, naming the case and each problem
     */
    List<String> run(List<AttackCase> cases, Duration budget) throws InterruptedException {
        ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
            Thread thread = new Thread(r, "attack-case");
            thread.setDaemon(true);
            return thread;
        });
        List<Future<List<String>>> results = new ArrayList<>();
        for (AttackCase c : cases) {
            results.add(pool.submit(() -> runOne(c)));
        }
        pool.shutdown();
        long deadline = System.nanoTime() + budget.toNanos();
        List<String> failures = new ArrayList<>();
        for (int i = 0; i < cases.size(); i++) {
            try {
                failures.addAll(results.get(i).get(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS));
            } catch (TimeoutException e) {
                failures.add(cases.get(i).name() + ": did not finish within the suite's budget of " + budget.toSeconds()
                        + " s (hang)");
            } catch (java.util.concurrent.ExecutionException e) {
                failures.add(cases.get(i).name() + ": " + e.getCause());
            }
        }
        pool.shutdownNow();
        return failures;
    }

    /** Wall time spent per family, e.g. {@code paths=12000ms}. */
    String timeByFamily() {
        return new java.util.TreeMap<>(millisByFamily).toString();
    }

    private List<String> runOne(AttackCase c) {
        List<String> lines = new ArrayList<>();
        long started = System.nanoTime();
        try {
            List<Observation> seen = c.attack().run(targets, random(seed, c.name()));
            for (String problem : oracle.judge(seen)) {
                lines.add(c.name() + ": " + problem);
            }
        } catch (Exception e) {
            lines.add(c.name() + ": the case could not run: " + e);
        }
        millisByFamily.computeIfAbsent(c.family(), f -> new java.util.concurrent.atomic.LongAdder())
                .add((System.nanoTime() - started) / 1_000_000);
        return lines;
    }
}
