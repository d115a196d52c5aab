package io.rivulet.server.http;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.security.SecureRandom;

/**
 * A TLS ClientHello written byte by byte, so a test can offer what the JDK's own client refuses to
 * (TLS 1.0 and 1.1, RSA key exchange, CBC, 3DES, DHE), and the first record the server answers
 * with: a ServerHello (the server accepted the offer) or an alert (it refused).
 */
final class ClientHello {
  static final int TLS_1_0 = 0x0301;
  static final int TLS_1_1 = 0x0302;
  static final int TLS_1_2 = 0x0303;

  static final int ECDHE_RSA_AES_128_GCM_SHA256 = 0xC02F;
  static final int ECDHE_RSA_AES_128_CBC_SHA = 0xC013;
  static final int ECDHE_RSA_AES_128_CBC_SHA256 = 0xC027;
  static final int RSA_AES_128_GCM_SHA256 = 0x009C;
  static final int RSA_AES_128_CBC_SHA = 0x002F;
  static final int DHE_RSA_AES_128_GCM_SHA256 = 0x009E;
  static final int RSA_3DES_EDE_CBC_SHA = 0x000A;

  static final int CONTENT_ALERT = 21;
  static final int CONTENT_HANDSHAKE = 22;
  static final int ALERT_HANDSHAKE_FAILURE = 40;
  static final int ALERT_PROTOCOL_VERSION = 70;

  /** The server's first record: its content type and, for an alert, its description. */
  record Answer(int contentType, int alert) {
    boolean isServerHello() {
      return contentType == CONTENT_HANDSHAKE;
    }
  }

  private ClientHello() {}

  /** Sends a ClientHello offering {@code version} and {@code suites} and reads the answer. */
  static Answer offer(int port, int version, int... suites) throws IOException {
    try (Socket socket = new Socket("127.0.0.1", port)) {
      socket.setSoTimeout(10_000);
      socket.getOutputStream().write(hello(version, suites));
      socket.getOutputStream().flush();
      DataInputStream in = new DataInputStream(socket.getInputStream());
      try {
        int type = in.readUnsignedByte();
        in.readUnsignedShort(); // record version
        int length = in.readUnsignedShort();
        byte[] body = new byte[length];
        in.readFully(body);
        return new Answer(type, type == CONTENT_ALERT && length >= 2 ? body[1] & 0xff : -1);
      } catch (EOFException | SocketTimeoutException e) {
        return new Answer(-1, -1); // closed without a word
      }
    }
  }

  static byte[] hello(int version, int... suites) {
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    u16(body, version);
    byte[] random = new byte[32];
    new SecureRandom().nextBytes(random);
    body.writeBytes(random);
    body.write(0); // no session id
    u16(body, suites.length * 2);
    for (int suite : suites) {
      u16(body, suite);
    }
    body.write(1); // one compression method:
    body.write(0); // null
    byte[] extensions = extensions();
    u16(body, extensions.length);
    body.writeBytes(extensions);
    byte[] handshake = body.toByteArray();
    ByteArrayOutputStream record = new ByteArrayOutputStream();
    record.write(CONTENT_HANDSHAKE);
    u16(record, TLS_1_0); // the record layer's version, as clients send it
    u16(record, handshake.length + 4);
    record.write(1); // client_hello
    record.write(0);
    u16(record, handshake.length);
    record.writeBytes(handshake);
    return record.toByteArray();
  }

  /** supported_groups (x25519, secp256r1), ec_point_formats, signature_algorithms. */
  private static byte[] extensions() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    extension(out, 0x000a, new int[] {0x0004, 0x001d, 0x0017});
    u16(out, 0x000b);
    u16(out, 2);
    out.write(1);
    out.write(0); // uncompressed
    // rsa_pss_rsae_sha256, rsa_pkcs1_sha256, ecdsa_secp256r1_sha256, rsa_pkcs1_sha1
    extension(out, 0x000d, new int[] {0x0008, 0x0804, 0x0401, 0x0403, 0x0201});
    return out.toByteArray();
  }

  /** An extension whose body is a 16-bit length and then 16-bit values (given with the length). */
  private static void extension(ByteArrayOutputStream out, int type, int[] lengthAndValues) {
    u16(out, type);
    u16(out, lengthAndValues.length * 2);
    for (int v : lengthAndValues) {
      u16(out, v);
    }
  }

  private static void u16(ByteArrayOutputStream out, int value) {
    out.write((value >>> 8) & 0xff);
    out.write(value & 0xff);
  }
}
