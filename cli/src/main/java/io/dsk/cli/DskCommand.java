package io.dsk.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Properties;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.HelpCommand;
import picocli.CommandLine.IVersionProvider;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

/**
 * The {@code dsk} command: the options every subcommand shares (where the gateway is, the token, the
 * timeout) and the subcommands. {@link #run} is the whole program without {@code System.exit}.
 */
@Command(name = "dsk", scope = ScopeType.INHERIT, mixinStandardHelpOptions = true,
        versionProvider = DskCommand.Version.class, sortOptions = false,
        description = "Lists, inspects, reads, tails, appends to, creates, closes and deletes the streams of a DSK"
                + " gateway (or any Durable Streams server), and maps Kafka offsets to stream offsets.",
        subcommands = {HelpCommand.class, ListCommand.class, HeadCommand.class, ReadCommand.class, TailCommand.class,
            AppendCommand.class, CreateCommand.class, CloseCommand.class, DeleteCommand.class, OffsetsCommand.class},
        exitCodeListHeading = "%nExit status:%n",
        exitCodeList = {"0:success", "1:failure: one line 'dsk: error: <reason>' on standard error",
            "2:usage error"},
        footer = {"", "Environment: DSK_URL (--url), DSK_TOKEN (--token), DSK_TIMEOUT (--timeout).",
            "Documentation: docs/cli.md"})
final class DskCommand implements Callable<Integer> {

    /** The gateway's address when neither {@code --url} nor {@code DSK_URL} names one (the protocol's port). */
    static final String DEFAULT_URL = "http://127.0.0.1:4437";
    static final String DEFAULT_TIMEOUT = "30s";
    static final String ENV_URL = "DSK_URL";
    static final String ENV_TOKEN = "DSK_TOKEN";
    static final String ENV_TIMEOUT = "DSK_TIMEOUT";

    @Spec
    private CommandSpec spec;

    @Option(names = "--url", paramLabel = "URL", scope = ScopeType.INHERIT, order = 1,
            description = "Gateway base URL (env " + ENV_URL + "; default " + DEFAULT_URL + ").")
    private String url;

    @Option(names = "--token", paramLabel = "TOKEN", scope = ScopeType.INHERIT, order = 2,
            description = "Bearer token (env " + ENV_TOKEN + ").")
    private String token;

    @Option(names = "--token-file", paramLabel = "FILE", scope = ScopeType.INHERIT, order = 3,
            description = "Reads the bearer token from FILE (its first line).")
    private Path tokenFile;

    @Option(names = "--timeout", paramLabel = "DURATION", scope = ScopeType.INHERIT, order = 4,
            converter = Durations.class,
            description = "How long to wait for a connection and for an answer; a live read of tail may take"
                    + " 2 minutes longer (env " + ENV_TIMEOUT + "; default " + DEFAULT_TIMEOUT + ").")
    private Duration timeout;

    private final Terminal terminal;
    private GatewayClient client;

    DskCommand(Terminal terminal) {
        this.terminal = terminal;
    }

    /**
     * Runs {@code dsk} with these arguments.
     *
     * @param args the command line
     * @param terminal standard input, output, error and the environment
     * @return the exit status: 0 success, 1 failure, 2 usage error
     */
    static int run(String[] args, Terminal terminal) {
        CommandLine commandLine = new CommandLine(new DskCommand(terminal));
        commandLine.setOut(new PrintWriter(new OutputStreamWriter(terminal.out(), StandardCharsets.UTF_8), true));
        commandLine.setErr(new PrintWriter(new OutputStreamWriter(terminal.err(), StandardCharsets.UTF_8), true));
        commandLine.setExecutionExceptionHandler((e, cmd, parseResult) -> {
            if (e instanceof CommandFailure failure) {
                terminal.err().println("dsk: error: " + failure.getMessage());
                terminal.err().flush();
                return 1;
            }
            if (e instanceof MessageOutput.Closed) {
                return 0;
            }
            throw e;
        });
        int status = commandLine.execute(args);
        commandLine.getOut().flush();
        return status;
    }

    @Override
    public Integer call() {
        throw new ParameterException(spec.commandLine(), "Missing subcommand: name one of "
                + String.join(", ", spec.subcommands().keySet()));
    }

    Terminal terminal() {
        return terminal;
    }

    /**
     * The client for the gateway the options name; checks them on first use.
     *
     * @param commandLine the subcommand, for usage errors
     */
    GatewayClient client(CommandLine commandLine) {
        if (client == null) {
            client = new GatewayClient(baseUrl(commandLine), bearerToken(commandLine), requestTimeout(commandLine));
        }
        return client;
    }

    private String baseUrl(CommandLine commandLine) {
        String value = url != null ? url : terminal.env().getOrDefault(ENV_URL, DEFAULT_URL);
        String source = url != null ? "--url" : terminal.env().containsKey(ENV_URL) ? ENV_URL : "--url";
        String problem = " must be an http:// or https:// URL such as " + DEFAULT_URL + ", not '" + value + "'";
        URI uri;
        try {
            uri = new URI(value);
        } catch (URISyntaxException e) {
            throw new ParameterException(commandLine, source + problem);
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null
                || uri.getRawQuery() != null || uri.getRawFragment() != null) {
            throw new ParameterException(commandLine, source + problem);
        }
        return value.endsWith("/") ? value.substring(0, value.length() - 1) : value;
    }

    private String bearerToken(CommandLine commandLine) {
        if (token != null && tokenFile != null) {
            throw new ParameterException(commandLine, "give --token or --token-file, not both");
        }
        String value = token;
        if (tokenFile != null) {
            value = readTokenFile(tokenFile);
        } else if (value == null) {
            value = terminal.env().get(ENV_TOKEN);
        }
        if (value == null || value.isBlank()) {
            return null;
        }
        if (value.chars().anyMatch(c -> c <= ' ' || c > '~')) {
            throw new CommandFailure("the token holds a space, control or non-ASCII character; a bearer token"
                    + " is one word");
        }
        return value;
    }

    private static String readTokenFile(Path file) {
        try {
            String text = Files.readString(file, StandardCharsets.UTF_8).strip();
            int end = text.indexOf('\n');
            String line = (end < 0 ? text : text.substring(0, end)).strip();
            if (line.isEmpty()) {
                throw new CommandFailure("token file " + file + " is empty");
            }
            return line;
        } catch (NoSuchFileException e) {
            throw new CommandFailure("token file " + file + " does not exist");
        } catch (IOException e) {
            throw new CommandFailure("cannot read token file " + file + ": " + e.getMessage());
        }
    }

    private Duration requestTimeout(CommandLine commandLine) {
        if (timeout != null) {
            return positive(timeout, commandLine, "--timeout");
        }
        String env = terminal.env().get(ENV_TIMEOUT);
        if (env == null) {
            return Durations.parse(DEFAULT_TIMEOUT);
        }
        try {
            return positive(Durations.parse(env), commandLine, ENV_TIMEOUT);
        } catch (CommandLine.TypeConversionException e) {
            throw new ParameterException(commandLine, ENV_TIMEOUT + ": " + e.getMessage());
        }
    }

    private static Duration positive(Duration value, CommandLine commandLine, String source) {
        if (value.isZero()) {
            throw new ParameterException(commandLine, source + " must be more than 0");
        }
        return value;
    }

    /** The version, from the Maven-filtered {@code version.properties}. */
    static final class Version implements IVersionProvider {
        @Override
        public String[] getVersion() throws IOException {
            Properties properties = new Properties();
            try (InputStream in = DskCommand.class.getResourceAsStream("version.properties")) {
                if (in != null) {
                    properties.load(in);
                }
            }
            return new String[] {"dsk " + properties.getProperty("version", "unknown")};
        }
    }
}
