package io.dsk.transforms.docs;

import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.dsk.transforms.AudienceGuard;
import io.dsk.transforms.CloseStream;
import io.dsk.transforms.Project;
import io.dsk.transforms.StateChange;
import io.dsk.transforms.StreamEnding;
import io.dsk.transforms.StreamRoute;

import org.apache.kafka.common.config.ConfigDef;

/**
 * Renders each transform's overview and option table as Markdown from its {@code OVERVIEW_DOC} and
 * {@code CONFIG_DEF}, between {@code <!-- generated:NAME begin -->} and
 * {@code <!-- generated:NAME end -->} markers in {@code docs/transforms.md}.
 */
final class ConfigDocs {

    /** One documented plugin. */
    record Component(String name, List<String> classNames, String overview, ConfigDef configDef) {
    }

    static final List<Component> COMPONENTS = List.of(
            new Component("StreamRoute", names(StreamRoute.class), StreamRoute.OVERVIEW_DOC, StreamRoute.CONFIG_DEF),
            new Component("AudienceGuard", names(AudienceGuard.class), AudienceGuard.OVERVIEW_DOC,
                    AudienceGuard.CONFIG_DEF),
            new Component("StateChange", names(StateChange.class), StateChange.OVERVIEW_DOC, StateChange.CONFIG_DEF),
            new Component("CloseStream", names(CloseStream.class), CloseStream.OVERVIEW_DOC, CloseStream.CONFIG_DEF),
            new Component("StreamEnding", names(StreamEnding.class), StreamEnding.OVERVIEW_DOC, StreamEnding.CONFIG_DEF),
            new Component("Project", names(Project.Value.class, Project.Key.class), Project.OVERVIEW_DOC,
                    Project.CONFIG_DEF));

    private static final Pattern CODE = Pattern.compile("<code>(.*?)</code>");

    private ConfigDocs() {
    }

    private static List<String> names(Class<?>... classes) {
        return java.util.Arrays.stream(classes).map(Class::getName).toList();
    }

    static String begin(Component component) {
        return "<!-- generated:" + component.name() + " begin -->";
    }

    static String end(Component component) {
        return "<!-- generated:" + component.name() + " end -->";
    }

    /** The whole generated block, markers included. */
    static String block(Component component) {
        StringBuilder out = new StringBuilder();
        out.append(begin(component)).append('\n');
        out.append("Class: ").append(String.join(", ", component.classNames().stream()
                .map(name -> "`" + name + "`").toList())).append("\n\n");
        out.append(markdown(component.overview())).append("\n\n");
        out.append("| Option | Description | Type | Default | Valid values | Importance |\n");
        out.append("|---|---|---|---|---|---|\n");
        for (ConfigDef.ConfigKey key : component.configDef().configKeys().values()) {
            out.append("| `").append(key.name).append("` | ")
                    .append(cell(markdown(key.documentation))).append(" | ")
                    .append(key.type.name().toLowerCase(Locale.ROOT)).append(" | ")
                    .append(cell(defaultValue(key))).append(" | ")
                    .append(cell(key.validator == null ? "" : key.validator.toString())).append(" | ")
                    .append(key.importance.name().toLowerCase(Locale.ROOT)).append(" |\n");
        }
        out.append(end(component));
        return out.toString();
    }

    private static String defaultValue(ConfigDef.ConfigKey key) {
        if (!key.hasDefault()) {
            return "(required)";
        }
        if (key.defaultValue == null) {
            return "(unset)";
        }
        String text = ConfigDef.convertToString(key.defaultValue, key.type);
        return text.isEmpty() ? "(empty)" : "`" + text + "`";
    }

    private static String markdown(String html) {
        Matcher code = CODE.matcher(html.replace("<p/>", " "));
        StringBuilder out = new StringBuilder();
        while (code.find()) {
            code.appendReplacement(out, Matcher.quoteReplacement("`" + code.group(1) + "`"));
        }
        code.appendTail(out);
        return out.toString();
    }

    private static String cell(String text) {
        return text.replace("|", "\\|").replace("\n", " ");
    }
}
