package io.rivulet.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.rivulet.protocol.AwsRequest;
import io.rivulet.protocol.AwsResponse;
import io.rivulet.protocol.StreamingHandler;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Flow;
import java.util.concurrent.SubmissionPublisher;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Full-duplex streamed requests (the PutMedia shape) over a raw HTTP/1.1 socket. */
@Timeout(30)
class StreamingRequestTest {
  private RivuletHttpServer server;

  @AfterEach
  void stop() {
    if (server != null) {
      server.close();
    }
  }

  /** Acknowledges every body piece with a line giving the bytes seen so far. */
  static final class Acker implements StreamingHandler {
    @Override
    public boolean accepts(AwsRequest head) {
      return head.path().startsWith("/stream");
    }

    @Override
    public CompletableFuture<AwsResponse> handle(AwsRequest head, Flow.Publisher<ByteBuffer> body) {
      if (head.path().equals("/stream/missing")) {
        return CompletableFuture.completedFuture(
            AwsResponse.of(404, "application/json", "{\"Message\":\"no\"}".getBytes()));
      }
      SubmissionPublisher<ByteBuffer> acks = new SubmissionPublisher<>();
      body.subscribe(new Flow.Subscriber<>() {
        long total;
        Flow.Subscription s;

        @Override
        public void onSubscribe(Flow.Subscription subscription) {
          s = subscription;
          s.request(1);
        }

        @Override
        public void onNext(ByteBuffer item) {
          long before = total;
          total += item.remaining();
          if (total < (1 << 20) || before >> 20 != total >> 20) { // big uploads: one per MiB
            acks.submit(ByteBuffer.wrap(("ack " + total + "\n").getBytes(StandardCharsets.UTF_8)));
          }
          s.request(1);
        }

        @Override
        public void onError(Throwable t) {
          acks.closeExceptionally(t);
        }

        @Override
        public void onComplete() {
          acks.submit(ByteBuffer.wrap(("end " + total + "\n").getBytes(StandardCharsets.UTF_8)));
          acks.close();
        }
      });
      return CompletableFuture.completedFuture(new AwsResponse(200,
          Map.of("Content-Type", "application/json"), null, acks));
    }
  }

  private Socket connect() throws IOException {
    server = RivuletHttpServer.start("127.0.0.1", 0, Echo.HANDLER, () -> "",
        HttpServerOptions.builder().streamingHandler(new Acker()).build());
    Socket socket = new Socket("127.0.0.1", server.port());
    socket.setSoTimeout(10_000);
    return socket;
  }

  private static final String HEAD = "POST /stream HTTP/1.1\r\nHost: 127.0.0.1\r\n"
      + "Transfer-Encoding: chunked\r\nExpect: 100-continue\r\n\r\n";

  @Test
  void acknowledgementsFlowWhileTheBodyIsStillUploading() throws Exception {
    try (Socket socket = connect()) {
      OutputStream out = socket.getOutputStream();
      InputStream in = socket.getInputStream();
      out.write(HEAD.getBytes(StandardCharsets.US_ASCII));
      out.flush();
      assertThat(line(in)).isEqualTo("HTTP/1.1 100 Continue");
      assertThat(line(in)).isEmpty();
      chunk(out, "hello");
      String status = line(in);
      assertThat(status).isEqualTo("HTTP/1.1 200 OK");
      Map<String, String> headers = headers(in);
      assertThat(headers).containsEntry("transfer-encoding", "chunked");
      assertThat(headers).containsEntry("content-type", "application/json");
      assertThat(chunkText(in)).isEqualTo("ack 5\n"); // the upload is still open
      chunk(out, "world!");
      assertThat(chunkText(in)).isEqualTo("ack 11\n");
      out.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
      out.flush();
      assertThat(chunkText(in)).isEqualTo("end 11\n");
      assertThat(chunkText(in)).isEmpty(); // the last chunk
      // the connection stays usable for an ordinary request
      out.write("POST /echo HTTP/1.1\r\nHost: x\r\nContent-Length: 2\r\n\r\nhi"
          .getBytes(StandardCharsets.US_ASCII));
      out.flush();
      assertThat(line(in)).isEqualTo("HTTP/1.1 200 OK");
      Map<String, String> echoHeaders = headers(in);
      byte[] body = in.readNBytes(Integer.parseInt(echoHeaders.get("content-length")));
      assertThat(new String(body, StandardCharsets.UTF_8)).contains("path=/echo").contains("body=hi");
    }
  }

  @Test
  void anErrorAnswerSkipsContinueAndClosesTheConnection() throws Exception {
    try (Socket socket = connect()) {
      OutputStream out = socket.getOutputStream();
      InputStream in = socket.getInputStream();
      out.write(HEAD.replace("/stream", "/stream/missing").getBytes(StandardCharsets.US_ASCII));
      out.flush();
      assertThat(line(in)).isEqualTo("HTTP/1.1 404 Not Found");
      Map<String, String> headers = headers(in);
      assertThat(headers).containsEntry("connection", "close");
      byte[] body = in.readNBytes(Integer.parseInt(headers.get("content-length")));
      assertThat(new String(body, StandardCharsets.UTF_8)).isEqualTo("{\"Message\":\"no\"}");
      assertThat(in.read()).isEqualTo(-1);
    }
  }

  @Test
  void aLargeBodyIsDeliveredWholeWithBackPressure() throws Exception {
    try (Socket socket = connect()) {
      OutputStream out = socket.getOutputStream();
      InputStream in = socket.getInputStream();
      out.write(HEAD.replace("Expect: 100-continue\r\n", "").getBytes(StandardCharsets.US_ASCII));
      byte[] piece = new byte[64 * 1024];
      ByteArrayOutputStream seen = new ByteArrayOutputStream();
      Thread reader = new Thread(() -> {
        try {
          String l;
          while (!(l = line(in)).startsWith("end ")) {
            seen.write((l + "\n").getBytes(StandardCharsets.UTF_8));
          }
          seen.write((l + "\n").getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
          // the socket closes when the test ends
        }
      });
      reader.start();
      for (int i = 0; i < 160; i++) { // 10 MiB
        out.write((Integer.toHexString(piece.length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
        out.write(piece);
        out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
      }
      out.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
      out.flush();
      reader.join(20_000);
      assertThat(seen.toString(StandardCharsets.UTF_8)).contains("end " + (160 * 64 * 1024) + "\n");
    }
  }

  @Test
  void overHttp2TheAcksFlowWhileTheStreamIsStillOpen() throws Exception {
    connect().close();
    try (RawH2 h2 = new RawH2(server.port())) {
      h2.headers(1, "/stream", false, Map.of("expect", "100-continue"));
      RawH2.Frame interim = h2.await(RawH2.HEADERS, 1);
      assertThat(interim.headers().status().toString()).isEqualTo("100");
      h2.data(1, "hello".getBytes(StandardCharsets.UTF_8), false);
      RawH2.Frame head = h2.await(RawH2.HEADERS, 1);
      assertThat(head.headers().status().toString()).isEqualTo("200");
      assertThat(new String(h2.await(RawH2.DATA, 1).payload(), StandardCharsets.UTF_8))
          .isEqualTo("ack 5\n");
      h2.data(1, "world!".getBytes(StandardCharsets.UTF_8), true);
      StringBuilder rest = new StringBuilder();
      RawH2.Frame f;
      do {
        f = h2.await(RawH2.DATA, 1);
        rest.append(new String(f.payload(), StandardCharsets.UTF_8));
      } while ((f.flags() & 1) == 0);
      assertThat(rest.toString()).isEqualTo("ack 11\nend 11\n");
    }
  }

  private static void chunk(OutputStream out, String text) throws IOException {
    byte[] b = text.getBytes(StandardCharsets.UTF_8);
    out.write((Integer.toHexString(b.length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
    out.write(b);
    out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
    out.flush();
  }

  static String line(InputStream in) throws IOException {
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    int c;
    while ((c = in.read()) >= 0 && c != '\n') {
      if (c != '\r') {
        b.write(c);
      }
    }
    return b.toString(StandardCharsets.US_ASCII);
  }

  static Map<String, String> headers(InputStream in) throws IOException {
    Map<String, String> headers = new java.util.HashMap<>();
    String l;
    while (!(l = line(in)).isEmpty()) {
      int colon = l.indexOf(':');
      headers.put(l.substring(0, colon).trim().toLowerCase(java.util.Locale.ROOT),
          l.substring(colon + 1).trim());
    }
    return headers;
  }

  static String chunkText(InputStream in) throws IOException {
    int size = Integer.parseInt(line(in).trim(), 16);
    byte[] data = in.readNBytes(size);
    line(in);
    return new String(data, StandardCharsets.UTF_8);
  }
}
