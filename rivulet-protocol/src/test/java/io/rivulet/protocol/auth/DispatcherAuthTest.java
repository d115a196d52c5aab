package io.rivulet.protocol.auth;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import io.rivulet.protocol.AbstractOperation;
import io.rivulet.protocol.AwsRequest;
import io.rivulet.protocol.AwsResponse;
import io.rivulet.protocol.JsonRpcDispatcher;
import io.rivulet.protocol.OperationTable;
import io.rivulet.protocol.RequestContext;
import io.rivulet.protocol.ServiceDefinition;
import io.rivulet.protocol.ServiceModel;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The JSON-RPC dispatcher with access control on, over the Kinesis model: the order of checks
 * (AWS answers malformed bodies and unknown operations before authentication, authenticates
 * before type checks and validation), the error shapes, the account of a configured credential,
 * and authorisation from the service's rules.
 */
class DispatcherAuthTest {
  private static final Path MODEL =
      Path.of("../rivulet-streams/src/main/resources/io/rivulet/streams/kinesis-2013-12-02.shapes.json");
  private static final String JSON = "application/x-amz-json-1.1";
  private static final String STREAM = "arn:aws:kinesis:us-east-1:111122223333:stream/";

  private final ExecutorService executor = Executors.newSingleThreadExecutor();
  private final AtomicReference<RequestContext> seen = new AtomicReference<>();
  private final JsonRpcDispatcher dispatcher;

  record Input(String streamName, Integer limit) {}

  DispatcherAuthTest() {
    CredentialStore credentials = CredentialStore.of(List.of(
        new Credential(SdkSigner.KEY, SdkSigner.SECRET, null, null,
            new Principal(SdkSigner.KEY, "111122223333", null, List.of())),
        new Credential("AKIDREADER", "reader-secret", null, null, new Principal("AKIDREADER", "111122223333",
            "reader", List.of(Policy.parse("{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
                + "\"Action\":\"kinesis:DescribeStreamSummary\",\"Resource\":\"" + STREAM + "a*\"}]}",
                Policy.Kind.IDENTITY))))));
    AccessControl access = AccessControl.of(credentials, Clock.fixed(SdkSigner.WHEN, ZoneOffset.UTC));
    OperationTable table = OperationTable.builder().add(new Echo("DescribeStreamSummary")).build();
    AccessRules rules = AccessRules.builder("kinesis", "kinesis", AuthErrors.Style.JSON)
        .on("DescribeStreamSummary", AccessRules.arn("arn:aws:kinesis:{region}:{account}:stream/{StreamName}",
            "StreamARN"))
        .build();
    dispatcher = new JsonRpcDispatcher(List.of(new ServiceDefinition("Kinesis_20131202",
        ServiceModel.fromFile(MODEL), table, rules)), executor, access);
  }

  private final class Echo extends AbstractOperation<Input, Map<String, Object>> {
    private final String name;

    Echo(String name) {
      super(Input.class);
      this.name = name;
    }

    @Override
    public String name() {
      return name;
    }

    @Override
    protected Map<String, Object> call(Input in, RequestContext ctx) {
      seen.set(ctx);
      return null;
    }
  }

  @AfterEach
  void stop() {
    executor.shutdownNow();
  }

  private AwsResponse send(AwsRequest r) throws Exception {
    return dispatcher.handle(r).get(10, TimeUnit.SECONDS);
  }

  private static AwsRequest signed(String key, String secret, String body) {
    return new SdkSigner().as(key, secret).header("Content-Type", JSON)
        .header("X-Amz-Target", "Kinesis_20131202.DescribeStreamSummary").body(body).sign();
  }

  private static String text(AwsResponse r) {
    return new String(r.body(), UTF_8);
  }

  @Test
  void aSignedRequestRunsInTheCredentialsAccount() throws Exception {
    AwsResponse r = send(signed(SdkSigner.KEY, SdkSigner.SECRET, "{\"StreamName\":\"s\"}"));
    assertThat(r.status()).isEqualTo(200);
    assertThat(seen.get().accountId()).isEqualTo("111122223333");
    assertThat(seen.get().region()).isEqualTo("us-east-1");
  }

  @Test
  void unsignedOrBadlySignedRequests() throws Exception {
    AwsRequest ok = signed(SdkSigner.KEY, SdkSigner.SECRET, "{\"StreamName\":\"s\"}");
    Map<String, String> headers = new HashMap<>(ok.headers());
    headers.remove("authorization");
    AwsResponse r = send(new AwsRequest("POST", "/", "", headers, ok.body(), "r"));
    assertThat(r.status()).isEqualTo(400);
    assertThat(text(r)).isEqualTo("{\"__type\":\"MissingAuthenticationTokenException\",\"message\":\"Missing Authentication Token\"}");
    r = send(signed("AKIDNOBODY", "x", "{\"StreamName\":\"s\"}"));
    assertThat(text(r)).isEqualTo("{\"__type\":\"UnrecognizedClientException\",\"message\":\"The security token included in the request is invalid.\"}");
    r = send(signed(SdkSigner.KEY, "wrong", "{\"StreamName\":\"s\"}"));
    assertThat(text(r)).startsWith("{\"__type\":\"InvalidSignatureException\",\"message\":\"The request signature we calculated"
        + " does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the"
        + " service documentation for details.\\n\\nThe Canonical String for this request should have been\\n'POST\\n/\\n");
    assertThat(seen.get()).isNull();
  }

  @Test
  void bodyAndTargetErrorsComeFirstThenAuthenticationThenValidation() throws Exception {
    Map<String, String> headers = Map.of("content-type", JSON, "x-amz-target", "Kinesis_20131202.DescribeStreamSummary");
    assertThat(text(send(new AwsRequest("POST", "/", "", headers, "nope".getBytes(UTF_8), "r"))))
        .isEqualTo("{\"__type\":\"SerializationException\"}");
    Map<String, String> unknown = Map.of("content-type", JSON, "x-amz-target", "Kinesis_20131202.Nope");
    assertThat(text(send(new AwsRequest("POST", "/", "", unknown, "{}".getBytes(UTF_8), "r"))))
        .isEqualTo("{\"__type\":\"UnknownOperationException\"}");
    assertThat(text(send(new AwsRequest("POST", "/", "", headers, "{\"StreamName\":7}".getBytes(UTF_8), "r"))))
        .startsWith("{\"__type\":\"MissingAuthenticationTokenException\"");
    assertThat(text(send(signed(SdkSigner.KEY, SdkSigner.SECRET, "{\"StreamName\":\"\"}"))))
        .startsWith("{\"__type\":\"ValidationException\"");
  }

  @Test
  void callsAreAuthorisedByTheServiceRules() throws Exception {
    AwsResponse r = send(signed("AKIDREADER", "reader-secret", "{\"StreamName\":\"alpha\"}"));
    assertThat(r.status()).isEqualTo(200);
    r = send(signed("AKIDREADER", "reader-secret", "{\"StreamName\":\"beta\"}"));
    assertThat(r.status()).isEqualTo(400);
    assertThat(text(r)).isEqualTo("{\"__type\":\"AccessDeniedException\",\"Message\":\"User: arn:aws:iam::111122223333:user/reader"
        + " is not authorized to perform: kinesis:DescribeStreamSummary on resource: " + STREAM + "beta because no"
        + " identity-based policy allows the kinesis:DescribeStreamSummary action\"}");
    // a stream of another account, named by ARN: the reader's policy does not reach it
    r = send(signed("AKIDREADER", "reader-secret", "{\"StreamARN\":\"arn:aws:kinesis:us-east-1:999999999999:stream/alpha\"}"));
    assertThat(text(r)).contains("because no resource-based policy allows the kinesis:DescribeStreamSummary action");
  }

  @Test
  void theNamespacedStyle() {
    AuthException e = new AuthException(AuthFailure.MISSING_TOKEN, null);
    assertThat(AuthErrors.code(e.failure(), AuthErrors.Style.JSON_NAMESPACED).type())
        .isEqualTo("com.amazon.coral.service#MissingAuthenticationTokenException");
    assertThat(AuthErrors.message(e, AuthErrors.Style.JSON_NAMESPACED)).isEqualTo("Request is missing Authentication Token");
    assertThat(AuthErrors.code(AuthFailure.INVALID_SIGNATURE, AuthErrors.Style.QUERY).type()).isEqualTo("SignatureDoesNotMatch");
    assertThat(AuthErrors.code(AuthFailure.INVALID_SIGNATURE, AuthErrors.Style.QUERY).status()).isEqualTo(403);
    assertThat(AuthErrors.message(new AuthException(AuthFailure.INVALID_SIGNATURE, "m", "\n\ndetail"),
        AuthErrors.Style.QUERY)).isEqualTo("m");
  }
}
