package io.rivulet.protocol.auth;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;

/**
 * SigV4's canonical request, built from what a request carried on the wire:
 *
 * <pre>
 * METHOD \n
 * canonical URI \n          the path with dot segments and empty segments removed, then
 *                            percent-encoded once more (every service but S3 "double-encodes")
 * canonical query \n        name=value pairs decoded, re-encoded (RFC 3986), sorted by name then
 *                            value; X-Amz-Signature left out of a presigned request's
 * canonical headers \n      one "name:value\n" per signed header, value trimmed with inner runs
 *                            of white space made one space; repeated headers joined by ","
 * signed headers \n         the SignedHeaders list as the client sent it
 * payload hash              hex SHA-256 of the body, UNSIGNED-PAYLOAD or STREAMING-…-PAYLOAD
 * </pre>
 *
 * and the string to sign: {@code AWS4-HMAC-SHA256 \n <x-amz-date> \n <scope> \n
 * hex(SHA-256(canonical request))}. Stateless and thread-safe.
 */
public final class CanonicalRequest {
  private CanonicalRequest() {}

  /** The whole canonical request. */
  public static String of(String method, String rawPath, String rawQuery, Map<String, String> headers,
      List<String> signedHeaders, String payloadHash, boolean presigned) {
    return method + '\n'
        + uri(rawPath) + '\n'
        + query(rawQuery, presigned) + '\n'
        + headers(headers, signedHeaders) + '\n'
        + String.join(";", signedHeaders) + '\n'
        + payloadHash;
  }

  /** {@code AWS4-HMAC-SHA256\n<amzDate>\n<scope>\n<hex sha256 of the canonical request>}. */
  public static String stringToSign(String amzDate, String scope, String canonicalRequest) {
    return SigV4.ALGORITHM + '\n' + amzDate + '\n' + scope + '\n' + SigV4.sha256Hex(canonicalRequest);
  }

  /** The canonical URI of a raw (still percent-encoded) path: normalised, then encoded again. */
  public static String uri(String rawPath) {
    return SigV4.uriEncode(normalize(rawPath == null || rawPath.isEmpty() ? "/" : rawPath), true);
  }

  /**
   * Removes {@code .} and {@code ..} segments (RFC 3986 section 5.2.4) and empty segments
   * ({@code //example//} is {@code /example/}); a path ending in {@code /}, {@code /.} or {@code
   * /..} keeps a trailing slash.
   */
  static String normalize(String path) {
    Deque<String> kept = new ArrayDeque<>();
    String[] segments = path.split("/", -1);
    for (String s : segments) {
      if (s.isEmpty() || s.equals(".")) {
        continue;
      }
      if (s.equals("..")) {
        kept.pollLast();
      } else {
        kept.addLast(s);
      }
    }
    if (kept.isEmpty()) {
      return "/";
    }
    String last = segments[segments.length - 1];
    boolean trailing = last.isEmpty() || last.equals(".") || last.equals("..");
    return "/" + String.join("/", kept) + (trailing ? "/" : "");
  }

  /** The canonical query string; a presigned request's own X-Amz-Signature is left out. */
  public static String query(String rawQuery, boolean dropSignature) {
    if (rawQuery == null || rawQuery.isEmpty()) {
      return "";
    }
    List<String[]> pairs = new ArrayList<>();
    for (String piece : rawQuery.split("&")) {
      if (piece.isEmpty()) {
        continue;
      }
      int eq = piece.indexOf('=');
      String name = SigV4.percentDecode(eq < 0 ? piece : piece.substring(0, eq));
      String value = eq < 0 ? "" : SigV4.percentDecode(piece.substring(eq + 1));
      if (dropSignature && name.equals("X-Amz-Signature")) {
        continue;
      }
      pairs.add(new String[] {SigV4.uriEncode(name, false), SigV4.uriEncode(value, false)});
    }
    pairs.sort((a, b) -> {
      int c = a[0].compareTo(b[0]);
      return c != 0 ? c : a[1].compareTo(b[1]);
    });
    StringBuilder out = new StringBuilder(rawQuery.length() + 16);
    for (String[] p : pairs) {
      if (out.length() > 0) {
        out.append('&');
      }
      out.append(p[0]).append('=').append(p[1]);
    }
    return out.toString();
  }

  /** One {@code name:value\n} per signed header (absent headers sign an empty value). */
  static String headers(Map<String, String> headers, List<String> signedHeaders) {
    StringBuilder out = new StringBuilder(256);
    for (String name : signedHeaders) {
      String value = headers.get(name);
      out.append(name).append(':').append(value == null ? "" : trimAll(value)).append('\n');
    }
    return out.toString();
  }

  /** Trims and turns every run of white space (folded lines included) into one space. */
  static String trimAll(String value) {
    StringBuilder out = new StringBuilder(value.length());
    boolean space = false;
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
        space = out.length() > 0;
      } else {
        if (space) {
          out.append(' ');
          space = false;
        }
        out.append(c);
      }
    }
    return out.toString();
  }
}
