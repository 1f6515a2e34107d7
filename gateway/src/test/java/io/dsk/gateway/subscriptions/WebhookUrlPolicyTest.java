package io.dsk.gateway.subscriptions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class WebhookUrlPolicyTest {

    private static final Map<String, String> DNS = Map.of(
            "hooks.example", "93.184.216.34",
            "internal.example", "10.1.2.3",
            "metadata.example", "169.254.169.254",
            "rebind.example", "93.184.216.34,192.168.1.1",
            "localhost", "127.0.0.1",
            "v6private.example", "fd00::1",
            "mapped.example", "::ffff:10.0.0.1");

    private final List<String> asked = new ArrayList<>();

    private final WebhookUrlPolicy.HostResolver resolver = host -> {
        asked.add(host);
        String addresses = DNS.get(host);
        if (addresses == null) {
            if (host.matches("[0-9.]+") || host.contains(":")) {
                return List.of(InetAddress.getByName(host));
            }
            throw new UnknownHostException(host);
        }
        List<InetAddress> list = new ArrayList<>();
        for (String a : addresses.split(",")) {
            list.add(InetAddress.getByName(a));
        }
        return list;
    };

    private final WebhookUrlPolicy production = new WebhookUrlPolicy(resolver, false);
    private final WebhookUrlPolicy development = new WebhookUrlPolicy(resolver, true);

    private static void refused(WebhookUrlPolicy policy, String url) {
        assertThatThrownBy(() -> policy.check(url))
                .isInstanceOfSatisfying(SubscriptionException.class, e -> {
                    assertThat(e.status()).isEqualTo(400);
                    assertThat(e.code()).isEqualTo("WEBHOOK_URL_REJECTED");
                });
    }

    @Test
    void anHttpsUrlToAPublicHostIsAccepted() {
        assertThat(production.check("https://hooks.example/hook").getHost()).isEqualTo("hooks.example");
        assertThat(asked).containsExactly("hooks.example");
    }

    @Test
    void plainHttpIsRefusedInProduction() {
        refused(production, "http://hooks.example/hook");
        refused(development, "http://hooks.example/hook");
    }

    @ParameterizedTest
    @ValueSource(strings = {"https://internal.example/", "https://metadata.example/", "https://rebind.example/",
        "https://v6private.example/", "https://mapped.example/", "https://10.0.0.1/", "https://172.16.5.4/",
        "https://192.168.0.1/", "https://169.254.169.254/latest/meta-data", "https://127.0.0.1/", "https://localhost/",
        "https://[::1]/", "https://0.0.0.0/", "https://100.64.0.1/", "https://[fe80::1]/", "https://224.0.0.1/"})
    void privateLoopbackLinkLocalAndMetadataAddressesAreRefusedAfterResolution(String url) {
        refused(production, url);
    }

    @Test
    void developmentModeAllowsLoopbackOnlyOverHttpOrHttps() {
        assertThat(development.check("http://127.0.0.1:8080/hook").getPort()).isEqualTo(8080);
        assertThat(development.check("http://localhost/hook").getHost()).isEqualTo("localhost");
        assertThat(development.check("https://127.0.0.2/hook").getHost()).isEqualTo("127.0.0.2");
        refused(development, "http://10.0.0.1/hook");
        refused(development, "http://metadata.example/");
        refused(production, "http://127.0.0.1:8080/hook");
    }

    @ParameterizedTest
    @ValueSource(strings = {"ftp://hooks.example/", "https://user:pw@hooks.example/", "https:///nohost",
        "https://unknown.example/", "not a url", "https://hooks.example/#frag"})
    void malformedOrUnresolvableUrlsAreRefused(String url) {
        refused(production, url);
    }
}
