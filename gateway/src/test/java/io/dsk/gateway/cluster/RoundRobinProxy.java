package io.dsk.gateway.cluster;

import io.undertow.Undertow;
import io.undertow.server.handlers.proxy.LoadBalancingProxyClient;
import io.undertow.server.handlers.proxy.ProxyHandler;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.List;

/** A real HTTP load balancer (Undertow's proxy), round robin over the given nodes, on an ephemeral port. */
final class RoundRobinProxy implements AutoCloseable {

    private final Undertow server;
    private final URI url;

    RoundRobinProxy(List<URI> nodes) {
        LoadBalancingProxyClient balancer = new LoadBalancingProxyClient().setConnectionsPerThread(32);
        nodes.forEach(balancer::addHost);
        this.server = Undertow.builder().addHttpListener(0, "127.0.0.1").setIoThreads(2)
                .setServerOption(io.undertow.UndertowOptions.MAX_ENTITY_SIZE, 64L << 20)
                .setHandler(ProxyHandler.builder().setProxyClient(balancer).setMaxRequestTime(120_000).build())
                .build();
        server.start();
        InetSocketAddress address = (InetSocketAddress) server.getListenerInfo().get(0).getAddress();
        this.url = URI.create("http://127.0.0.1:" + address.getPort());
    }

    URI url() {
        return url;
    }

    @Override
    public void close() {
        server.stop();
    }
}
