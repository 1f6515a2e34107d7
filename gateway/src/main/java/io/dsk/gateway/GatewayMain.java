package io.dsk.gateway;

import io.dsk.gateway.auth.AuthHandlers;
import io.dsk.gateway.auth.AuthSettings;
import io.dsk.gateway.auth.RateLimitSettings;
import io.dsk.gateway.config.ConfigException;
import io.dsk.gateway.config.ConfigValues;
import io.dsk.gateway.tls.TlsContexts;
import io.dsk.gateway.tls.TlsSettings;
import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Command-line entry of {@code dsk-gateway.jar}: reads the configuration, starts the server and
 * shuts it down gracefully on SIGTERM or Ctrl-C. Exit status 2 means a bad option (one line on
 * standard error names it), 1 means the server could not start.
 */
public final class GatewayMain {

    private static final Logger LOG = LoggerFactory.getLogger(GatewayMain.class);
    private static final int EXIT_BAD_CONFIG = 2;
    private static final int EXIT_START_FAILED = 1;

    private GatewayMain() {
    }

    /**
     * @param args options, see {@link GatewaySettingsLoader#usage()}
     */
    public static void main(String[] args) {
        if (Arrays.asList(args).contains("-h")) {
            System.out.print(GatewaySettingsLoader.usage());
            return;
        }
        Map<String, String> environment = System.getenv();
        ConfigValues config;
        GatewaySettings settings;
        AuthSettings auth;
        RateLimitSettings limits;
        TlsSettings tls;
        try {
            config = GatewaySettingsLoader.configValues(args, environment);
            if (config.bool(GatewaySettingsLoader.HELP).orElse(false)) {
                System.out.print(GatewaySettingsLoader.usage());
                return;
            }
            settings = GatewaySettingsLoader.settings(config);
            auth = AuthSettings.from(config);
            limits = RateLimitSettings.from(config);
            tls = TlsSettings.from(config);
            config.rejectUnknown();
        } catch (ConfigException e) {
            System.err.println("dsk-gateway: " + e.getMessage());
            System.exit(EXIT_BAD_CONFIG);
            return;
        }
        settings.logFormat().apply();
        warnAboutUnreadEnvironment(config);
        GatewayServer server;
        try {
            server = GatewayServer.start(settings, next -> AuthHandlers.wrap(next, auth, limits),
                    tls.enabled() ? TlsContexts.from(tls) : null);
        } catch (IOException | RuntimeException e) {
            LOG.error("dsk-gateway cannot start: {}", e.getMessage());
            LOG.debug("start failure", e);
            System.exit(EXIT_START_FAILED);
            return;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(server::close, "dsk-gateway-shutdown"));
    }

    private static void warnAboutUnreadEnvironment(ConfigValues config) {
        List<String> names = config.unreadEnvironmentVariables();
        if (!names.isEmpty()) {
            LOG.warn("ignoring environment variables that name no option: {}",
                    names.stream().map(config::withHint).collect(Collectors.joining(", ")));
        }
    }
}
