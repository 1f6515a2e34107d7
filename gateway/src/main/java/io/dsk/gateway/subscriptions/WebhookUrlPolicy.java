package io.dsk.gateway.subscriptions;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Locale;

/**
 * Which webhook URLs the gateway calls (PROTOCOL.md 6.2, 12.8): {@code https://} to a host whose
 * every address is public. Private (RFC 1918, unique local, carrier-grade NAT), link-local (cloud
 * metadata at 169.254.169.254 included), loopback, unspecified and multicast addresses are refused
 * after DNS resolution, at creation and again before every delivery; redirects are never followed.
 * In development mode ({@code subscriptions-allow-loopback-webhooks}) loopback targets are allowed,
 * over {@code http://} too, and nothing else is.
 */
public final class WebhookUrlPolicy {

    /** Resolves a host name to its addresses; tests give a fake one. */
    @FunctionalInterface
    public interface HostResolver {
        List<InetAddress> resolve(String host) throws UnknownHostException;
    }

    /** The system resolver. */
    public static final HostResolver SYSTEM = host -> List.of(InetAddress.getAllByName(host));

    private final HostResolver resolver;
    private final boolean allowLoopback;

    public WebhookUrlPolicy(HostResolver resolver, boolean allowLoopback) {
        this.resolver = resolver;
        this.allowLoopback = allowLoopback;
    }

    /**
     * Checks a webhook URL, resolving its host.
     *
     * @return the URL
     * @throws SubscriptionException 400 {@code WEBHOOK_URL_REJECTED} saying why
     */
    public URI check(String url) {
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            throw SubscriptionException.urlRejected("webhook.url is not a URL");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        String host = uri.getHost();
        if (!scheme.equals("https") && !scheme.equals("http")) {
            throw SubscriptionException.urlRejected("webhook.url must use https://");
        }
        if (host == null || host.isEmpty()) {
            throw SubscriptionException.urlRejected("webhook.url needs a host");
        }
        if (uri.getRawUserInfo() != null) {
            throw SubscriptionException.urlRejected("webhook.url must not hold user information");
        }
        if (uri.getRawFragment() != null) {
            throw SubscriptionException.urlRejected("webhook.url must not hold a fragment");
        }
        String bare = host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
        List<InetAddress> addresses;
        try {
            addresses = resolver.resolve(bare);
        } catch (UnknownHostException e) {
            throw SubscriptionException.urlRejected("the host of webhook.url does not resolve");
        }
        if (addresses.isEmpty()) {
            throw SubscriptionException.urlRejected("the host of webhook.url does not resolve");
        }
        boolean allLoopback = addresses.stream().allMatch(a -> loopback(a));
        if (allowLoopback && allLoopback) {
            return uri;
        }
        if (!scheme.equals("https")) {
            throw SubscriptionException.urlRejected("webhook.url must use https://");
        }
        for (InetAddress address : addresses) {
            if (!isPublic(address)) {
                throw SubscriptionException.urlRejected(
                        "webhook.url resolves to a private, loopback, link-local or metadata address");
            }
        }
        return uri;
    }

    private static boolean loopback(InetAddress a) {
        InetAddress v4 = embeddedV4(a);
        return (v4 != null ? v4 : a).isLoopbackAddress();
    }

    /** True for an address a webhook may reach in production. */
    static boolean isPublic(InetAddress address) {
        InetAddress a = address;
        InetAddress v4 = embeddedV4(address);
        if (v4 != null) {
            a = v4;
        }
        if (a.isAnyLocalAddress() || a.isLoopbackAddress() || a.isLinkLocalAddress() || a.isSiteLocalAddress()
                || a.isMulticastAddress()) {
            return false;
        }
        byte[] b = a.getAddress();
        if (a instanceof Inet4Address) {
            int first = b[0] & 0xFF;
            int second = b[1] & 0xFF;
            return first != 0                                       // 0.0.0.0/8 "this network"
                    && !(first == 100 && second >= 64 && second < 128)  // 100.64.0.0/10 shared (CGNAT)
                    && !(first == 192 && second == 0 && (b[2] & 0xFF) == 0) // 192.0.0.0/24 protocol assignments
                    && !(first == 198 && (second == 18 || second == 19))    // 198.18.0.0/15 benchmarking
                    && first < 240;                                  // 240.0.0.0/4 reserved, broadcast
        }
        int top = b[0] & 0xFF;
        return (top & 0xFE) != 0xFC        // fc00::/7 unique local (fd00:ec2::254 metadata included)
                && !(top == 0xFE && (b[1] & 0xC0) == 0xC0); // fec0::/10 site-local
    }

    /** The IPv4 address inside an IPv4-mapped or IPv4-compatible IPv6 address, or null. */
    private static InetAddress embeddedV4(InetAddress a) {
        if (!(a instanceof Inet6Address)) {
            return null;
        }
        byte[] b = a.getAddress();
        for (int i = 0; i < 10; i++) {
            if (b[i] != 0) {
                return null;
            }
        }
        boolean mapped = (b[10] & 0xFF) == 0xFF && (b[11] & 0xFF) == 0xFF;
        boolean compatible = b[10] == 0 && b[11] == 0 && !(b[12] == 0 && b[13] == 0 && b[14] == 0);
        if (!mapped && !compatible) {
            return null;
        }
        try {
            return InetAddress.getByAddress(new byte[] {b[12], b[13], b[14], b[15]});
        } catch (UnknownHostException e) {
            return null;
        }
    }
}
