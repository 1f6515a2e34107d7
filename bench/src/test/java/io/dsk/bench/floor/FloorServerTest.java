package io.dsk.bench.floor;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class FloorServerTest {

    @Test
    void answersEachRequestOnceItHasArrivedWholeInTheOrderSentAndKeepsTheConnection() throws Exception {
        try (FloorServer server = FloorServer.start(2);
                Socket socket = new Socket("127.0.0.1", server.port())) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            InputStream in = socket.getInputStream();
            out.write(("PUT /v1/stream/a HTTP/1.1\r\nHost: h\r\n\r\n"
                    + "POST /v1/stream/a HTTP/1.1\r\nHost: h\r\ncontent-length: 5\r\n\r\nhel")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            byte[] created = in.readNBytes(FloorServer.CREATED.length);
            assertThat(new String(created, StandardCharsets.US_ASCII)).startsWith("HTTP/1.1 201 Created\r\n");
            assertThat(in.available()).as("no answer before the body is whole").isZero();

            out.write(("lo" + "GET /v1/stream/a?offset=-1 HTTP/1.1\r\nHost: h\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            String rest = new String(in.readNBytes(FloorServer.APPENDED.length + FloorServer.READ.length),
                    StandardCharsets.US_ASCII);

            assertThat(rest).startsWith("HTTP/1.1 204 No Content\r\nStream-Next-Offset: ");
            String read = rest.substring(FloorServer.APPENDED.length);
            assertThat(read).startsWith("HTTP/1.1 200 OK\r\n").contains("Content-Length: 1000\r\n");
            assertThat(read.substring(read.indexOf("\r\n\r\n") + 4)).hasSize(1000);
        }
    }
}
