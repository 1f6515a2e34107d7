package io.dsk.cli;

import io.dsk.path.StreamPath;
import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpResponse;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.ReentrantLock;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;

/**
 * {@code dsk tail}: follows a stream live with long-poll reads (PROTOCOL 5.7) until it is closed or the
 * user stops it, and says where to resume.
 *
 * <p>Threads: the command's thread reads and writes; a shutdown hook, run by the JVM on SIGINT or
 * SIGTERM, waits for the answer being written to be written whole, prints the next offset and halts
 * the JVM with status 0. The offset it prints is always the end of what was written.
 */
@Command(name = "tail", sortOptions = false,
        description = {"Follows a stream live until it is closed or Ctrl-C.",
            "Writes what arrives as read does; at the end prints the offset to resume from on standard error."})
final class TailCommand extends GatewayCommand {

    /** Failed reads in a row after which tail gives up. */
    static final int MAX_RETRIES = 10;
    private static final long WRITE_WAIT_SECONDS = 2;

    @Parameters(index = "0", paramLabel = "PATH", converter = StreamPathArgument.class, description = "The stream.")
    private StreamPath path;

    @Option(names = "--from", paramLabel = "OFFSET", defaultValue = "now",
            description = "Where to start: now (only what arrives from now on, default), -1 (the start), or an"
                    + " offset printed by an earlier tail or read.")
    private String from;

    @Option(names = "--pretty", description = "Pretty-print each JSON message over several lines.")
    private boolean pretty;

    @Option(names = "--offsets", description = "Also print the next offset on standard error after each answer.")
    private boolean offsets;

    private final ReentrantLock writing = new ReentrantLock();
    private final AtomicBoolean reported = new AtomicBoolean();
    /** The end of what was written whole; "now" until the gateway names the tail. */
    private volatile String written;

    @Override
    public Integer call() throws InterruptedException {
        if (from.isEmpty()) {
            throw new ParameterException(spec.commandLine(), "--from must not be empty");
        }
        written = from;
        Thread onSignal = new Thread(this::stopOnSignal, "dsk-tail-stop");
        Runtime.getRuntime().addShutdownHook(onSignal);
        try {
            follow();
            report();
            return 0;
        } catch (CommandFailure | MessageOutput.Closed e) {
            report();
            throw e;
        } finally {
            try {
                Runtime.getRuntime().removeShutdownHook(onSignal);
            } catch (IllegalStateException e) {
                // the JVM is shutting down: the hook reports (or finds it reported) and halts
            }
        }
    }

    private void follow() throws InterruptedException {
        MessageOutput out = new MessageOutput(terminal().out(), pretty);
        String cursor = null;
        boolean answered = false;
        int failures = 0;
        while (true) {
            String query = "offset=" + GatewayClient.queryValue(written) + "&live=long-poll"
                    + (cursor == null ? "" : "&cursor=" + GatewayClient.queryValue(cursor));
            HttpResponse<InputStream> answer;
            try {
                answer = client().send(client().stream(path, query), true);
                if (answer.statusCode() != 200 && answer.statusCode() != 204) {
                    throw client().refused(answer, subject(path));
                }
            } catch (CommandFailure e) {
                failures++;
                if (!answered || !e.isTransient() || failures > MAX_RETRIES) {
                    throw e;
                }
                note("dsk: " + e.getMessage() + "; retrying (" + failures + " of " + MAX_RETRIES + ")");
                Thread.sleep(GatewayClient.backoff(failures).toMillis());
                continue;
            }
            answered = true;
            failures = 0;
            StreamAnswer read = new StreamAnswer(answer);
            String next = read.nextOffset();
            writing.lock();
            try {
                if (answer.statusCode() == 200) {
                    if (read.json()) {
                        out.writeJsonMessages(answer.body(), Long.MAX_VALUE);
                    } else {
                        out.writeBytes(answer.body(), Long.MAX_VALUE);
                    }
                } else {
                    discard(answer);
                }
                written = next;
            } finally {
                writing.unlock();
            }
            if (offsets && answer.statusCode() == 200) {
                note("next offset: " + next);
            }
            cursor = read.cursor().orElse(cursor);
            if (read.closed()) {
                return;
            }
        }
    }

    private void stopOnSignal() {
        try {
            // Holds the lock until the halt, so the command's thread writes nothing more. If the answer
            // being written does not end in time, the offset printed is the one before it: resuming there
            // repeats what of it was written, and loses nothing.
            writing.tryLock(WRITE_WAIT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (reported.get()) {
            return;
        }
        try {
            terminal().out().flush();
        } catch (IOException e) {
            // standard output is gone; the offset still goes to standard error
        }
        report();
        terminal().err().flush();
        Runtime.getRuntime().halt(0);
    }

    private void report() {
        if (reported.compareAndSet(false, true) && !written.equals("now")) {
            note("next offset: " + written);
        }
    }
}
