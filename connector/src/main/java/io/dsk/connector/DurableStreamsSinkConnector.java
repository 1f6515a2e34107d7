package io.dsk.connector;

import io.dsk.connector.config.DurableStreamsSinkConfig;
import io.dsk.connector.config.GatewayReachability;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.config.Config;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigValue;
import org.apache.kafka.connect.connector.Task;
import org.apache.kafka.connect.sink.SinkConnector;

/**
 * Kafka Connect sink connector that appends records to Durable Streams.
 *
 * <p>{@link #validate(Map)} adds to the single-option checks the checks across options, the per-topic
 * overrides, and whether the server answers at {@code ds.url}; the later checks run only when the earlier
 * ones passed.
 */
public class DurableStreamsSinkConnector extends SinkConnector {

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
        GatewayReachability.Problem unreachable = GatewayReachability.check(parsed);
        if (unreachable != null) {
            addError(config, unreachable.key(), unreachable.message());
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
