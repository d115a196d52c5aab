package io.rivulet.protocol.auth;

import io.rivulet.protocol.AwsRequest;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4FamilyHttpSigner;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.SignRequest;
import software.amazon.awssdk.http.auth.spi.signer.SignedRequest;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;
import software.amazon.awssdk.identity.spi.AwsSessionCredentialsIdentity;

/**
 * The AWS SDK for Java v2's own SigV4 signer, used as the oracle: it signs a request, which is
 * then turned into the {@link AwsRequest} the server would see (lower-case header names, repeated
 * headers joined by commas, the raw path and query as sent). Builder style; not thread-safe.
 */
final class SdkSigner {
  static final String KEY = "AKIDEXAMPLE";
  static final String SECRET = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY";
  static final Instant WHEN = Instant.parse("2015-08-30T12:36:00Z");

  private String method = "POST";
  private String host = "kinesis.us-east-1.amazonaws.com";
  private String path = "/";
  private final Map<String, List<String>> query = new LinkedHashMap<>();
  private final Map<String, List<String>> headers = new LinkedHashMap<>();
  private byte[] body = new byte[0];
  private String service = "kinesis";
  private String region = "us-east-1";
  private String key = KEY;
  private String secret = SECRET;
  private String token;
  private Instant at = WHEN;
  private Duration presign;
  private boolean unsigned;
  private boolean chunked;

  SdkSigner method(String m) {
    method = m;
    return this;
  }

  SdkSigner path(String p) {
    path = p;
    return this;
  }

  SdkSigner query(String name, String... values) {
    query.put(name, List.of(values));
    return this;
  }

  SdkSigner header(String name, String... values) {
    headers.put(name, List.of(values));
    return this;
  }

  SdkSigner body(String b) {
    body = b.getBytes(java.nio.charset.StandardCharsets.UTF_8);
    return this;
  }

  SdkSigner body(byte[] b) {
    body = b;
    return this;
  }

  SdkSigner service(String s) {
    service = s;
    return this;
  }

  SdkSigner region(String r) {
    region = r;
    return this;
  }

  SdkSigner as(String accessKey, String secretKey) {
    key = accessKey;
    secret = secretKey;
    return this;
  }

  SdkSigner token(String t) {
    token = t;
    return this;
  }

  SdkSigner at(Instant i) {
    at = i;
    return this;
  }

  SdkSigner presigned(Duration expires) {
    presign = expires;
    return this;
  }

  SdkSigner unsignedPayload() {
    unsigned = true;
    return this;
  }

  SdkSigner chunked() {
    chunked = true;
    return this;
  }

  AwsRequest sign() {
    SdkHttpRequest.Builder r = SdkHttpRequest.builder().method(SdkHttpMethod.fromValue(method))
        .uri(URI.create("https://" + host)).encodedPath(path).putHeader("Host", host);
    query.forEach(r::putRawQueryParameter);
    headers.forEach(r::putHeader);
    if (chunked) {
      r.putHeader("x-amz-decoded-content-length", Integer.toString(body.length));
    }
    AwsCredentialsIdentity identity = token == null ? AwsCredentialsIdentity.create(key, secret)
        : AwsSessionCredentialsIdentity.create(key, secret, token);
    byte[] payload = body;
    SignRequest.Builder<AwsCredentialsIdentity> sign = SignRequest.builder(identity)
        .request(r.build())
        .payload(ContentStreamProvider.fromByteArray(payload))
        .putProperty(AwsV4FamilyHttpSigner.SERVICE_SIGNING_NAME, service)
        .putProperty(AwsV4HttpSigner.REGION_NAME, region)
        .putProperty(HttpSigner.SIGNING_CLOCK, Clock.fixed(at, ZoneOffset.UTC));
    if (presign != null) {
      sign.putProperty(AwsV4FamilyHttpSigner.AUTH_LOCATION, AwsV4FamilyHttpSigner.AuthLocation.QUERY_STRING)
          .putProperty(AwsV4FamilyHttpSigner.EXPIRATION_DURATION, presign);
    }
    if (unsigned) {
      sign.putProperty(AwsV4FamilyHttpSigner.PAYLOAD_SIGNING_ENABLED, false);
    }
    if (chunked) {
      sign.putProperty(AwsV4FamilyHttpSigner.CHUNK_ENCODING_ENABLED, true);
    }
    SignedRequest signed = AwsV4HttpSigner.create().sign(sign.build());
    return toAwsRequest(signed);
  }

  private static AwsRequest toAwsRequest(SignedRequest signed) {
    SdkHttpRequest req = signed.request();
    Map<String, String> headers = new LinkedHashMap<>();
    req.forEachHeader((name, values) -> headers.merge(name.toLowerCase(Locale.ROOT),
        String.join(",", values), (a, b) -> a + "," + b));
    String rawQuery = req.encodedQueryParameters().orElse("");
    byte[] content = signed.payload().map(SdkSigner::read).orElse(new byte[0]);
    return new AwsRequest(req.method().name(), req.encodedPath().isEmpty() ? "/" : req.encodedPath(), rawQuery,
        headers, content, "req-1");
  }

  private static byte[] read(ContentStreamProvider p) {
    try (InputStream in = p.newStream()) {
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
