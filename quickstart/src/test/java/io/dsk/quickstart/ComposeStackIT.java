package io.dsk.quickstart;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.ComposeContainer;
import org.testcontainers.containers.wait.strategy.Wait;

/**
 * Brings up {@code docker-compose.yml} and sees a Kafka record reach a stream through the Confluent
 * Connect image running the DSK plugin. Skipped where no Docker engine runs.
 */
class ComposeStackIT {

    @Test
    void recordProducedToKafkaReachesItsStream() throws Exception {
        assumeTrue(DockerClientFactory.instance().isDockerAvailable(), "no Docker engine on this machine");
        File compose = new File(System.getProperty("dsk.repo.root", ".."), "docker-compose.yml");
        try (ComposeContainer stack = new ComposeContainer(compose)
                .withExposedService("kafka", 9092)
                .withExposedService("dsk-gateway", 4437, Wait.forHttp("/readyz").forStatusCode(200))
                .withExposedService("connect", 8083, Wait.forHealthcheck().withStartupTimeout(Duration.ofMinutes(5)))) {
            stack.start();
            try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                    ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, "localhost:9092"),
                    new StringSerializer(), new StringSerializer())) {
                producer.send(new ProducerRecord<>("orders", "order-1", "{\"order\":\"order-1\",\"status\":\"delivered\"}"));
            }
            String gateway = "http://" + stack.getServiceHost("dsk-gateway", 4437) + ":"
                    + stack.getServicePort("dsk-gateway", 4437);
            HttpClient http = HttpClient.newHttpClient();
            long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
            HttpResponse<String> read;
            do {
                Thread.sleep(500);
                read = http.send(HttpRequest.newBuilder(URI.create(gateway + "/v1/stream/orders/order-1?offset=-1")).build(),
                        HttpResponse.BodyHandlers.ofString());
            } while (read.statusCode() != 200 && System.nanoTime() < deadline);
            assertThat(read.statusCode()).isEqualTo(200);
            assertThat(read.body()).isEqualTo("[{\"order\":\"order-1\",\"status\":\"delivered\"}]");
            assertThat(read.headers().firstValue("Stream-Closed")).contains("true");
        }
    }
}
