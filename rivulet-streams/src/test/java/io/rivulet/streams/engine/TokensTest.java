package io.rivulet.streams.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class TokensTest {
  final Tokens tokens = new Tokens("0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.UTF_8));

  @Test
  void opensWhatItSealed() {
    byte[] payload = "shard 3 offset 99".getBytes(StandardCharsets.UTF_8);
    assertThat(tokens.open(tokens.seal(payload))).isEqualTo(payload);
  }

  @Test
  void rejectsTamperingOtherKeysAndGarbage() {
    String token = tokens.seal("payload".getBytes(StandardCharsets.UTF_8));
    byte[] raw = Base64.getDecoder().decode(token);
    raw[0] ^= 1;
    assertThat(tokens.open(Base64.getEncoder().encodeToString(raw))).isNull();
    Tokens other = new Tokens("another secret of thirty-two b!!".getBytes(StandardCharsets.UTF_8));
    assertThat(other.open(token)).isNull();
    assertThat(tokens.open("not base64 at all!")).isNull();
    assertThat(tokens.open("")).isNull();
  }
}
