package io.rivulet.benchmarks.video;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One PutMedia session as a KVS producer runs it, over a plain socket: the request with the
 * {@code x-amzn-*} headers and a chunked body written as the camera produces it, while a reader
 * thread takes the chunked JSON-lines acknowledgements off the same connection and hands each to
 * the listener with the instant ({@link System#nanoTime}) it was read. Not thread-safe (one writer).
 */
final class PutMediaUpload implements AutoCloseable {
  private static final Pattern EVENT = Pattern.compile("\"EventType\"\\s*:\\s*\"([A-Z]+)\"");
  private static final Pattern NUMBER = Pattern.compile("\"FragmentNumber\"\\s*:\\s*\"(\\d+)\"");

  /** One acknowledgement: event type, fragment number (null for IDLE), when it was read. */
  record Ack(String eventType, String fragmentNumber, long receivedNanos, String line) {}

  private final Socket socket;
  private final OutputStream out;
  private final Thread reader;
  private volatile int status;

  PutMediaUpload(URI endpoint, String stream, Consumer<Ack> onAck) throws IOException {
    socket = new Socket(endpoint.getHost(), endpoint.getPort());
    socket.setTcpNoDelay(true);
    out = socket.getOutputStream();
    String start = String.format(Locale.ROOT, "%.3f", System.currentTimeMillis() / 1000.0);
    String head = "POST /putMedia HTTP/1.1\r\nHost: " + endpoint.getHost() + ":" + endpoint.getPort()
        + "\r\nx-amzn-stream-name: " + stream + "\r\nx-amzn-fragment-timecode-type: RELATIVE\r\n"
        + "x-amzn-producer-start-timestamp: " + start + "\r\n"
        + "x-amzn-fragment-acknowledgment-required: 1\r\nContent-Type: application/json\r\n"
        + "Transfer-Encoding: chunked\r\nConnection: keep-alive\r\n\r\n";
    out.write(head.getBytes(StandardCharsets.US_ASCII));
    out.flush();
    InputStream in = new BufferedInputStream(socket.getInputStream());
    reader = new Thread(() -> readAcks(in, onAck), "putmedia-acks-" + stream);
    reader.setDaemon(true);
    reader.start();
  }

  /** Sends {@code n} bytes as one chunk, at once. */
  void write(byte[] b, int n) throws IOException {
    if (n == 0) {
      return;
    }
    out.write((Integer.toHexString(n) + "\r\n").getBytes(StandardCharsets.US_ASCII));
    out.write(b, 0, n);
    out.write(new byte[] {'\r', '\n'});
    out.flush();
  }

  /** Ends the body and waits (up to {@code millis}) for the server to finish its acks. */
  void finish(long millis) throws IOException, InterruptedException {
    out.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
    out.flush();
    reader.join(millis);
  }

  /** The response status (0 until it arrived). */
  int status() {
    return status;
  }

  private void readAcks(InputStream in, Consumer<Ack> onAck) {
    try {
      String statusLine = line(in);
      status = Integer.parseInt(statusLine.split(" ")[1]);
      boolean chunked = false;
      for (String h; !(h = line(in)).isEmpty(); ) {
        chunked |= h.toLowerCase(Locale.ROOT).startsWith("transfer-encoding:") && h.contains("chunked");
      }
      ByteArrayOutputStream pending = new ByteArrayOutputStream();
      while (true) {
        int size = chunked ? Integer.parseInt(line(in).split(";")[0].trim(), 16) : 1;
        if (size == 0) {
          return;
        }
        for (int i = 0; i < size; i++) {
          int b = in.read();
          if (b < 0) {
            return;
          }
          if (b == '\n') {
            deliver(pending.toString(StandardCharsets.UTF_8).trim(), onAck);
            pending.reset();
          } else {
            pending.write(b);
          }
        }
        if (chunked) {
          line(in);
        }
      }
    } catch (IOException | RuntimeException e) {
      // connection closed: the session is over
    }
  }

  private static void deliver(String line, Consumer<Ack> onAck) {
    if (line.isEmpty()) {
      return;
    }
    long now = System.nanoTime();
    Matcher e = EVENT.matcher(line);
    Matcher n = NUMBER.matcher(line);
    onAck.accept(new Ack(e.find() ? e.group(1) : "?", n.find() ? n.group(1) : null, now, line));
  }

  private static String line(InputStream in) throws IOException {
    StringBuilder b = new StringBuilder();
    for (int c; (c = in.read()) != '\n'; ) {
      if (c < 0) {
        throw new IOException("connection closed");
      }
      if (c != '\r') {
        b.append((char) c);
      }
    }
    return b.toString();
  }

  /** Creates a video stream (1 hour retention) over the control plane and waits for ACTIVE. */
  static void createStream(HttpClient http, URI endpoint, String name)
      throws IOException, InterruptedException {
    post(http, endpoint, "/createStream", "{\"StreamName\":\"" + name
        + "\",\"MediaType\":\"video/h264\",\"DataRetentionInHours\":1}");
    for (int i = 0; i < 100; i++) {
      if (post(http, endpoint, "/describeStream", "{\"StreamName\":\"" + name + "\"}")
          .contains("\"ACTIVE\"")) {
        return;
      }
      Thread.sleep(100);
    }
    throw new IllegalStateException("stream " + name + " did not become ACTIVE");
  }

  /** A rest-json video call (unsigned: the bench server runs without --auth); its body. */
  static String post(HttpClient http, URI endpoint, String path, String json)
      throws IOException, InterruptedException {
    HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(endpoint + path))
        .header("Content-Type", "application/json")
        .header("Authorization", "AWS4-HMAC-SHA256 Credential=AKIDBENCH/20260101/us-east-1/kinesisvideo/aws4_request")
        .POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
    if (r.statusCode() != 200) {
      throw new IOException(path + " answered " + r.statusCode() + ": " + r.body());
    }
    return r.body();
  }

  @Override
  public void close() throws IOException {
    socket.close();
  }
}
