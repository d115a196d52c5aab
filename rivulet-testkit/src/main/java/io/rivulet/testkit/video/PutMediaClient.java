package io.rivulet.testkit.video;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.rivulet.video.mkv.Ebml;
import io.rivulet.video.mkv.EbmlWriter;
import io.rivulet.video.mkv.Matroska;
import io.rivulet.video.store.FragmentStore.Frame;
import io.rivulet.video.store.FragmentStore.TrackInfo;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A PutMedia client that behaves on the wire as the KVS producer SDK (producer-c) does: one
 * HTTP/1.1 connection, headers signed with SigV4 ({@code connection;host;transfer-encoding;
 * user-agent;x-amz-date;x-amzn-*}, payload hashed as empty, {@code Host} without the port),
 * {@code Expect: 100-continue}, a chunked MKV body open for the whole session (EBML header,
 * unknown-size Segment, Info, Tracks, then per fragment an unknown-size Cluster of SimpleBlocks,
 * the fragment's metadata Tags and an {@code AWS_KINESISVIDEO_END_OF_FRAGMENT} Tags), while a
 * reader thread collects the acks the server streams back. {@link #finish} ends the body and
 * waits for the last fragment's PERSISTED (or RECEIVED without retention), as {@code
 * stopKinesisVideoStreamSync} does. Thread-safe for one writer thread.
 */
public final class PutMediaClient implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final DateTimeFormatter AMZ_DATE =
      DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

  /**
   * How to connect and what to send in the headers.
   *
   * @param streamArn used instead of the name when not null
   * @param absolute ABSOLUTE fragment timecodes (cluster timecodes are epoch ms), else RELATIVE
   * @param producerStart the x-amzn-producer-start-timestamp
   */
  public record Options(String streamName, String streamArn, boolean absolute,
      Instant producerStart, String accessKey, String secretKey, String region) {
    /** ABSOLUTE timecodes, stream by name, the testkit's credentials in us-east-1. */
    public static Options absolute(String streamName) {
      return new Options(streamName, null, true, Instant.now(), "AKIDRIVULETTEST",
          "rivulet-test-secret", "us-east-1");
    }

    public Options relative(Instant start) {
      return new Options(streamName, streamArn, false, start, accessKey, secretKey, region);
    }

    public Options credentials(String key, String secret, String inRegion) {
      return new Options(streamName, streamArn, absolute, producerStart, key, secret, inRegion);
    }
  }

  private final Socket socket;
  private final OutputStream out;
  private final int status;
  private final Map<String, String> responseHeaders;
  private final List<JsonNode> acks = new CopyOnWriteArrayList<>();
  private final Thread reader;
  private volatile boolean ackStreamEnded;
  private long lastTimecode = -1;
  private boolean finished;

  private PutMediaClient(Socket socket, OutputStream out, int status,
      Map<String, String> responseHeaders, InputStream in) {
    this.socket = socket;
    this.out = out;
    this.status = status;
    this.responseHeaders = responseHeaders;
    this.reader = new Thread(() -> readAcks(in), "putmedia-acks");
    reader.setDaemon(true);
    if (status == 200) {
      reader.start();
    }
  }

  /**
   * Connects and sends the request head; waits for {@code 100 Continue} (or the final answer) as
   * curl does, at most a second, and then returns. For an error answer, {@link #status()} and
   * {@link #errorBody()} tell it.
   */
  public static PutMediaClient connect(URI endpoint, Options o) throws IOException {
    Socket socket = new Socket(endpoint.getHost(), endpoint.getPort());
    socket.setSoTimeout(30_000);
    OutputStream out = socket.getOutputStream();
    out.write(head(endpoint, o).getBytes(StandardCharsets.US_ASCII));
    out.flush();
    InputStream in = socket.getInputStream();
    socket.setSoTimeout(1000);
    String line;
    try {
      line = line(in);
    } catch (java.net.SocketTimeoutException e) {
      line = null; // no 100 Continue within a second: send the body anyway, as curl does
    }
    socket.setSoTimeout(30_000);
    if (line != null && line.startsWith("HTTP/1.1 100")) {
      readHeaders(in);
      line = null;
    }
    // the final answer comes once the server has the head; an error may come before any body
    if (line == null) {
      line = line(in);
    }
    int status = Integer.parseInt(line.split(" ")[1]);
    return new PutMediaClient(socket, out, status, readHeaders(in), in);
  }

  private static String head(URI endpoint, Options o) {
    Instant now = Instant.now();
    Map<String, String> h = new TreeMap<>();
    h.put("connection", "keep-alive");
    h.put("host", endpoint.getHost()); // producer-c leaves the port out
    h.put("transfer-encoding", "chunked");
    h.put("user-agent", "AWS-PRODUCER-SDK-KVS/rivulet-testkit");
    h.put("x-amz-date", AMZ_DATE.format(now));
    h.put("x-amzn-fragment-acknowledgment-required", "1");
    h.put("x-amzn-fragment-timecode-type", o.absolute() ? "ABSOLUTE" : "RELATIVE");
    h.put("x-amzn-producer-start-timestamp",
        new BigDecimal(o.producerStart().toEpochMilli()).movePointLeft(3).toPlainString());
    if (o.streamArn() != null) {
      h.put("x-amzn-stream-arn", o.streamArn());
    } else {
      h.put("x-amzn-stream-name", o.streamName());
    }
    StringBuilder b = new StringBuilder("POST /putMedia HTTP/1.1\r\n");
    b.append("Authorization: ").append(authorization(h, o, now)).append("\r\n");
    h.forEach((k, v) -> b.append(k).append(": ").append(v).append("\r\n"));
    b.append("content-type: application/json\r\nExpect: 100-continue\r\n\r\n");
    return b.toString();
  }

  /** SigV4 over the sorted headers, the payload hashed as the empty string (as producer-c). */
  private static String authorization(Map<String, String> sorted, Options o, Instant now) {
    String date = AMZ_DATE.format(now);
    String day = date.substring(0, 8);
    String signed = String.join(";", sorted.keySet());
    StringBuilder canonical = new StringBuilder("POST\n/putMedia\n\n");
    sorted.forEach((k, v) -> canonical.append(k).append(':').append(v.trim()).append('\n'));
    canonical.append('\n').append(signed).append('\n').append(hex(sha256(new byte[0])));
    String scope = day + "/" + o.region() + "/kinesisvideo/aws4_request";
    String toSign = "AWS4-HMAC-SHA256\n" + date + "\n" + scope + "\n"
        + hex(sha256(canonical.toString().getBytes(StandardCharsets.UTF_8)));
    byte[] key = hmac(("AWS4" + o.secretKey()).getBytes(StandardCharsets.UTF_8), day);
    key = hmac(key, o.region());
    key = hmac(key, "kinesisvideo");
    key = hmac(key, "aws4_request");
    return "AWS4-HMAC-SHA256 Credential=" + o.accessKey() + "/" + scope + ", SignedHeaders="
        + signed + ", Signature=" + hex(hmac(key, toSign));
  }

  /** The response status (200 once the session runs). */
  public int status() {
    return status;
  }

  public Map<String, String> responseHeaders() {
    return responseHeaders;
  }

  /** An error answer's body (after a non-200 status). */
  public String errorBody() throws IOException {
    int length = Integer.parseInt(responseHeaders.getOrDefault("content-length", "0"));
    return new String(socket.getInputStream().readNBytes(length), StandardCharsets.UTF_8);
  }

  /** Sends the session header: EBML header, unknown-size Segment, Info, Tracks. */
  public void start(List<TrackInfo> tracks) throws IOException {
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    b.writeBytes(Matroska.ebmlHeader("matroska"));
    b.writeBytes(Ebml.idBytes(Ebml.SEGMENT));
    b.write(0xFF); // the 1-byte unknown size producer-c writes
    b.writeBytes(Matroska.info(1_000_000, "Kinesis Video SDK", "Kinesis Video SDK"));
    b.writeBytes(Matroska.tracks(tracks));
    chunk(b.toByteArray());
  }

  /**
   * Sends one fragment: an unknown-size Cluster at {@code timecodeMillis} with the frames
   * (timecodes relative to it), then {@code metadata} as Tags, then END_OF_FRAGMENT.
   */
  public void putFragment(long timecodeMillis, List<Frame> frames, Map<String, String> metadata)
      throws IOException {
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    b.writeBytes(Ebml.idBytes(Ebml.CLUSTER));
    b.write(0xFF);
    b.writeBytes(new EbmlWriter().uint(Ebml.TIMECODE, timecodeMillis).toByteArray());
    long base = frames.isEmpty() ? 0 : frames.get(0).timecodeMillis();
    for (Frame f : frames) {
      b.writeBytes(Matroska.simpleBlock(f.trackNumber(), (int) (f.timecodeMillis() - base),
          f.keyframe(), f.data()));
    }
    if (!metadata.isEmpty()) {
      b.writeBytes(Matroska.tags(List.copyOf(metadata.entrySet())));
    }
    b.writeBytes(Matroska.tags(List.of(Map.entry("AWS_KINESISVIDEO_END_OF_FRAGMENT", ""))));
    chunk(b.toByteArray());
    lastTimecode = timecodeMillis;
  }

  /** Sends raw body bytes as one chunk. */
  public void chunk(byte[] bytes) throws IOException {
    if (bytes.length == 0) {
      return;
    }
    out.write((Integer.toHexString(bytes.length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
    out.write(bytes);
    out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
    out.flush();
  }

  /** Every ack received so far, in order. */
  public List<JsonNode> acks() {
    return List.copyOf(acks);
  }

  /** Acks of this EventType so far. */
  public List<JsonNode> acks(String eventType) {
    return acks.stream().filter(a -> eventType.equals(a.path("EventType").asText())).toList();
  }

  /** Waits until an ack matches; the ack. */
  public JsonNode awaitAck(Predicate<JsonNode> match, Duration timeout) throws IOException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      boolean ended = ackStreamEnded; // read first: acks seen after it include every last one
      for (JsonNode a : acks) {
        if (match.test(a)) {
          return a;
        }
      }
      if (ended) {
        break;
      }
      sleep(5);
    }
    throw new IOException("no matching ack within " + timeout + "; acks: " + acks);
  }

  /** An ack matcher: this EventType for the fragment at this timecode. */
  public static Predicate<JsonNode> ack(String eventType, long timecodeMillis) {
    return a -> eventType.equals(a.path("EventType").asText())
        && a.path("FragmentTimecode").asLong(-1) == timecodeMillis;
  }

  /**
   * Ends the body and waits for the last fragment's {@code lastAck} (PERSISTED, or RECEIVED for
   * a stream without retention) and the end of the ack stream; returns every ack.
   */
  public List<JsonNode> finish(String lastAck, Duration timeout) throws IOException {
    if (!finished) {
      finished = true;
      out.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
      out.flush();
    }
    if (lastTimecode >= 0) {
      awaitAck(ack(lastAck, lastTimecode), timeout);
    }
    try {
      reader.join(timeout.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return acks();
  }

  /** Whether the server ended the ack stream. */
  public boolean ackStreamEnded() {
    return ackStreamEnded;
  }

  private void readAcks(InputStream in) {
    ByteArrayOutputStream pending = new ByteArrayOutputStream();
    try {
      while (true) {
        int size = Integer.parseInt(line(in).trim().split(";")[0], 16);
        if (size == 0) {
          line(in);
          break;
        }
        byte[] data = in.readNBytes(size);
        line(in);
        for (byte x : data) {
          if (x == '\n') {
            String text = pending.toString(StandardCharsets.UTF_8).trim();
            pending.reset();
            if (!text.isEmpty()) {
              acks.add(JSON.readTree(text));
            }
          } else {
            pending.write(x);
          }
        }
      }
    } catch (IOException | RuntimeException e) {
      // the connection closed (or the server cut the session after an error)
    } finally {
      ackStreamEnded = true;
    }
  }

  private static Map<String, String> readHeaders(InputStream in) throws IOException {
    Map<String, String> headers = new TreeMap<>();
    String l;
    while (!(l = line(in)).isEmpty()) {
      int colon = l.indexOf(':');
      headers.put(l.substring(0, colon).trim().toLowerCase(java.util.Locale.ROOT),
          l.substring(colon + 1).trim());
    }
    return headers;
  }

  private static String line(InputStream in) throws IOException {
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    int c;
    while ((c = in.read()) != '\n') {
      if (c < 0) {
        throw new java.io.EOFException("connection closed");
      }
      if (c != '\r') {
        b.write(c);
      }
    }
    return b.toString(StandardCharsets.US_ASCII);
  }

  private static byte[] sha256(byte[] b) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(b);
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static byte[] hmac(byte[] key, String data) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
    } catch (java.security.GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String hex(byte[] b) {
    return HexFormat.of().formatHex(b);
  }

  private static void sleep(long millis) {
    try {
      TimeUnit.MILLISECONDS.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public void close() throws IOException {
    socket.close();
  }
}
