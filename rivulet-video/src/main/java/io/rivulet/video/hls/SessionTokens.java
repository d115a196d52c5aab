package io.rivulet.video.hls;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.rivulet.video.VideoError;
import io.rivulet.video.store.FragmentStore.TimestampKind;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Session tokens: the session as compact JSON, base64url, a dot, and an HMAC-SHA256 over it under
 * a key drawn at random when the server starts (so tokens end with the server, as sessions do).
 * A token that was altered or signed under another key is refused as NotAuthorizedException, an
 * expired one likewise. Thread-safe.
 */
public final class SessionTokens {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
  private static final Base64.Decoder B64D = Base64.getUrlDecoder();

  private final SecretKeySpec key;
  private final Clock clock;

  /** Tokens signed under a fresh random key. */
  public SessionTokens(Clock clock) {
    byte[] k = new byte[32];
    new SecureRandom().nextBytes(k);
    this.key = new SecretKeySpec(k, "HmacSHA256");
    this.clock = clock;
  }

  /** The token carrying {@code s}. */
  public String issue(PlaybackSession s) {
    ObjectNode n = JSON.createObjectNode();
    n.put("i", s.id()).put("p", s.protocol()).put("a", s.streamArn()).put("m", s.mode())
        .put("k", s.kind().name()).put("ts", s.tsContainer()).put("d", s.discontinuity())
        .put("dt", s.displayTimestamp()).put("dn", s.displayFragmentNumber())
        .put("n", s.maxResults()).put("c", s.created().toEpochMilli())
        .put("e", s.expires().toEpochMilli());
    if (s.start() != null) {
      n.put("s", s.start().toEpochMilli());
    }
    if (s.end() != null) {
      n.put("t", s.end().toEpochMilli());
    }
    String body = B64.encodeToString(n.toString().getBytes(StandardCharsets.UTF_8));
    return body + "." + B64.encodeToString(mac(body));
  }

  /**
   * The session of a token for {@code protocol}; NotAuthorizedException when it is missing,
   * forged, for the other protocol or expired.
   */
  public PlaybackSession verify(String token, String protocol) {
    if (token == null || token.isEmpty()) {
      throw VideoError.NOT_AUTHORIZED.with("SessionToken is required.");
    }
    int dot = token.indexOf('.');
    byte[] sig;
    try {
      sig = dot > 0 ? B64D.decode(token.substring(dot + 1)) : new byte[0];
    } catch (IllegalArgumentException e) {
      sig = new byte[0];
    }
    if (dot <= 0 || !MessageDigest.isEqual(sig, mac(token.substring(0, dot)))) {
      throw VideoError.NOT_AUTHORIZED.with("The session token is not valid.");
    }
    PlaybackSession s = decode(token.substring(0, dot));
    if (!protocol.equals(s.protocol())) {
      throw VideoError.NOT_AUTHORIZED.with("The session token is not valid for " + protocol + ".");
    }
    if (!clock.instant().isBefore(s.expires())) {
      throw VideoError.NOT_AUTHORIZED.with("The session token has expired.");
    }
    return s;
  }

  private static PlaybackSession decode(String body) {
    try {
      JsonNode n = JSON.readTree(B64D.decode(body));
      return new PlaybackSession(n.get("i").asText(), n.get("p").asText(), n.get("a").asText(),
          n.get("m").asText(), TimestampKind.valueOf(n.get("k").asText()),
          n.has("s") ? Instant.ofEpochMilli(n.get("s").asLong()) : null,
          n.has("t") ? Instant.ofEpochMilli(n.get("t").asLong()) : null, n.get("ts").asBoolean(),
          n.get("d").asText(), n.get("dt").asBoolean(), n.get("dn").asBoolean(),
          n.get("n").asInt(), Instant.ofEpochMilli(n.get("c").asLong()),
          Instant.ofEpochMilli(n.get("e").asLong()));
    } catch (java.io.IOException | RuntimeException e) {
      throw VideoError.NOT_AUTHORIZED.with("The session token is not valid.");
    }
  }

  private byte[] mac(String body) {
    try {
      Mac m = Mac.getInstance("HmacSHA256");
      m.init(key);
      return m.doFinal(body.getBytes(StandardCharsets.US_ASCII));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }
}
