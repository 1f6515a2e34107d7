package io.dsk.connector.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A webhook worker on the JDK's HTTP server: it answers each wake {@code 200 {}} at once (the work is left to
 * the callback) and works the wakes one after another on its own thread, calling back with its acks and
 * {@code done}. A wake whose callback was not applied is worked again until it is done or fenced.
 */
final class WebhookWorker extends SubscriptionWorker {

    private final HttpServer server;
    private final BlockingQueue<JsonNode> wakes = new LinkedBlockingQueue<>();
    private final Thread thread;

    private WebhookWorker(String origin, String subscription, HttpServer server) {
        super(origin, subscription);
        this.server = server;
        this.thread = new Thread(this::run, "webhook-worker-" + subscription);
        this.thread.setDaemon(true);
    }

    /** Listens on an ephemeral loopback port. */
    static WebhookWorker start(String origin, String subscription) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        WebhookWorker worker = new WebhookWorker(origin, subscription, server);
        server.createContext("/hook", worker::receive);
        server.start();
        worker.thread.start();
        return worker;
    }

    URI url() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/hook");
    }

    private void receive(HttpExchange exchange) throws IOException {
        try (exchange; InputStream in = exchange.getRequestBody()) {
            JsonNode wake = JSON.readTree(in);
            byte[] answer = "{}".getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, answer.length);
            exchange.getResponseBody().write(answer);
            wakes.add(wake);
        }
    }

    private void run() {
        try {
            while (!closed) {
                JsonNode wake = wakes.poll(100, TimeUnit.MILLISECONDS);
                if (wake == null) {
                    continue;
                }
                URI callback = URI.create(wake.path("callback_url").asText());
                String token = wake.path("callback_token").asText();
                while (!closed && work(wake, callback, token, false) == Outcome.NOT_APPLIED) {
                    Thread.sleep(100);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        super.close();
        server.stop(0);
        thread.interrupt();
    }
}
