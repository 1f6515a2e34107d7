package io.dsk.connector.it;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * A pull-wake worker: it long-polls the wake stream from where it last read, and for wake events claims the
 * subscription, reads each stream from its cursor and acks it as it goes, then acks {@code done}. A claim
 * refused ({@code 409 ALREADY_CLAIMED}, e.g. its own claim whose answer was lost) or unanswered is left to the
 * lease: when it ends with work pending, the gateway writes another wake event.
 */
final class PullWakeWorker extends SubscriptionWorker {

    private final String wakeStream;
    private final String name;
    private final Thread thread;

    private PullWakeWorker(String origin, String subscription, String wakeStream, String name) {
        super(origin, subscription);
        this.wakeStream = wakeStream;
        this.name = name;
        this.thread = new Thread(this::run, "pull-wake-worker-" + name);
        this.thread.setDaemon(true);
    }

    static PullWakeWorker start(String origin, String subscription, String wakeStream, String name) {
        PullWakeWorker worker = new PullWakeWorker(origin, subscription, wakeStream, name);
        worker.thread.start();
        return worker;
    }

    private void run() {
        String offset = "-1";
        try {
            while (!closed) {
                try {
                    HttpResponse<byte[]> answer = http.send(HttpRequest.newBuilder(URI.create(origin + "/v1/stream/"
                            + wakeStream + "?offset=" + offset + "&live=long-poll")).timeout(Duration.ofSeconds(10))
                            .build(), HttpResponse.BodyHandlers.ofByteArray());
                    if (answer.statusCode() == 200 || answer.statusCode() == 204) {
                        offset = answer.headers().firstValue("Stream-Next-Offset").orElse(offset);
                    }
                    if (answer.statusCode() == 200 && hasWake(JSON.readTree(answer.body()))) {
                        claimAndWork();
                    } else if (answer.statusCode() != 204 && answer.statusCode() != 200) {
                        Thread.sleep(100);
                    }
                } catch (IOException e) {
                    Thread.sleep(100);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static boolean hasWake(JsonNode events) {
        for (JsonNode event : events) {
            if ("wake".equals(event.path("type").asText())) {
                return true;
            }
        }
        return false;
    }

    private void claimAndWork() throws IOException, InterruptedException {
        HttpResponse<String> claim = http.send(HttpRequest.newBuilder(URI.create(origin + subscriptionPath()
                        + "/claim")).timeout(Duration.ofSeconds(10)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"worker\":\"" + name + "\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
        if (claim.statusCode() != 200) {
            return;
        }
        JsonNode wake = JSON.readTree(claim.body());
        URI ack = URI.create(origin + subscriptionPath() + "/ack");
        while (!closed && work(wake, ack, wake.path("token").asText(), true) == Outcome.NOT_APPLIED) {
            Thread.sleep(100);
        }
    }

    @Override
    public void close() {
        super.close();
        thread.interrupt();
    }
}
