package io.rivulet.protocol;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.cbor.databind.CBORMapper;
import io.rivulet.protocol.TestModels.EchoInput;
import io.rivulet.protocol.TestModels.EchoOutput;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class JsonRpcDispatcherTest {
  private static final String TARGET = "Small_20200101.Echo";
  private static final String JSON = "application/x-amz-json-1.1";
  private static final String CBOR = "application/x-amz-cbor-1.1";
  private static final String AUTH =
      "AWS4-HMAC-SHA256 Credential=123456789012/20261125/eu-west-1/small/aws4_request, SignedHeaders=host, Signature=abc";

  private final ExecutorService executor = Executors.newFixedThreadPool(2, r -> new Thread(r, "protocol-test"));
  private final AtomicReference<RequestContext> lastContext = new AtomicReference<>();
  private final AtomicReference<String> handlerThread = new AtomicReference<>();
  private final JsonRpcDispatcher dispatcher =
      new JsonRpcDispatcher(
          List.of(new ServiceDefinition("Small_20200101", TestModels.small(),
              OperationTable.builder().add(new Echo()).build())),
          executor);

  @AfterEach
  void stop() {
    executor.shutdownNow();
  }

  /** Echoes its input; names "boom" and "fail" throw unexpected and AWS errors. */
  private final class Echo implements Operation<EchoInput, EchoOutput> {
    @Override
    public String name() {
      return "Echo";
    }

    @Override
    public Class<EchoInput> inputType() {
      return EchoInput.class;
    }

    @Override
    public CompletableFuture<EchoOutput> handle(EchoInput input, RequestContext context) {
      lastContext.set(context);
      handlerThread.set(Thread.currentThread().getName());
      if ("boom".equals(input.name())) {
        throw new IllegalStateException("boom");
      }
      if ("fail".equals(input.name())) {
        return CompletableFuture.failedFuture(new AwsException(CommonError.ACCESS_DENIED, "nope"));
      }
      return CompletableFuture.completedFuture(
          new EchoOutput(input.name(), input.items(), input.when(), input.payload(), null));
    }
  }

  private AwsResponse send(String method, String contentType, String target, byte[] body, String... extra) throws Exception {
    Map<String, String> headers = new HashMap<>();
    if (contentType != null) {
      headers.put("content-type", contentType);
    }
    if (target != null) {
      headers.put("x-amz-target", target);
    }
    for (int i = 0; i < extra.length; i += 2) {
      headers.put(extra[i], extra[i + 1]);
    }
    AwsRequest request = new AwsRequest(method, "/", "", headers, body, "req-1");
    AwsResponse response = dispatcher.handle(request).get(10, TimeUnit.SECONDS);
    assertThat(response.headers()).containsEntry("x-amzn-RequestId", "req-1");
    return response;
  }

  private AwsResponse post(String contentType, String target, String body) throws Exception {
    return send("POST", contentType, target, body.getBytes(UTF_8));
  }

  private static String text(AwsResponse r) {
    return new String(r.body(), UTF_8);
  }

  private static JsonNode cbor(AwsResponse r) throws Exception {
    return new CBORMapper().readTree(r.body());
  }

  @Test
  void routesJsonAndAnswersInTheRequestFormat() throws Exception {
    AwsResponse r = post(JSON, TARGET, "{\"Name\":\"ab\",\"When\":1.5,\"Items\":[{\"Key\":\"k\"}]}");
    assertThat(r.status()).isEqualTo(200);
    assertThat(r.headers()).containsEntry("Content-Type", JSON).containsKey("x-amz-id-2");
    assertThat(text(r)).isEqualTo("{\"Name\":\"ab\",\"Items\":[{\"Key\":\"k\"}],\"When\":1.5}");
    assertThat(handlerThread.get()).isEqualTo("protocol-test");
    RequestContext c = lastContext.get();
    assertThat(c.accountId()).isEqualTo("000000000000");
    assertThat(c.region()).isEqualTo("us-east-1");
    assertThat(c.format()).isEqualTo(WireFormat.JSON_1_1);
    assertThat(c.requestId()).isEqualTo("req-1");
  }

  @Test
  void routesCbor() throws Exception {
    CBORMapper mapper = new CBORMapper();
    var body = mapper.createObjectNode().put("Name", "ab").put("When", 1500L).put("Payload", new byte[] {1});
    AwsResponse r = send("POST", CBOR, TARGET, mapper.writeValueAsBytes(body), "authorization", AUTH);
    assertThat(r.status()).isEqualTo(200);
    assertThat(r.headers()).containsEntry("Content-Type", CBOR);
    JsonNode out = cbor(r);
    assertThat(out.get("When").asLong()).isEqualTo(1500L);
    assertThat(out.get("Payload").binaryValue()).containsExactly(1);
    assertThat(lastContext.get().accountId()).isEqualTo("123456789012");
    assertThat(lastContext.get().region()).isEqualTo("eu-west-1");
  }

  @Test
  void validationAndSerializationErrors() throws Exception {
    AwsResponse r = post(JSON, TARGET, "{\"Name\":\"AB\"}");
    assertThat(r.status()).isEqualTo(400);
    assertThat(text(r)).isEqualTo("{\"__type\":\"ValidationException\",\"message\":\"1 validation error detected: "
        + "Value 'AB' at 'name' failed to satisfy constraint: Member must satisfy regular expression pattern: [a-z ]+\"}");
    r = post(JSON, TARGET, "{\"Name\":5}");
    assertThat(text(r)).isEqualTo("{\"__type\":\"SerializationException\",\"Message\":\"class "
        + "com.amazon.coral.value.json.numbers.TruncatingBigNumber can not be converted to an String\"}");
    r = post(JSON, TARGET, "hello");
    assertThat(r.status()).isEqualTo(400);
    assertThat(text(r)).isEqualTo("{\"__type\":\"SerializationException\"}");
    r = post(CBOR, TARGET, "{");
    assertThat(cbor(r).toString()).isEqualTo("{\"__type\":\"SerializationException\"}");
  }

  @Test
  void operationErrors() throws Exception {
    AwsResponse r = post(JSON, TARGET, "{\"Name\":\"fail\"}");
    assertThat(r.status()).isEqualTo(400);
    assertThat(text(r)).isEqualTo("{\"__type\":\"AccessDeniedException\",\"message\":\"nope\"}");
    r = send("POST", CBOR, TARGET, new CBORMapper().writeValueAsBytes(Map.of("Name", "boom")));
    assertThat(r.status()).isEqualTo(500);
    assertThat(r.headers()).containsEntry("Content-Type", CBOR);
    assertThat(cbor(r).toString()).isEqualTo("{\"__type\":\"InternalFailure\"}");
  }

  @Test
  void unknownTargetsAreUnknownOperation() throws Exception {
    for (String target : new String[] {null, "Whatever", "Small_20200101.", "Small_20200101.Nope", "Other.Echo", "Small_20200101.NoInput"}) {
      AwsResponse r = post(JSON, target, "{}");
      assertThat(r.status()).as(target).isEqualTo(400);
      assertThat(text(r)).isEqualTo("{\"__type\":\"UnknownOperationException\"}");
    }
  }

  @Test
  void emptyBodies() throws Exception {
    AwsResponse r = post(JSON, TARGET, "");
    assertThat(r.status()).isEqualTo(400);
    assertThat(r.headers()).containsEntry("Content-Type", JSON);
    assertThat(text(r)).isEqualTo("{\"__type\":\"SerializationException\"}");
    r = post(JSON, "Small_20200101.Nope", "");
    assertThat(text(r)).isEqualTo("{\"__type\":\"UnknownOperationException\"}");
    r = post(null, null, "");
    assertThat(r.headers()).containsEntry("Content-Type", CBOR);
    assertThat(cbor(r).toString()).isEqualTo("{\"__type\":\"UnknownOperationException\"}");
    r = post(null, TARGET, "");
    assertThat(cbor(r).toString()).isEqualTo("{\"__type\":\"SerializationException\"}");
  }

  @Test
  void wrongMethodOrContentTypeIsAnsweredInXml() throws Exception {
    AwsResponse r = send("GET", null, null, new byte[0]);
    assertThat(r.status()).isEqualTo(403);
    assertThat(r.headers()).doesNotContainKey("Content-Type");
    assertThat(text(r)).isEqualTo("<AccessDeniedException>\n  <Message>Unable to determine service/operation name "
        + "to be authorized</Message>\n</AccessDeniedException>\n");
    r = post(null, null, "{}");
    assertThat(r.status()).isEqualTo(403);
    assertThat(text(r)).startsWith("<AccessDeniedException>");
    r = post("text/plain", TARGET, "{}");
    assertThat(r.status()).isEqualTo(404);
    assertThat(text(r)).isEqualTo("<UnknownOperationException/>\n");
    r = send("PUT", JSON, "Small_20200101.Nope", "{}".getBytes(UTF_8));
    assertThat(r.status()).isEqualTo(500);
    assertThat(text(r)).isEqualTo("<InternalFailure/>\n");
    r = post("text/plain", "whatever.Echo", "{}");
    assertThat(r.status()).isEqualTo(403);
    assertThat(text(r)).isEqualTo("<UnrecognizedClientException>\n  <Message>No authorization strategy was found for "
        + "service: whatever, operation: Echo</Message>\n</UnrecognizedClientException>\n");
  }

  @Test
  void deprecatedApplicationJson() throws Exception {
    AwsResponse r = post("application/json", TARGET, "{}");
    assertThat(r.status()).isEqualTo(404);
    assertThat(text(r)).isEqualTo("{\"Output\":{\"__type\":\"com.amazon.coral.service#UnknownOperationException\"},\"Version\":\"1.0\"}");
    r = post("application/json", TARGET, "hello");
    assertThat(r.status()).isEqualTo(400);
    assertThat(text(r)).isEqualTo("{\"Output\":{\"__type\":\"com.amazon.coral.service#SerializationException\"},\"Version\":\"1.0\"}");
  }

  @Test
  void contentTypeParametersAreIgnored() throws Exception {
    AwsResponse r = post("Application/X-Amz-Json-1.1; charset=utf-8", TARGET, "{\"Name\":\"ok\"}");
    assertThat(r.status()).isEqualTo(200);
  }

  @Test
  void corsPreflightAndHeaders() throws Exception {
    AwsResponse r = send("OPTIONS", null, null, new byte[0], "origin", "http://x", "access-control-request-method", "POST");
    assertThat(r.status()).isEqualTo(200);
    assertThat(r.headers()).containsEntry("Access-Control-Allow-Origin", "*")
        .containsEntry("Access-Control-Allow-Methods", "POST")
        .containsEntry("Access-Control-Max-Age", "172800")
        .doesNotContainKey("x-amz-id-2");
    r = send("POST", JSON, TARGET, "{\"Name\":\"ok\"}".getBytes(UTF_8), "origin", "http://x");
    assertThat(r.headers()).containsEntry("Access-Control-Allow-Origin", "*").containsKey("Access-Control-Expose-Headers");
  }

  @Test
  void rejectedExecutionIsServiceUnavailable() throws Exception {
    executor.shutdownNow();
    AwsResponse r = dispatcher.handle(new AwsRequest("POST", "/", "", Map.of("content-type", JSON, "x-amz-target", TARGET),
        "{}".getBytes(UTF_8), "req-2")).get();
    assertThat(r.status()).isEqualTo(503);
    assertThat(text(r)).isEqualTo("{\"__type\":\"ServiceUnavailable\"}");
  }

  @Test
  void tableOperationsMustBeInTheModel() {
    Operation<TestModels.Empty, Object> bogus = new Operation<>() {
      @Override
      public String name() {
        return "Bogus";
      }

      @Override
      public Class<TestModels.Empty> inputType() {
        return TestModels.Empty.class;
      }

      @Override
      public CompletableFuture<Object> handle(TestModels.Empty input, RequestContext context) {
        return CompletableFuture.completedFuture(null);
      }
    };
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> new JsonRpcDispatcher(
            List.of(new ServiceDefinition("Small_20200101", TestModels.small(), OperationTable.builder().add(bogus).build())),
            executor))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void timestampsRoundTripThroughTheDispatcherInCbor() throws Exception {
    CBORMapper mapper = new CBORMapper();
    AwsResponse r = send("POST", CBOR, TARGET, mapper.writeValueAsBytes(Map.of("Name", "t", "When", 1732550000123L)));
    assertThat(Instant.ofEpochMilli(cbor(r).get("When").asLong())).isEqualTo(Instant.ofEpochMilli(1732550000123L));
  }
}
