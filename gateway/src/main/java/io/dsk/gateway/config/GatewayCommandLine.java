package io.dsk.gateway.config;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import picocli.CommandLine;
import picocli.CommandLine.Help;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * The gateway's command line, parsed by picocli from a command spec built from
 * {@link GatewayOptions#ALL}: {@code --name value}, {@code --name=value}, and {@code --name} alone
 * for a boolean. Values stay raw text here; {@link ConfigValues} types them by the same rules as
 * environment and file values. Also renders {@code --help}.
 */
public final class GatewayCommandLine {

    private static final int USAGE_WIDTH = 100;

    private GatewayCommandLine() {
    }

    /**
     * @param args the command line
     * @return option names (without dashes) to raw values, in command-line order; {@code help}
     *     maps to {@code true} when asked for
     * @throws ConfigException for an unknown option (with the closest known one as a hint), a
     *     positional argument, an option given twice or an option without its value
     */
    public static Map<String, String> parse(String... args) {
        CommandLine commandLine = new CommandLine(spec());
        CommandLine.ParseResult result;
        try {
            result = commandLine.parseArgs(args);
        } catch (CommandLine.UnmatchedArgumentException e) {
            throw new ConfigException(unmatched(e.getUnmatched()));
        } catch (CommandLine.OverwrittenOptionException e) {
            throw new ConfigException(flagOf(e.getOverwritten()) + " is given twice; give it once");
        } catch (CommandLine.MissingParameterException e) {
            String flag = e.getMissing().isEmpty() ? "an option" : flagOf(e.getMissing().get(0));
            throw new ConfigException(flag + ": a value is missing; options are written --name value; see --help");
        } catch (CommandLine.ParameterException e) {
            throw new ConfigException("command line: " + e.getMessage() + "; see --help");
        }
        Map<String, String> values = new LinkedHashMap<>();
        for (OptionSpec option : result.matchedOptions()) {
            String name = option.longestName().substring(2);
            List<String> raw = option.originalStringValues();
            values.put(name, raw.isEmpty() || option.usageHelp() ? "true" : raw.get(raw.size() - 1));
        }
        return values;
    }

    /** The text {@code --help} prints: every option by group, with its default and environment variable. */
    public static String usage() {
        CommandSpec spec = spec();
        Help help = new Help(spec, Help.defaultColorScheme(Help.Ansi.OFF));
        StringBuilder out = new StringBuilder(8192)
                .append("Usage: java -jar dsk-gateway.jar [options]\n\n")
                .append("Every option can also be set by the environment variable DSK_<NAME> (upper case,\n")
                .append("'-' as '_') or by a key NAME in the --config properties file.\n")
                .append("Precedence: command line, then environment, then file, then default.\n")
                .append("Booleans: true or false; a flag alone means true.\n")
                .append("Durations: ").append(DurationFormat.ACCEPTED).append(".\n")
                .append("Sizes: ").append(ByteSizeFormat.ACCEPTED).append(".\n")
                .append("Lists: items separated by commas.\n");
        for (OptionGroup group : OptionGroup.values()) {
            List<OptionSpec> options = GatewayOptions.inGroup(group).stream()
                    .map(option -> spec.findOption(option.flag())).collect(Collectors.toList());
            out.append('\n').append(group.heading()).append(" (docs/").append(group.document()).append("):\n")
               .append(help.optionListExcludingGroups(options, help.createDefaultLayout(), null,
                       help.createDefaultParamLabelRenderer()));
        }
        return out.toString();
    }

    /** The picocli model of the registry: every option takes its value as raw text. */
    static CommandSpec spec() {
        CommandSpec spec = CommandSpec.create().name("dsk-gateway");
        spec.usageMessage().width(USAGE_WIDTH).sortOptions(false);
        spec.parser().expandAtFiles(false).overwrittenOptionsAllowed(false).abbreviatedOptionsAllowed(false);
        for (GatewayOption<?> option : GatewayOptions.ALL) {
            OptionSpec.Builder builder = option == GatewayOptions.HELP
                    ? OptionSpec.builder(option.flag(), "-h").usageHelp(true)
                    : OptionSpec.builder(option.flag()).type(String.class).paramLabel(option.label())
                            .arity(option.isFlag() ? "0..1" : "1");
            if (option.isFlag() && !option.commandLineOnly()) {
                builder.fallbackValue("true");
            }
            builder.description(description(option));
            spec.addOption(builder.build());
        }
        return spec;
    }

    private static String[] description(GatewayOption<?> option) {
        List<String> lines = new ArrayList<>();
        lines.add(option.description().replace("`", ""));
        if (!option.commandLineOnly()) {
            lines.add("Default: " + option.documentedDefault().replace("`", "") + ". Env: " + option.environmentName());
        }
        // picocli reads %n and format specifiers in descriptions; keep percent signs literal
        return lines.stream().map(line -> line.replace("%", "%%")).toArray(String[]::new);
    }

    private static String unmatched(List<String> unmatched) {
        String first = unmatched.isEmpty() ? "" : unmatched.get(0);
        if (!first.startsWith("--") || first.length() == 2) {
            return "unexpected argument '" + first + "': options are written --name value; see --help";
        }
        int eq = first.indexOf('=');
        String name = first.substring(2, eq > 0 ? eq : first.length());
        List<String> names = GatewayOptions.ALL.stream().map(GatewayOption::name).collect(Collectors.toList());
        return "unknown option --" + name
                + ConfigValues.closest(name, names).map(known -> " (did you mean --" + known + "?)").orElse("");
    }

    private static String flagOf(CommandLine.Model.ArgSpec arg) {
        return arg instanceof OptionSpec ? ((OptionSpec) arg).longestName() : String.valueOf(arg);
    }
}
