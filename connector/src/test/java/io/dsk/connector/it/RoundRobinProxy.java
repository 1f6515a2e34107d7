package io.dsk.connector.it;

import io.undertow.Undertow;
import io.undertow.server.handlers.ResponseCodeHandler;
import io.undertow.server.handlers.proxy.LoadBalancingProxyClient;
import io.undertow.server.handlers.proxy.ProxyHandler;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.List;

/**
 * A round-robin HTTP load balancer in the test JVM, in front of gateway nodes, as a user would put one in front
 * of a cluster. A node that refuses connections is skipped for a second, then tried again.
 */
final class RoundRobinProxy implements AutoCloseable {

    private final Undertow server;
    private final String origin;

    private RoundRobinProxy(Undertow server, String origin) {
        this.server = server;
        this.origin = origin;
    }

    /** @param origins the nodes, e.g. http://127.0.0.1:41234 */
    static RoundRobinProxy start(List<String> origins) {
        LoadBalancingProxyClient client = new LoadBalancingProxyClient()
                .setConnectionsPerThread(8)
                .setProblemServerRetry(1);
        origins.forEach(origin -> client.addHost(URI.create(origin)));
        ProxyHandler proxy = ProxyHandler.builder()
                .setProxyClient(client)
                .setMaxRequestTime(60_000)
                .setMaxConnectionRetries(origins.size())
                .setNext(ResponseCodeHandler.HANDLE_404)
                .build();
        Undertow server = Undertow.builder().addHttpListener(0, "127.0.0.1").setIoThreads(2).setWorkerThreads(8)
                .setHandler(proxy).build();
        server.start();
        InetSocketAddress address = (InetSocketAddress) server.getListenerInfo().get(0).getAddress();
        return new RoundRobinProxy(server, "http://127.0.0.1:" + address.getPort());
    }

    /** @return the stream base URL through the balancer, e.g. http://127.0.0.1:41234/v1/stream */
    String streamBase() {
        return origin + "/v1/stream";
    }

    @Override
    public void close() {
        server.stop();
    }
}
