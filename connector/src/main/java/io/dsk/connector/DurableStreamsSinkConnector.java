package io.dsk.connector;

import io.dsk.connector.config.DurableStreamsSinkConfig;
import io.dsk.connector.config.GatewayReachability;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.kafka.common.config.Config;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigValue;
import org.apache.kafka.connect.connector.Task;
import org.apache.kafka.connect.sink.SinkConnector;

/**
 * Kafka Connect sink connector that appends records to Durable Streams.
 *
 * <p>{@link #validate(Map)} adds to the single-option checks the unknown {@code ds.*} keys, the checks
 * across options, the per-topic overrides, and whether {@code ds.url} serves the protocol; the later checks
 * run only when the earlier ones passed. What the last check found is reported under
 * {@value #URL_CHECK}, an error only when the URL answers but not as a Durable Streams server.
 */
public class DurableStreamsSinkConnector extends SinkConnector {

    /** The name under which validation reports what the check of {@code ds.url} found; not an option. */
    public static final String URL_CHECK = "ds.url.check";

    private Map<String, String> props;

    @Override
    public String version() {
        return Version.get();
    }

    @Override
    public void start(Map<String, String> props) {
        new DurableStreamsSinkConfig(props).ensureConsistent();
        this.props = Map.copyOf(props);
    }

    @Override
    public Class<? extends Task> taskClass() {
        return DurableStreamsSinkTask.class;
    }

    @Override
    public List<Map<String, String>> taskConfigs(int maxTasks) {
        List<Map<String, String>> configs = new ArrayList<>(maxTasks);
        for (int i = 0; i < maxTasks; i++) {
            configs.add(new HashMap<>(props));
        }
        return configs;
    }

    @Override
    public void stop() {
    }

    @Override
    public ConfigDef config() {
        return DurableStreamsSinkConfig.CONFIG_DEF;
    }

    @Override
    public Config validate(Map<String, String> connectorConfigs) {
        Config config = super.validate(connectorConfigs);
        DurableStreamsSinkConfig.unknownKeyProblems(connectorConfigs).forEach((key, message) -> addError(config, key, message));
        if (hasErrors(config)) {
            return config;
        }
        Map<String, String> overrideProblems = DurableStreamsSinkConfig.topicOverrideProblems(connectorConfigs);
        overrideProblems.forEach((key, message) -> addError(config, key, message));
        if (!overrideProblems.isEmpty()) {
            return config;
        }
        DurableStreamsSinkConfig parsed = new DurableStreamsSinkConfig(connectorConfigs);
        Map<String, String> problems = parsed.crossFieldProblems();
        problems.forEach((key, message) -> addError(config, key, message));
        if (!problems.isEmpty()) {
            return config;
        }
        GatewayReachability.Verdict verdict = GatewayReachability.check(parsed);
        if (verdict.isError()) {
            addError(config, verdict.key(), verdict.message());
        } else {
            ConfigValue check = new ConfigValue(URL_CHECK);
            check.value(verdict.kind().name().toLowerCase(Locale.ROOT) + ": " + verdict.message());
            config.configValues().add(check);
        }
        return config;
    }

    private static boolean hasErrors(Config config) {
        for (ConfigValue value : config.configValues()) {
            if (!value.errorMessages().isEmpty()) {
                return true;
            }
        }
        return false;
    }

    private static void addError(Config config, String key, String message) {
        for (ConfigValue value : config.configValues()) {
            if (value.name().equals(key)) {
                value.addErrorMessage(message);
                return;
            }
        }
        ConfigValue value = new ConfigValue(key);
        value.addErrorMessage(message);
        config.configValues().add(value);
    }
}
