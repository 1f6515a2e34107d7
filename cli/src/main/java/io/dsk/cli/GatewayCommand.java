package io.dsk.cli;

import io.dsk.path.StreamPath;
import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.Callable;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** What every subcommand shares: the gateway client of the {@code dsk} options and the terminal. */
abstract class GatewayCommand implements Callable<Integer> {

    @ParentCommand
    private DskCommand dsk;

    @Spec
    CommandSpec spec;

    GatewayClient client() {
        return dsk.client(spec.commandLine());
    }

    Terminal terminal() {
        return dsk.terminal();
    }

    static String subject(StreamPath path) {
        return "stream " + path.name();
    }

    /** Sends a request that is not a live read. */
    HttpResponse<InputStream> send(HttpRequest.Builder request) throws InterruptedException {
        return client().send(request, false);
    }

    /** Reads a small answer's body whole (control APIs' JSON, empty answers). */
    static byte[] bodyOf(HttpResponse<InputStream> answer) {
        try (InputStream in = answer.body()) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new CommandFailure("reading the answer failed: " + e.getMessage(), CommandFailure.Kind.OUTCOME_UNKNOWN);
        }
    }

    /** Closes an answer's body unread. */
    static void discard(HttpResponse<InputStream> answer) {
        try {
            answer.body().close();
        } catch (IOException e) {
            // the answer was read; a connection that fails to close is the client's to drop
        }
    }

    /** Prints a note on standard error, such as how to continue. */
    void note(String line) {
        terminal().err().println(line);
        terminal().err().flush();
    }
}
