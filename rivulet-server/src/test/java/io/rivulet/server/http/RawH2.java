package io.rivulet.server.http;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http2.DefaultHttp2Headers;
import io.netty.handler.codec.http2.DefaultHttp2HeadersDecoder;
import io.netty.handler.codec.http2.DefaultHttp2HeadersEncoder;
import io.netty.handler.codec.http2.Http2Exception;
import io.netty.handler.codec.http2.Http2Headers;
import io.netty.handler.codec.http2.Http2HeadersEncoder;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * HTTP/2 by prior knowledge on a plain socket, frame by frame, for what a well-behaved client
 * library will not do: open more streams than the server allows, send header lists over its limit,
 * announce a body and never send it. HPACK by Netty's encoder and decoder. Not thread-safe.
 */
final class RawH2 implements AutoCloseable {
  static final int DATA = 0;
  static final int HEADERS = 1;
  static final int RST_STREAM = 3;
  static final int SETTINGS = 4;
  static final int GOAWAY = 7;
  static final int SETTINGS_MAX_CONCURRENT_STREAMS = 3;
  static final int REFUSED_STREAM = 7;

  /** One frame as read; a HEADERS frame's block decoded (every one is, to keep HPACK's state). */
  record Frame(int type, int flags, int streamId, byte[] payload, Http2Headers headers) {
    int errorCode() {
      return ((payload[0] & 0xff) << 24) | ((payload[1] & 0xff) << 16) | ((payload[2] & 0xff) << 8)
          | (payload[3] & 0xff);
    }
  }

  private final Socket socket;
  private final DataInputStream in;
  private final OutputStream out;
  private final DefaultHttp2HeadersEncoder encoder =
      new DefaultHttp2HeadersEncoder(Http2HeadersEncoder.NEVER_SENSITIVE, true);
  private final DefaultHttp2HeadersDecoder decoder = new DefaultHttp2HeadersDecoder(false);
  private final List<Frame> unclaimed = new ArrayList<>();
  /** The server's SETTINGS_MAX_CONCURRENT_STREAMS, or -1 if it sent none. */
  final long maxConcurrentStreams;

  RawH2(int port) throws IOException {
    socket = new Socket("127.0.0.1", port);
    socket.setSoTimeout(10_000);
    in = new DataInputStream(socket.getInputStream());
    out = socket.getOutputStream();
    out.write("PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
    frame(SETTINGS, 0, 0, new byte[0]);
    Frame settings = read();
    while (settings.type() != SETTINGS || (settings.flags() & 1) != 0) {
      settings = read();
    }
    long max = -1;
    byte[] p = settings.payload();
    for (int i = 0; i + 6 <= p.length; i += 6) {
      int id = ((p[i] & 0xff) << 8) | (p[i + 1] & 0xff);
      long value = ((long) (p[i + 2] & 0xff) << 24) | ((p[i + 3] & 0xff) << 16)
          | ((p[i + 4] & 0xff) << 8) | (p[i + 5] & 0xff);
      if (id == SETTINGS_MAX_CONCURRENT_STREAMS) {
        max = value;
      }
    }
    maxConcurrentStreams = max;
    frame(SETTINGS, 1, 0, new byte[0]); // ACK: the server's settings now apply
  }

  /** A POST's HEADERS on {@code streamId}, with {@code extra} headers; END_STREAM if asked. */
  void headers(int streamId, boolean endStream, Map<String, String> extra) throws IOException {
    headers(streamId, "/", endStream, extra);
  }

  /** A POST to {@code path}'s HEADERS on {@code streamId}. */
  void headers(int streamId, String path, boolean endStream, Map<String, String> extra)
      throws IOException {
    Http2Headers headers = new DefaultHttp2Headers().method("POST").scheme("http").path(path)
        .authority("127.0.0.1");
    extra.forEach(headers::add);
    ByteBuf block = Unpooled.buffer();
    try {
      encoder.encodeHeaders(streamId, headers, block);
    } catch (Http2Exception e) {
      throw new IOException(e);
    }
    frame(HEADERS, 0x4 | (endStream ? 0x1 : 0), streamId, ByteBufUtil.getBytes(block));
    block.release();
  }

  /** RST_STREAM(CANCEL): the client gives a stream up. */
  void reset(int streamId) throws IOException {
    frame(RST_STREAM, 0, streamId, new byte[] {0, 0, 0, 8});
  }

  void data(int streamId, byte[] bytes, boolean endStream) throws IOException {
    frame(DATA, endStream ? 1 : 0, streamId, bytes);
  }

  private void frame(int type, int flags, int streamId, byte[] payload) throws IOException {
    byte[] head = {
      (byte) (payload.length >>> 16), (byte) (payload.length >>> 8), (byte) payload.length,
      (byte) type, (byte) flags,
      (byte) (streamId >>> 24), (byte) (streamId >>> 16), (byte) (streamId >>> 8), (byte) streamId
    };
    out.write(head);
    out.write(payload);
    out.flush();
  }

  /** The next frame, or null at the end of the connection. */
  Frame read() throws IOException {
    try {
      int length = (in.readUnsignedByte() << 16) | (in.readUnsignedByte() << 8) | in.readUnsignedByte();
      int type = in.readUnsignedByte();
      int flags = in.readUnsignedByte();
      int streamId = in.readInt() & 0x7fffffff;
      byte[] payload = new byte[length];
      in.readFully(payload);
      return new Frame(type, flags, streamId, payload, type == HEADERS ? decode(streamId, payload) : null);
    } catch (EOFException e) {
      return null;
    }
  }

  /**
   * The first frame of {@code type} on {@code streamId}, read now or kept from an earlier read
   * (frames of other streams are kept for later calls); null if the connection ends first.
   */
  Frame await(int type, int streamId) throws IOException {
    for (Iterator<Frame> it = unclaimed.iterator(); it.hasNext(); ) {
      Frame f = it.next();
      if (f.type() == type && f.streamId() == streamId) {
        it.remove();
        return f;
      }
    }
    for (Frame f = read(); f != null; f = read()) {
      if (f.type() == type && f.streamId() == streamId) {
        return f;
      }
      unclaimed.add(f);
    }
    return null;
  }

  /** A header block (the server sends no padding or priority). */
  private Http2Headers decode(int streamId, byte[] payload) throws IOException {
    ByteBuf block = Unpooled.wrappedBuffer(payload);
    try {
      return decoder.decodeHeaders(streamId, block);
    } catch (Http2Exception e) {
      throw new IOException(e);
    } finally {
      block.release();
    }
  }

  @Override
  public void close() throws IOException {
    socket.close();
  }
}
