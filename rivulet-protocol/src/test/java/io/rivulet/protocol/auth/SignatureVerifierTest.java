package io.rivulet.protocol.auth;

import static io.rivulet.protocol.auth.SdkSigner.KEY;
import static io.rivulet.protocol.auth.SdkSigner.SECRET;
import static io.rivulet.protocol.auth.SdkSigner.WHEN;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rivulet.protocol.AwsRequest;
import io.rivulet.protocol.auth.SignatureVerifier.Authentication;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

/**
 * The verifier against requests the AWS SDK's own signer signed (the oracle), and against
 * requests broken one piece at a time, with AWS's failures and messages.
 */
class SignatureVerifierTest {
  private static final Instant NOW = WHEN.plusSeconds(30);
  private static final CredentialStore CREDENTIALS = CredentialStore.of(List.of(
      new Credential(KEY, SECRET, null, null, new Principal(KEY, "000000000000", null, List.of())),
      new Credential("ASIATEMP", "temp-secret", "the-token", NOW.plusSeconds(3600),
          new Principal("ASIATEMP", "111122223333", "temp", List.of()))));

  private static SignatureVerifier verifier(Instant now) {
    return new SignatureVerifier(CREDENTIALS, Clock.fixed(now, ZoneOffset.UTC));
  }

  private static Authentication verify(AwsRequest r) {
    return verifier(NOW).verify(r, "kinesis");
  }

  private static void fails(ThrowingCallable call, AuthFailure failure, String message) {
    assertThatThrownBy(call).isInstanceOfSatisfying(AuthException.class, e -> {
      assertThat(e.failure()).isEqualTo(failure);
      if (message != null) {
        assertThat(e.getMessage()).isEqualTo(message);
      }
    });
  }

  private static AwsRequest withHeader(AwsRequest r, String name, String value) {
    Map<String, String> h = new HashMap<>(r.headers());
    if (value == null) {
      h.remove(name);
    } else {
      h.put(name, value);
    }
    return new AwsRequest(r.method(), r.path(), r.rawQuery(), h, r.body(), r.requestId());
  }

  private static AwsRequest signedJson() {
    return new SdkSigner().header("Content-Type", "application/x-amz-json-1.1")
        .header("X-Amz-Target", "Kinesis_20131202.ListStreams").body("{\"Limit\":10}").sign();
  }

  @Test
  void acceptsWhatTheSdkSigns() {
    Authentication a = verify(signedJson());
    assertThat(a.principal().accountId()).isEqualTo("000000000000");
    assertThat(a.region()).isEqualTo("us-east-1");
    assertThat(new String(a.body(), StandardCharsets.UTF_8)).isEqualTo("{\"Limit\":10}");
  }

  @Test
  void acceptsRequestsWithoutContentSha256Header() {
    // the SDK's service clients send no x-amz-content-sha256 for these services: hash the body
    AwsRequest r = signedJson();
    String date = r.header("x-amz-date");
    Map<String, String> h = new HashMap<>(r.headers());
    h.remove("x-amz-content-sha256");
    String canonical = CanonicalRequest.of("POST", "/", "", h, List.of("content-type", "host", "x-amz-date",
        "x-amz-target"), SigV4.sha256Hex(r.body()), false);
    String scope = "20150830/us-east-1/kinesis/aws4_request";
    String signature = SigV4.sign(SigV4.signingKey(SECRET, "20150830", "us-east-1", "kinesis"),
        CanonicalRequest.stringToSign(date, scope, canonical));
    h.put("authorization", "AWS4-HMAC-SHA256 Credential=" + KEY + "/" + scope
        + ", SignedHeaders=content-type;host;x-amz-date;x-amz-target, Signature=" + signature);
    assertThat(verify(new AwsRequest("POST", "/", "", h, r.body(), "r")).principal().arn())
        .isEqualTo("arn:aws:iam::000000000000:root");
  }

  @Test
  void missingAndDoubleSignatures() {
    AwsRequest r = signedJson();
    fails(() -> verify(withHeader(r, "authorization", null)), AuthFailure.MISSING_TOKEN, null);
    fails(() -> verify(withHeader(r, "authorization", "AWS AKID:abc")), AuthFailure.MISSING_TOKEN, null);
    AwsRequest both = new AwsRequest("POST", "/", "X-Amz-Algorithm=AWS4-HMAC-SHA256", r.headers(), r.body(), "r");
    fails(() -> verify(both), AuthFailure.INVALID_SIGNATURE,
        "Found both 'X-Amz-Algorithm' as a query-string param and 'Authorization' as HTTP header.");
  }

  @Test
  void incompleteAuthorizationHeaders() {
    AwsRequest r = withHeader(signedJson(), "x-amz-date", null);
    String auth = "AWS4-HMAC-SHA256 Signature=abc";
    fails(() -> verify(withHeader(r, "authorization", auth)), AuthFailure.INCOMPLETE_SIGNATURE,
        "Authorization header requires 'Credential' parameter. Authorization header requires 'SignedHeaders'"
            + " parameter. Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header."
            + " Authorization=" + auth);
    fails(() -> verify(withHeader(r, "authorization", "AWS4-HMAC-SHA256 Credential, Signature=a")),
        AuthFailure.INCOMPLETE_SIGNATURE, "'Credential' not a valid key=value pair (missing equal-sign) in"
            + " Authorization header: 'AWS4-HMAC-SHA256 Credential, Signature=a'.");
    AwsRequest badDate = withHeader(signedJson(), "x-amz-date", "201");
    fails(() -> verify(badDate), AuthFailure.INCOMPLETE_SIGNATURE,
        "Date must be in ISO-8601 'basic format'. Got '201'. See http://en.wikipedia.org/wiki/ISO_8601");
  }

  @Test
  void clockSkewOfFiveMinutes() {
    AwsRequest r = signedJson();
    assertThat(verifier(WHEN.plus(Duration.ofMinutes(5))).verify(r, "kinesis")).isNotNull();
    assertThat(verifier(WHEN.minus(Duration.ofMinutes(5))).verify(r, "kinesis")).isNotNull();
    fails(() -> verifier(WHEN.plus(Duration.ofMinutes(10))).verify(r, "kinesis"), AuthFailure.INVALID_SIGNATURE,
        "Signature expired: 20150830T123600Z is now earlier than 20150830T124100Z (20150830T124600Z - 5 min.)");
    fails(() -> verifier(WHEN.minus(Duration.ofMinutes(6))).verify(r, "kinesis"), AuthFailure.INVALID_SIGNATURE,
        "Signature not yet current: 20150830T123600Z is still later than 20150830T123500Z (20150830T123000Z + 5 min.)");
  }

  @Test
  void hostAlgorithmAndScope() {
    AwsRequest r = signedJson();
    String auth = r.header("authorization");
    fails(() -> verify(withHeader(r, "authorization", auth.replace("content-type;host;", "content-type;"))),
        AuthFailure.INVALID_SIGNATURE, "'Host' must be a 'SignedHeader' in the AWS Authorization.");
    fails(() -> verify(withHeader(r, "authorization", auth.replace("AWS4-HMAC-SHA256 ", "AWS4-HMAC-SHA25 "))),
        AuthFailure.INCOMPLETE_SIGNATURE, "Unsupported AWS 'algorithm': 'AWS4-HMAC-SHA25' (only AWS4-HMAC-SHA256 for now). ");
    fails(() -> verify(withHeader(r, "authorization", auth.replace("/us-east-1/kinesis/", "/us-east-1/"))),
        AuthFailure.INCOMPLETE_SIGNATURE, "Credential must have exactly 5 slash-delimited elements, e.g."
            + " keyid/date/region/service/term, got '" + KEY + "/20150830/us-east-1/aws4_request'");
    String scope = auth.replace("20150830/us-east-1/kinesis/aws4_request", "20150831/US/firehose/aws4");
    fails(() -> verify(withHeader(r, "authorization", scope)), AuthFailure.INVALID_SIGNATURE, "Credential should be scoped to a valid region, not 'US'. Credential"
            + " should be scoped to correct service: 'kinesis'. Credential should be scoped with a valid"
            + " terminator: 'aws4_request', not 'aws4'. Date in Credential scope does not match YYYYMMDD from"
            + " ISO-8601 version of date from HTTP: '20150831' != '20150830', from '20150830T123600Z'.");
    assertThat(verifier(NOW).verify(r, "kinesis")).isNotNull();
    fails(() -> verifier(NOW).verify(r, "dynamodb"), AuthFailure.INVALID_SIGNATURE,
        "Credential should be scoped to correct service: 'dynamodb'.");
  }

  @Test
  void unknownKeyAndWrongSecret() {
    fails(() -> verify(new SdkSigner().as("AKIDUNKNOWN", SECRET).body("{}").sign()), AuthFailure.UNRECOGNIZED_CLIENT,
        "The security token included in the request is invalid.");
    AwsRequest wrong = new SdkSigner().as(KEY, "not-the-secret").body("{}").sign();
    assertThatThrownBy(() -> verify(wrong)).isInstanceOfSatisfying(AuthException.class, e -> {
      assertThat(e.failure()).isEqualTo(AuthFailure.INVALID_SIGNATURE);
      assertThat(e.getMessage()).isEqualTo("The request signature we calculated does not match the signature you"
          + " provided. Check your AWS Secret Access Key and signing method. Consult the service documentation"
          + " for details.");
      assertThat(e.detail()).startsWith("\n\nThe Canonical String for this request should have been\n'POST\n/\n\n")
          .contains("\n\nThe String-to-Sign should have been\n'AWS4-HMAC-SHA256\n20150830T123600Z\n"
              + "20150830/us-east-1/kinesis/aws4_request\n");
    });
  }

  @Test
  void aTamperedBodyOrHeaderFails() {
    AwsRequest r = signedJson();
    AwsRequest tampered = r.withBody("{\"Limit\":11}".getBytes(StandardCharsets.UTF_8));
    fails(() -> verify(tampered), AuthFailure.INVALID_SIGNATURE,
        "The provided 'x-amz-content-sha256' header does not match what was computed.");
    Map<String, String> h = new HashMap<>(r.headers());
    h.remove("x-amz-content-sha256");
    fails(() -> verify(new AwsRequest("POST", "/", "", h, tampered.body(), "r")), AuthFailure.INVALID_SIGNATURE, null);
    fails(() -> verify(withHeader(r, "x-amz-target", "Kinesis_20131202.DeleteStream")), AuthFailure.INVALID_SIGNATURE, null);
    fails(() -> verify(withHeader(r, "x-amz-content-sha256", "abc")), AuthFailure.INVALID_SIGNATURE,
        "x-amz-content-sha256 must be UNSIGNED-PAYLOAD, STREAMING-AWS4-HMAC-SHA256-PAYLOAD or a valid sha256 value.");
  }

  @Test
  void unsignedPayloadLeavesTheBodyOutOfTheSignature() {
    AwsRequest r = new SdkSigner().body("{}").unsignedPayload().sign();
    assertThat(r.header("x-amz-content-sha256")).isEqualTo(SigV4.UNSIGNED_PAYLOAD);
    assertThat(verify(r)).isNotNull();
    assertThat(verify(r.withBody("{\"other\":1}".getBytes(StandardCharsets.UTF_8))).body())
        .asString(StandardCharsets.UTF_8).isEqualTo("{\"other\":1}");
  }

  @Test
  void presignedQueryStrings() {
    AwsRequest r = new SdkSigner().method("GET").path("/console/api/metrics").presigned(Duration.ofMinutes(10)).sign();
    assertThat(r.header("authorization")).isNull();
    assertThat(r.rawQuery()).contains("X-Amz-Signature=");
    assertThat(verifier(WHEN.plus(Duration.ofMinutes(9))).verify(r, "kinesis").presigned()).isTrue();
    fails(() -> verifier(WHEN.plus(Duration.ofMinutes(11))).verify(r, "kinesis"), AuthFailure.INVALID_SIGNATURE,
        "Signature expired: 20150830T123600Z is now earlier than 20150830T123700Z (20150830T124700Z - 600 sec.)");
    AwsRequest changed = new AwsRequest("GET", "/console/api/other", r.rawQuery(), r.headers(), r.body(), "r");
    fails(() -> verify(changed), AuthFailure.INVALID_SIGNATURE, null);
    AwsRequest incomplete = new AwsRequest("GET", "/", "X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Date=x",
        Map.of(), new byte[0], "r");
    fails(() -> verify(incomplete), AuthFailure.INCOMPLETE_SIGNATURE, "AWS query-string parameters must include"
        + " 'X-Amz-Credential'. AWS query-string parameters must include 'X-Amz-Signature'. AWS query-string"
        + " parameters must include 'X-Amz-SignedHeaders'. Re-examine the query-string parameters.");
    AwsRequest week = new AwsRequest("GET", "/", r.rawQuery().replace("X-Amz-Expires=600", "X-Amz-Expires=604801"),
        r.headers(), r.body(), "r");
    fails(() -> verify(week), AuthFailure.INCOMPLETE_SIGNATURE, "X-Amz-Expires must be less than a week (in"
        + " seconds); that is, the given X-Amz-Expires must be less than 604800 seconds");
  }

  @Test
  void presignedWithUnsignedPayload() {
    AwsRequest r = new SdkSigner().body("{}").presigned(Duration.ofMinutes(5)).unsignedPayload().sign();
    assertThat(verify(r.withBody("{\"x\":2}".getBytes(StandardCharsets.UTF_8)))).isNotNull();
  }

  @Test
  void securityTokens() {
    AwsRequest ok = new SdkSigner().as("ASIATEMP", "temp-secret").token("the-token").body("{}").sign();
    assertThat(verify(ok).principal().arn()).isEqualTo("arn:aws:iam::111122223333:user/temp");
    fails(() -> verify(withHeader(ok, "x-amz-security-token", "forged")), AuthFailure.INVALID_SIGNATURE, null);
    AwsRequest noToken = new SdkSigner().as("ASIATEMP", "temp-secret").body("{}").sign();
    fails(() -> verify(noToken), AuthFailure.UNRECOGNIZED_CLIENT, "The security token included in the request is invalid.");
    AwsRequest wrongToken = new SdkSigner().as("ASIATEMP", "temp-secret").token("other").body("{}").sign();
    fails(() -> verify(wrongToken), AuthFailure.UNRECOGNIZED_CLIENT, "The security token included in the request is invalid.");
    AwsRequest unexpected = new SdkSigner().token("a-token").body("{}").sign();
    fails(() -> verify(unexpected), AuthFailure.UNRECOGNIZED_CLIENT, "The security token included in the request is invalid");
    AwsRequest later = new SdkSigner().as("ASIATEMP", "temp-secret").token("the-token").at(NOW.plusSeconds(3600))
        .body("{}").sign();
    fails(() -> verifier(NOW.plusSeconds(3601)).verify(later, "kinesis"), AuthFailure.EXPIRED_TOKEN,
        "The security token included in the request is expired");
  }

  @Test
  void chunkedSignedPayloads() {
    byte[] data = new byte[200_000];
    for (int i = 0; i < data.length; i++) {
      data[i] = (byte) (i * 31);
    }
    AwsRequest r = new SdkSigner().chunked().body(data).sign();
    assertThat(r.header("x-amz-content-sha256")).isEqualTo(SigV4.STREAMING_PAYLOAD);
    assertThat(r.body().length).isGreaterThan(data.length);
    assertThat(verify(r).body()).isEqualTo(data);

    byte[] tampered = r.body().clone();
    tampered[tampered.length / 2] ^= 1;
    fails(() -> verify(r.withBody(tampered)), AuthFailure.INVALID_SIGNATURE, null);
    byte[] cut = java.util.Arrays.copyOf(r.body(), r.body().length - 90);
    fails(() -> verify(r.withBody(cut)), AuthFailure.INCOMPLETE_SIGNATURE, null);
  }

  @Test
  void chunksCanBeFedPieceByPiece() {
    byte[] data = "a streamed upload, fed to the verifier a few bytes at a time".getBytes(StandardCharsets.UTF_8);
    AwsRequest r = new SdkSigner().chunked().body(data).sign();
    // as PutMedia would: the seed signature from the headers alone, then the chunks as they arrive
    Authentication a = verifier(NOW).verifyStreaming(r.withBody(new byte[0]), "kinesis");
    assertThat(a.body()).isEmpty();
    ChunkedPayload chunks = a.chunks();
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
    byte[] body = r.body();
    for (int i = 0; i < body.length; i += 7) {
      out.writeBytes(chunks.update(body, i, Math.min(7, body.length - i)));
    }
    chunks.finish();
    assertThat(out.toByteArray()).isEqualTo(data);
    assertThat(chunks.chunks()).isEqualTo(2);
    fails(() -> verifier(NOW).verifyStreaming(signedJson(), "kinesis"), AuthFailure.INCOMPLETE_SIGNATURE,
        "x-amz-content-sha256 must be STREAMING-AWS4-HMAC-SHA256-PAYLOAD for a streamed upload");
  }
}
