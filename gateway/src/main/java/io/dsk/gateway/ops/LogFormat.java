package io.dsk.gateway.ops;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.core.joran.spi.JoranException;
import ch.qos.logback.core.joran.util.ConfigurationWatchListUtil;
import ch.qos.logback.core.util.StatusPrinter2;
import java.net.URL;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;
import org.slf4j.ILoggerFactory;
import org.slf4j.LoggerFactory;

/**
 * How the gateway and the quickstart write their logs: {@link #TEXT} lines for people, or {@link #JSON}
 * lines (logback's own {@code JsonEncoder}) for log collectors. The bundled logback files
 * ({@code logback.xml}, {@code logback-quickstart.xml}) define one appender per format, named by its
 * {@link #id()}, and pick the one the logback variable {@value #VARIABLE} names (text when unset).
 *
 * <p>Logback configures itself when the first logger is made, before the options are read; so
 * {@link #apply()} configures it again from the same file with the variable set. Call it on the main
 * thread before the first line is logged.
 */
public enum LogFormat {
    /** One line of text per event: time, level, thread, logger, request id, message. */
    TEXT,
    /** One JSON object per line: timestamp, level, threadName, loggerName, mdc.request_id, message. */
    JSON;

    /** The logback variable that names the appender of the format. */
    public static final String VARIABLE = "dsk.log.format";
    /** The accepted values, for usage and error texts. */
    public static final String ACCEPTED = Arrays.stream(values()).map(LogFormat::id)
            .collect(Collectors.joining(" or "));

    /** The value as written in options and as the appender's name: {@code text}, {@code json}. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * @param text {@code text} or {@code json}, any case
     * @return the format
     * @throws IllegalArgumentException naming the accepted values otherwise
     */
    public static LogFormat parse(String text) {
        for (LogFormat format : values()) {
            if (format.id().equals(text.strip().toLowerCase(Locale.ROOT))) {
                return format;
            }
        }
        throw new IllegalArgumentException("log format must be " + ACCEPTED + ", was " + text);
    }

    /** Whether {@link #parse} accepts the text. */
    public static boolean isValid(String text) {
        try {
            parse(text);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /**
     * Switches logback to this format by configuring it again from the file it was configured from,
     * with {@value #VARIABLE} set. Does nothing when logback already writes this format, when logback
     * is not the logging backend, or when it was configured without a file.
     *
     * @throws IllegalStateException if the file no longer configures logback
     */
    public void apply() {
        ILoggerFactory factory = LoggerFactory.getILoggerFactory();
        if (factory instanceof LoggerContext context) {
            apply(context);
        }
    }

    /** {@link #apply()} on a given logback context. */
    void apply(LoggerContext context) {
        String current = context.getProperty(VARIABLE);
        if (id().equals(current == null ? TEXT.id() : current)) {
            return;
        }
        URL file = ConfigurationWatchListUtil.getMainWatchURL(context);
        if (file == null) {
            return;
        }
        context.reset();
        context.putProperty(VARIABLE, id());
        JoranConfigurator configurator = new JoranConfigurator();
        configurator.setContext(context);
        try {
            configurator.doConfigure(file);
        } catch (JoranException e) {
            new StatusPrinter2().printInCaseOfErrorsOrWarnings(context);
            throw new IllegalStateException("cannot configure logging from " + file + ": " + e.getMessage(), e);
        }
    }
}
