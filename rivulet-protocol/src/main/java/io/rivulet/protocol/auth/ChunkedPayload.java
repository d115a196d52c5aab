package io.rivulet.protocol.auth;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Decodes an {@code aws-chunked} body whose chunks are signed one by one ({@code
 * x-amz-content-sha256: STREAMING-AWS4-HMAC-SHA256-PAYLOAD}) and verifies every chunk as it
 * completes. The body is a sequence of
 *
 * <pre>
 * hex(size) ";chunk-signature=" signature "\r\n" data "\r\n"      size &gt; 0, then finally
 * "0;chunk-signature=" signature "\r\n" "\r\n"
 * </pre>
 *
 * where each signature is {@code HMAC(signingKey, "AWS4-HMAC-SHA256-PAYLOAD\n" + x-amz-date + "\n"
 * + scope + "\n" + previous signature + "\n" + sha256("") + "\n" + sha256(data))}, the first
 * "previous" being the request's own (seed) signature. A chunk's data is handed out only once its
 * signature verified, so a consumer never sees unverified bytes.
 *
 * <p>Whole bodies use {@link #decode}; a streamed upload (Video's PutMedia, once the server hands
 * it over piece by piece) feeds pieces to {@link #update} as they arrive and calls {@link #finish}
 * at the end. Not thread-safe: one instance per request.
 */
public final class ChunkedPayload {
  /** The largest chunk accepted (the SDKs use 64 KiB to 1 MiB; S3 allows up to 5 GiB per part). */
  static final int MAX_CHUNK = 16 << 20;
  private static final int MAX_HEADER = 4096;
  private static final String SIGNATURE = ";chunk-signature=";

  private enum State { HEADER, DATA, DATA_END, FINAL_END, DONE }

  private final byte[] signingKey;
  private final String prefix; // "AWS4-HMAC-SHA256-PAYLOAD\n<date>\n<scope>\n"
  private String previous;
  private State state = State.HEADER;
  private final ByteArrayOutputStream header = new ByteArrayOutputStream(128);
  private ByteArrayOutputStream data;
  private int size;
  private String chunkSignature;
  private int chunks;
  private int crlf; // bytes of a "\r\n" seen

  public ChunkedPayload(byte[] signingKey, String amzDate, String scope, String seedSignature) {
    this.signingKey = signingKey.clone();
    this.prefix = SigV4.CHUNK_ALGORITHM + '\n' + amzDate + '\n' + scope + '\n';
    this.previous = seedSignature;
  }

  /** Decodes and verifies a whole body. */
  public static byte[] decode(byte[] body, byte[] signingKey, String amzDate, String scope, String seed) {
    ChunkedPayload p = new ChunkedPayload(signingKey, amzDate, scope, seed);
    byte[] out = p.update(body, 0, body.length);
    p.finish();
    return out;
  }

  /** Feeds bytes; returns the data of the chunks they completed (verified), possibly none. */
  public byte[] update(byte[] in, int off, int len) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    int i = off;
    int end = off + len;
    while (i < end) {
      switch (state) {
        case HEADER -> i = header(in, i, end);
        case DATA -> {
          int n = Math.min(end - i, size - data.size());
          data.write(in, i, n);
          i += n;
          if (data.size() == size) {
            state = State.DATA_END;
          }
        }
        case DATA_END, FINAL_END -> i = lineEnd(in, i, end, out);
        case DONE -> throw invalid("Unexpected bytes after the final chunk");
        default -> throw new IllegalStateException();
      }
    }
    return out.toByteArray();
  }

  /** Ends the body; AuthException unless the final, zero-length chunk arrived and verified. */
  public void finish() {
    if (state != State.DONE) {
      throw invalid("The aws-chunked body ended before its final chunk");
    }
  }

  /** How many chunks (the final empty one included) verified so far. */
  public int chunks() {
    return chunks;
  }

  private int header(byte[] in, int i, int end) {
    while (i < end) {
      byte b = in[i++];
      if (b == '\n' && header.size() > 0 && lastHeaderByte() == '\r') {
        parseHeader(new String(header.toByteArray(), 0, header.size() - 1, StandardCharsets.US_ASCII));
        header.reset();
        return i;
      }
      if (header.size() >= MAX_HEADER) {
        throw invalid("Chunk header too long");
      }
      header.write(b);
    }
    return i;
  }

  private byte lastHeaderByte() {
    byte[] h = header.toByteArray();
    return h[h.length - 1];
  }

  private void parseHeader(String line) {
    int semi = line.indexOf(SIGNATURE);
    if (semi <= 0 || line.length() != semi + SIGNATURE.length() + 64) {
      throw invalid("Malformed chunk header: " + line);
    }
    long n;
    try {
      n = Long.parseLong(line.substring(0, semi), 16);
    } catch (NumberFormatException e) {
      throw invalid("Malformed chunk size: " + line.substring(0, semi));
    }
    if (n < 0 || n > MAX_CHUNK) {
      throw invalid("Chunk size " + n + " is over the limit of " + MAX_CHUNK + " bytes");
    }
    size = (int) n;
    chunkSignature = line.substring(semi + SIGNATURE.length());
    data = new ByteArrayOutputStream(size);
    state = size == 0 ? State.FINAL_END : State.DATA;
  }

  /** Consumes the "\r\n" after a chunk's data (or after the final chunk), then verifies it. */
  private int lineEnd(byte[] in, int i, int end, ByteArrayOutputStream out) {
    while (i < end && crlf < 2) {
      byte expected = crlf == 0 ? (byte) '\r' : (byte) '\n';
      if (in[i++] != expected) {
        throw invalid("Chunk data not followed by CRLF");
      }
      crlf++;
    }
    if (crlf < 2) {
      return i;
    }
    crlf = 0;
    byte[] bytes = data.toByteArray();
    String expected = SigV4.sign(signingKey,
        prefix + previous + '\n' + SigV4.EMPTY_SHA256 + '\n' + SigV4.sha256Hex(bytes));
    if (!SigV4.sameSignature(expected, chunkSignature)) {
      throw new AuthException(AuthFailure.INVALID_SIGNATURE, "The request signature we calculated does not"
          + " match the signature you provided for chunk " + (chunks + 1) + " of the aws-chunked body."
          + " Check your AWS Secret Access Key and signing method. Consult the service documentation for details.");
    }
    previous = chunkSignature;
    chunks++;
    out.write(bytes, 0, bytes.length);
    state = state == State.FINAL_END ? State.DONE : State.HEADER;
    data = null;
    return i;
  }

  private static AuthException invalid(String message) {
    return new AuthException(AuthFailure.INCOMPLETE_SIGNATURE, message);
  }
}
