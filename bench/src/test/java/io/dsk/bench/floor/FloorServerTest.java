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

    @Test
    void writesEachAppendToEverySseConnectionOfItsPathAsOneChunkAndForgetsClosedOnes() throws Exception {
        try (FloorServer server = FloorServer.start(2);
                Socket first = subscribe(server, "/v1/stream/a");
                Socket second = subscribe(server, "/v1/stream/a");
                Socket other = subscribe(server, "/v1/stream/b");
                Socket writer = new Socket("127.0.0.1", server.port())) {
            writer.setSoTimeout(10_000);
            String body = "{\"s\":1,\"t\":42}";
            writer.getOutputStream().write(("POST /v1/stream/a HTTP/1.1\r\nHost: h\r\ncontent-length: " + body.length()
                    + "\r\n\r\n" + body).getBytes(StandardCharsets.US_ASCII));
            assertThat(new String(writer.getInputStream().readNBytes(FloorServer.APPENDED.length),
                    StandardCharsets.US_ASCII)).startsWith("HTTP/1.1 204 No Content\r\n");

            String events = "event: data\ndata:[" + body + "]\n\n" + FloorServer.CONTROL;
            String chunk = Integer.toHexString(events.length()) + "\r\n" + events + "\r\n";
            for (Socket subscriber : new Socket[] {first, second}) {
                assertThat(new String(subscriber.getInputStream().readNBytes(chunk.length()), StandardCharsets.US_ASCII))
                        .isEqualTo(chunk);
            }
            first.close();
            String later = "{\"s\":2,\"t\":43}";
            writer.getOutputStream().write(("POST /v1/stream/a HTTP/1.1\r\nHost: h\r\ncontent-length: "
                    + later.length() + "\r\n\r\n" + later).getBytes(StandardCharsets.US_ASCII));
            assertThat(new String(writer.getInputStream().readNBytes(FloorServer.APPENDED.length),
                    StandardCharsets.US_ASCII)).startsWith("HTTP/1.1 204 No Content\r\n");
            String next = new String(second.getInputStream().readNBytes(chunk.length()), StandardCharsets.US_ASCII);
            assertThat(next).contains("data:[" + later + "]");
            assertThat(other.getInputStream().available()).as("nothing for another path's subscriber").isZero();
        }
    }

    @Test
    void aConnectionResetByItsClientClosesThatConnectionOnly() throws Exception {
        try (FloorServer server = FloorServer.start(1)) {
            try (Socket reset = new Socket("127.0.0.1", server.port())) {
                reset.getOutputStream().write("PUT /v1/stream/a HTTP/1.1\r\nHost: h\r\n\r\n"
                        .getBytes(StandardCharsets.US_ASCII));
                reset.getInputStream().readNBytes(FloorServer.CREATED.length);
                reset.getOutputStream().write("GET /v1/str".getBytes(StandardCharsets.US_ASCII));
                reset.setSoLinger(true, 0); // close with a reset
            }
            try (Socket next = new Socket("127.0.0.1", server.port())) {
                next.setSoTimeout(10_000);
                next.getOutputStream().write("PUT /v1/stream/b HTTP/1.1\r\nHost: h\r\n\r\n"
                        .getBytes(StandardCharsets.US_ASCII));
                assertThat(new String(next.getInputStream().readNBytes(FloorServer.CREATED.length),
                        StandardCharsets.US_ASCII)).startsWith("HTTP/1.1 201 Created\r\n");
            }
        }
    }

    /** An SSE connection to {@code path}, read past its head and first control event. */
    private static Socket subscribe(FloorServer server, String path) throws Exception {
        Socket socket = new Socket("127.0.0.1", server.port());
        socket.setSoTimeout(10_000);
        socket.getOutputStream().write(("GET " + path + "?offset=-1&live=sse HTTP/1.1\r\nHost: h\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII));
        String control = Integer.toHexString(FloorServer.CONTROL.length()) + "\r\n" + FloorServer.CONTROL + "\r\n";
        String start = new String(socket.getInputStream().readNBytes(FloorServer.SSE_HEAD.length + control.length()),
                StandardCharsets.US_ASCII);
        assertThat(start).isEqualTo(new String(FloorServer.SSE_HEAD, StandardCharsets.US_ASCII) + control);
        return socket;
    }
}
