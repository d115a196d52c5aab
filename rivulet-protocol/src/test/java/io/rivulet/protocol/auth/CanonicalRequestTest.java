package io.rivulet.protocol.auth;

import static io.rivulet.protocol.auth.SdkSigner.KEY;
import static io.rivulet.protocol.auth.SdkSigner.SECRET;
import static io.rivulet.protocol.auth.SdkSigner.WHEN;
import static org.assertj.core.api.Assertions.assertThat;

import io.rivulet.protocol.AwsRequest;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

/**
 * Canonicalisation: the rules on their own, AWS's published example, and the request shapes of
 * AWS's SigV4 test suite (query order and encoding, unreserved and UTF-8 characters, spaces,
 * dot segments and repeated slashes, header trimming, repeated headers, session tokens, form
 * bodies) signed by the AWS SDK's own signer, in the Authorization header and presigned.
 */
class CanonicalRequestTest {
  private static final CredentialStore CREDENTIALS = CredentialStore.of(List.of(
      new Credential(KEY, SECRET, null, null, new Principal(KEY, "000000000000", null, List.of())),
      new Credential("AKIDTOKEN", SECRET, "session-token-value", null,
          new Principal("AKIDTOKEN", "000000000000", null, List.of()))));

  @Test
  void pathsAreNormalisedThenEncodedAgain() {
    assertThat(CanonicalRequest.uri("")).isEqualTo("/");
    assertThat(CanonicalRequest.uri("//example//")).isEqualTo("/example/");
    assertThat(CanonicalRequest.uri("/example1/example2/../..")).isEqualTo("/");
    assertThat(CanonicalRequest.uri("/./example")).isEqualTo("/example");
    assertThat(CanonicalRequest.uri("/a/b/..")).isEqualTo("/a/");
    assertThat(CanonicalRequest.uri("/example space/")).isEqualTo("/example%20space/");
    assertThat(CanonicalRequest.uri("/a%20b")).isEqualTo("/a%2520b"); // the wire form, encoded once more
    assertThat(CanonicalRequest.uri("/\u1234")).isEqualTo("/%E1%88%B4");
  }

  @Test
  void queriesAreDecodedReencodedAndSorted() {
    assertThat(CanonicalRequest.query("Param2=value2&Param1=value1", false)).isEqualTo("Param1=value1&Param2=value2");
    assertThat(CanonicalRequest.query("b=2&a=2&a=1&c", false)).isEqualTo("a=1&a=2&b=2&c=");
    assertThat(CanonicalRequest.query("Param-3=Value3&Param=Value2&%E1%88%B4=Value1", false))
        .isEqualTo("%E1%88%B4=Value1&Param=Value2&Param-3=Value3");
    assertThat(CanonicalRequest.query("k=a+b&s=a%20b&t=%7e", false)).isEqualTo("k=a%2Bb&s=a%20b&t=~");
    assertThat(CanonicalRequest.query("X-Amz-Signature=abc&X-Amz-Date=1", true)).isEqualTo("X-Amz-Date=1");
  }

  @Test
  void headerValuesAreTrimmed() {
    assertThat(CanonicalRequest.trimAll("  \"a   b   c\" ")).isEqualTo("\"a b c\"");
    assertThat(CanonicalRequest.trimAll("value1\n  value2\n     value3")).isEqualTo("value1 value2 value3");
    assertThat(CanonicalRequest.headers(Map.of("host", "h", "my-header1", "value2,value2,value1"),
        List.of("host", "my-header1", "x-absent"))).isEqualTo("host:h\nmy-header1:value2,value2,value1\nx-absent:\n");
  }

  /** AWS's documented example (the test suite's get-vanilla): its canonical request and signature. */
  @Test
  void awsPublishedExample() {
    Map<String, String> headers = Map.of("host", "example.amazonaws.com", "x-amz-date", "20150830T123600Z");
    String canonical = CanonicalRequest.of("GET", "/", "", headers, List.of("host", "x-amz-date"),
        SigV4.EMPTY_SHA256, false);
    assertThat(canonical).isEqualTo("GET\n/\n\nhost:example.amazonaws.com\nx-amz-date:20150830T123600Z\n\n"
        + "host;x-amz-date\ne3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    String scope = "20150830/us-east-1/service/aws4_request";
    String signature = SigV4.sign(SigV4.signingKey(SECRET, "20150830", "us-east-1", "service"),
        CanonicalRequest.stringToSign("20150830T123600Z", scope, canonical));
    assertThat(signature).isEqualTo("5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31");
  }

  static List<SdkSigner> suiteShapes() {
    return List.of(
        new SdkSigner().method("GET"),
        new SdkSigner().method("GET").query("Param2", "value2").query("Param1", "value1"),
        new SdkSigner().method("GET").query("-._~0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz",
            "-._~0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"),
        new SdkSigner().method("GET").query("\u1234", "bar").query("Param-3", "Value3").query("Param", "Value2"),
        new SdkSigner().method("GET").query("Param1", "value1").query("empty", ""),
        new SdkSigner().method("GET").path("/example%20space/"),
        new SdkSigner().method("GET").path("/%E1%88%B4"),
        new SdkSigner().method("GET").path("/-._~0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"),
        new SdkSigner().method("GET").path("//example//"),
        new SdkSigner().method("GET").path("/example1/example2/../.."),
        new SdkSigner().method("GET").path("/./example"),
        new SdkSigner().method("GET").header("My-Header1", " value1").header("My-Header2", "\"a   b   c\""),
        new SdkSigner().method("GET").header("My-Header1", "value2", "value2", "value1"),
        new SdkSigner().method("GET").header("My-Header1", "VALUE1").header("X-Amz-Meta-Upper", "Key"),
        new SdkSigner().method("GET").header("ZOO", "zoobar").header("zoo", "foobar"),
        new SdkSigner().method("GET").as("AKIDTOKEN", SECRET).token("session-token-value"),
        new SdkSigner().header("Content-Type", "application/x-www-form-urlencoded").body("Param1=value1"),
        new SdkSigner().header("Content-Type", "application/x-www-form-urlencoded; charset=utf-8")
            .body("Action=ListUsers&Version=2010-05-08"),
        new SdkSigner().header("Content-Type", "application/x-amz-cbor-1.1").body(new byte[] {(byte) 0xbf, (byte) 0xff}));
  }

  @ParameterizedTest
  @MethodSource("suiteShapes")
  void theSdkSignerAgreesInTheHeader(SdkSigner shape) {
    AwsRequest r = shape.service("service").sign();
    new SignatureVerifier(CREDENTIALS, Clock.fixed(WHEN, ZoneOffset.UTC)).verify(r, "service");
  }

  @ParameterizedTest
  @MethodSource("suiteShapes")
  void theSdkSignerAgreesPresigned(SdkSigner shape) {
    AwsRequest r = shape.service("service").presigned(Duration.ofMinutes(15)).sign();
    assertThat(r.rawQuery()).contains("X-Amz-Signature=");
    new SignatureVerifier(CREDENTIALS, Clock.fixed(WHEN, ZoneOffset.UTC)).verify(r, "service");
  }
}
