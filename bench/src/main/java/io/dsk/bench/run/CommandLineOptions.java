package io.dsk.bench.run;

import java.io.PrintStream;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * Reads a bench program's command line into its picocli-annotated options object: the one option
 * parser of every program in {@code bench/}. {@code --help} prints the usage; an unknown option is
 * an error that names the nearest known ones.
 */
public final class CommandLineOptions {

    private CommandLineOptions() {
    }

    /**
     * Fills {@code options} from {@code args}.
     *
     * @return the options, or empty when {@code --help} was asked for (the usage is then printed to {@code out})
     * @throws IllegalArgumentException with a one-paragraph message naming the option to fix and
     *         the nearest known options for an unknown one, followed by the usage
     */
    public static <T> Optional<T> parse(T options, String[] args, PrintStream out) {
        CommandLine commandLine = new CommandLine(options);
        try {
            commandLine.parseArgs(args);
        } catch (ParameterException e) {
            throw new IllegalArgumentException(message(e) + System.lineSeparator() + commandLine.getUsageMessage(), e);
        }
        if (commandLine.isUsageHelpRequested()) {
            out.print(commandLine.getUsageMessage());
            return Optional.empty();
        }
        return Optional.of(options);
    }

    /**
     * What a program's {@code main} does: fills {@code options}, or prints the usage and exits 0 on
     * {@code --help}, or prints the mistake and the usage to stderr and exits 2.
     */
    public static <T> T parseOrExit(T options, String[] args) {
        try {
            Optional<T> parsed = parse(options, args, System.out);
            if (parsed.isEmpty()) {
                System.exit(0);
            }
            return options;
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.exit(2);
            throw e;
        }
    }

    private static String message(ParameterException e) {
        if (e instanceof UnmatchedArgumentException unmatched) {
            List<String> nearest = unmatched.getSuggestions();
            if (!nearest.isEmpty()) {
                return e.getMessage() + "; did you mean " + String.join(" or ", nearest) + "?";
            }
        }
        return e.getMessage();
    }
}
