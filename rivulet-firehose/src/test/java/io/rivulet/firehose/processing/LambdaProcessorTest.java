package io.rivulet.firehose.processing;

import static io.rivulet.firehose.processing.FakeLambdaServer.Answer;
import static io.rivulet.firehose.processing.FakeLambdaServer.ok;
import static io.rivulet.firehose.processing.FakeLambdaServer.reply;
import static io.rivulet.firehose.processing.FakeLambdaServer.result;
import static io.rivulet.firehose.processing.Fixtures.FUNCTION_ARN;
import static io.rivulet.firehose.processing.Fixtures.STREAM_ARN;
import static io.rivulet.firehose.processing.Fixtures.codes;
import static io.rivulet.firehose.processing.Fixtures.config;
import static io.rivulet.firehose.processing.Fixtures.env;
import static io.rivulet.firehose.processing.Fixtures.processor;
import static io.rivulet.firehose.processing.Fixtures.records;
import static io.rivulet.firehose.processing.Fixtures.texts;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.rivulet.firehose.pipeline.DeliveryException;
import io.rivulet.firehose.pipeline.FailedRecord;
import io.rivulet.firehose.pipeline.FirehoseRecord;
import io.rivulet.firehose.pipeline.KinesisRecordMetadata;
import io.rivulet.firehose.pipeline.RecordProcessor.Result;
import io.rivulet.firehose.processing.FakeLambdaServer.Invocation;
import io.rivulet.firehose.processing.Fixtures.RecordingSleeper;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The Lambda processor through the AWS SDK's Lambda client against a real HTTP server of the
 * Invoke API: Firehose's request and response contract, results, retries, batching.
 */
class LambdaProcessorTest {
  private FakeLambdaServer lambda;
  private final RecordingSleeper sleeper = new RecordingSleeper();

  @BeforeEach
  void start() throws Exception {
    lambda = new FakeLambdaServer();
  }

  @AfterEach
  void stop() {
    lambda.close();
  }

  private Result run(List<FirehoseRecord> records, String... params) throws DeliveryException {
    return run(env(lambda.endpoint(), sleeper), records, params);
  }

  private static Result run(ProcessorEnv env, List<FirehoseRecord> records, String... params)
      throws DeliveryException {
    String[] all = new String[params.length + 2];
    all[0] = "LambdaArn";
    all[1] = FUNCTION_ARN;
    System.arraycopy(params, 0, all, 2, params.length);
    try (ProcessingPipeline p = Processors.from(config(processor("Lambda", all)), env)) {
      return p.process(records);
    }
  }

  @Test
  void invokesTheFunctionWithFirehosesRequestAndDeliversWhatItReturns() throws Exception {
    List<FirehoseRecord> in = records("alpha", "beta");

    Result out = run(in);

    assertThat(texts(out.ok())).containsExactly("ALPHA", "BETA");
    assertThat(out.ok()).extracting(FirehoseRecord::recordId).containsExactly("r0", "r1");
    assertThat(out.failed()).isEmpty();
    Invocation inv = lambda.invocations().get(0);
    assertThat(inv.functionName()).isEqualTo(FUNCTION_ARN);
    assertThat(inv.header("X-Amz-Invocation-Type")).isEqualTo("RequestResponse");
    JsonNode body = inv.body();
    assertThat(body.path("invocationId").asText()).matches("[0-9a-f-]{36}");
    assertThat(body.path("deliveryStreamArn").asText()).isEqualTo(STREAM_ARN);
    assertThat(body.path("region").asText()).isEqualTo("us-east-1");
    assertThat(body.has("sourceKinesisStreamArn")).isFalse();
    assertThat(inv.recordIds()).containsExactly("r0", "r1");
    assertThat(inv.datas()).containsExactly("alpha", "beta");
    assertThat(body.path("records").get(1).path("approximateArrivalTimestamp").isIntegralNumber())
        .isTrue();
    assertThat(body.path("records").get(1).path("approximateArrivalTimestamp").asLong())
        .isEqualTo(in.get(1).arrivalMillis());
  }

  @Test
  void aKinesisSourcedStreamSendsItsSourceStreamArn() throws Exception {
    String source = "arn:aws:kinesis:us-east-1:000000000000:stream/in";

    run(env(lambda.endpoint(), sleeper).withSourceKinesisStreamArn(source), records("x"));

    assertThat(lambda.invocations().get(0).body().path("sourceKinesisStreamArn").asText())
        .isEqualTo(source);
  }

  @Test
  void recordsReadFromAKinesisStreamCarryTheirKinesisRecordMetadata() throws Exception {
    KinesisRecordMetadata m = new KinesisRecordMetadata("shardId-000000000003", "pk-7",
        "49546986683135544286507457936321625675700192471156785154", 2, 1_714_557_599_000L);
    List<FirehoseRecord> in = List.of(Fixtures.record("r0", "a").withKinesisRecordMetadata(m),
        Fixtures.record("r1", "b"));

    Result out = run(in);

    assertThat(texts(out.ok())).containsExactly("A", "B");
    JsonNode records = lambda.invocations().get(0).body().path("records");
    JsonNode sent = records.get(0).path("kinesisRecordMetadata");
    assertThat(sent.path("shardId").asText()).isEqualTo("shardId-000000000003");
    assertThat(sent.path("partitionKey").asText()).isEqualTo("pk-7");
    assertThat(sent.path("sequenceNumber").asText()).isEqualTo(m.sequenceNumber());
    assertThat(sent.path("subsequenceNumber").isIntegralNumber()).isTrue();
    assertThat(sent.path("subsequenceNumber").asLong()).isEqualTo(2);
    assertThat(sent.path("approximateArrivalTimestamp").asLong()).isEqualTo(1_714_557_599_000L);
    assertThat(records.get(1).has("kinesisRecordMetadata")).isFalse();
    assertThat(out.ok().get(0).kinesisRecordMetadata()).isEqualTo(m);
  }

  @Test
  void droppedRecordsVanishAndProcessingFailedOnesFailWithTheirSourceData() throws Exception {
    lambda.answer(inv -> Answer.ok(reply(inv, (id, data) -> switch (data) {
      case "keep" -> ok(id, "kept");
      case "drop" -> result(id, "Dropped", null);
      default -> result(id, "ProcessingFailed", data);
    })));

    Result out = run(records("keep", "drop", "bad"));

    assertThat(texts(out.ok())).containsExactly("kept");
    assertThat(out.failed()).hasSize(1);
    FailedRecord f = out.failed().get(0);
    assertThat(f.record().recordId()).isEqualTo("r2");
    assertThat(Fixtures.text(f.record())).isEqualTo("bad");
    assertThat(f.errorCode()).isEqualTo("Lambda.ProcessingFailedStatus");
    assertThat(f.errorMessage()).isEqualTo("ProcessingFailed status set for record");
    assertThat(f.attemptsMade()).isEqualTo(1);
  }

  @Test
  void partitionKeysFromTheFunctionsMetadataGoOnTheRecord() throws Exception {
    lambda.answer(inv -> Answer.ok(reply(inv, (id, data) -> {
      ObjectNode r = ok(id, data);
      r.putObject("metadata").putObject("partitionKeys").put("customer", data).put("year", 2024);
      return r;
    })));

    Result out = run(records("acme"));

    assertThat(out.ok().get(0).partitionKeys())
        .isEqualTo(Map.of("customer", "acme", "year", "2024"));
  }

  @Test
  void recordsTheFunctionDidNotReturnFailAndUnknownIdsAreIgnored() throws Exception {
    lambda.answer(inv -> Answer.ok(reply(inv, (id, data) -> data.equals("lost")
        ? ok("someone-else", "stray") : ok(id, data))));

    Result out = run(records("one", "lost", "three"));

    assertThat(texts(out.ok())).containsExactly("one", "three");
    assertThat(out.failed()).extracting(f -> f.record().recordId()).containsExactly("r1");
    assertThat(codes(out.failed())).containsExactly("Lambda.MissingRecordId");
  }

  @Test
  void aDuplicatedRecordIdFailsTheWholeInvocationWithoutRetrying() throws Exception {
    lambda.answer(inv -> Answer.ok(reply(inv, (id, data) -> ok("r0", data))));

    Result out = run(records("a", "b"), "NumberOfRetries", "3");

    assertThat(out.ok()).isEmpty();
    assertThat(codes(out.failed()))
        .containsExactly("Lambda.DuplicatedRecordId", "Lambda.DuplicatedRecordId");
    assertThat(lambda.invocations()).hasSize(1);
    assertThat(sleeper.sleeps).isEmpty();
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "not JSON                  | <html>oops</html>                                          | Lambda.JsonProcessingException",
      "no records array          | {\"result\":\"Ok\"}                                        | Lambda.JsonProcessingException",
      "unknown result            | {\"records\":[{\"recordId\":\"r0\",\"result\":\"Fine\",\"data\":\"eA==\"}]} | Lambda.JsonProcessingException",
      "Ok without data           | {\"records\":[{\"recordId\":\"r0\",\"result\":\"Ok\"}]}     | Lambda.JsonProcessingException",
      "record without recordId   | {\"records\":[{\"result\":\"Ok\",\"data\":\"eA==\"}]}       | Lambda.JsonProcessingException",
      "data not base64           | {\"records\":[{\"recordId\":\"r0\",\"result\":\"Ok\",\"data\":\"**\"}]} | Lambda.FunctionError",
  })
  void aResponseThatBreaksTheContractFailsTheInvocation(String name, String body, String code)
      throws Exception {
    lambda.answer(inv -> Answer.ok(body));

    Result out = run(records("x"));

    assertThat(out.ok()).isEmpty();
    assertThat(codes(out.failed())).containsExactly(code);
    assertThat(out.failed().get(0).attemptsMade()).isEqualTo(1);
    assertThat(lambda.invocations()).hasSize(1);
  }

  @Test
  void aFunctionErrorIsRetriedWithBackOffThenFailsTheRecords() throws Exception {
    lambda.answer(inv -> Answer.functionError("boom"));

    Result out = run(records("a", "b"), "NumberOfRetries", "2");

    assertThat(lambda.invocations()).hasSize(3);
    assertThat(sleeper.sleeps).containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(2));
    assertThat(codes(out.failed())).containsOnly("Lambda.FunctionError").hasSize(2);
    assertThat(out.failed()).allSatisfy(f -> assertThat(f.attemptsMade()).isEqualTo(3));
    assertThat(out.failed().get(0).errorMessage()).contains("boom");
    assertThat(new HashSet<>(lambda.invocations().stream()
        .map(i -> i.body().path("invocationId").asText()).toList())).hasSize(3);
    assertThat(lambda.invocations()).allSatisfy(i -> assertThat(i.recordIds())
        .containsExactly("r0", "r1"));
  }

  @Test
  void anErrorObjectWithoutTheFunctionErrorHeaderIsAFunctionErrorToo() throws Exception {
    AtomicInteger calls = new AtomicInteger();
    lambda.answer(inv -> calls.getAndIncrement() == 0
        ? Answer.ok("{\"errorMessage\":\"cold start\",\"errorType\":\"Error\"}")
        : FakeLambdaServer.upperCase(inv));

    Result out = run(records("a"));

    assertThat(texts(out.ok())).containsExactly("A");
    assertThat(sleeper.sleeps).containsExactly(Duration.ofSeconds(1));
  }

  @Test
  void throttlingIsRetriedUntilTheFunctionAnswers() throws Exception {
    AtomicInteger calls = new AtomicInteger();
    lambda.answer(inv -> calls.getAndIncrement() < 2
        ? Answer.error(429, "TooManyRequestsException", "Rate Exceeded.")
        : FakeLambdaServer.upperCase(inv));

    Result out = run(records("a", "b"));

    assertThat(texts(out.ok())).containsExactly("A", "B");
    assertThat(lambda.invocations()).hasSize(3);
    assertThat(sleeper.sleeps).containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(2));
  }

  @Test
  void throttlingWithNoRetriesLeftFailsWithInvokeLimitExceeded() throws Exception {
    lambda.answer(inv -> Answer.error(429, "TooManyRequestsException", "Rate Exceeded."));

    Result out = run(records("a"), "NumberOfRetries", "0");

    assertThat(codes(out.failed())).containsExactly("Lambda.InvokeLimitExceeded");
    assertThat(out.failed().get(0).errorMessage()).isEqualTo("Rate Exceeded.");
    assertThat(lambda.invocations()).hasSize(1);
    assertThat(sleeper.sleeps).isEmpty();
  }

  @Test
  void serviceErrorsMapToFirehosesCodes() throws Exception {
    lambda.answer(inv -> Answer.error(404, "ResourceNotFoundException", "Function not found"));
    assertThat(codes(run(records("a"), "NumberOfRetries", "0").failed()))
        .containsExactly("Lambda.ResourceNotFound");

    lambda.answer(inv -> Answer.error(403, "AccessDeniedException", "no"));
    assertThat(codes(run(records("a"), "NumberOfRetries", "0").failed()))
        .containsExactly("Lambda.InvokeAccessDenied");

    lambda.answer(inv -> Answer.error(500, "ServiceException", "internal"));
    assertThat(codes(run(records("a"), "NumberOfRetries", "0").failed()))
        .containsExactly("Lambda.ServiceException");
  }

  @Test
  void withoutALambdaEndpointTheRecordsFailAsForAFunctionThatDoesNotExist() throws Exception {
    Result out = run(env(null, sleeper), records("a", "b"));

    assertThat(out.ok()).isEmpty();
    assertThat(codes(out.failed())).containsExactly("Lambda.ResourceNotFound",
        "Lambda.ResourceNotFound");
    assertThat(out.failed().get(0).errorMessage()).contains("no Lambda endpoint is configured");
    assertThat(sleeper.sleeps).isEmpty();
  }

  @Test
  void anUnreachableEndpointIsRetriedThenFailsWithServiceUnavailable() throws Exception {
    int closedPort;
    try (ServerSocket s = new ServerSocket(0)) {
      closedPort = s.getLocalPort();
    }
    ProcessorEnv env = env(URI.create("http://127.0.0.1:" + closedPort), sleeper);

    Result out = run(env, records("a"), "NumberOfRetries", "1");

    assertThat(codes(out.failed())).containsExactly("Lambda.ServiceUnavailable");
    assertThat(out.failed().get(0).attemptsMade()).isEqualTo(2);
    assertThat(sleeper.sleeps).containsExactly(Duration.ofSeconds(1));
  }

  @Test
  void theRuntimeInterfaceEmulatorsUrlInvokesItsOneFunction() throws Exception {
    URI rie = URI.create(lambda.endpoint() + "/2015-03-31/functions/function/invocations");

    Result out = run(env(rie, sleeper), records("a"));

    assertThat(texts(out.ok())).containsExactly("A");
    assertThat(lambda.invocations().get(0).functionName()).isEqualTo("function");
  }

  @Test
  void requestsAreSignedInTheFunctionsRegionWhenCredentialsAreGiven() throws Exception {
    run(env(lambda.endpoint(), sleeper).withCredentials("AKIDEXAMPLE", "secret"), records("a"));
    run(records("b"));

    assertThat(lambda.invocations().get(0).header("Authorization"))
        .startsWith("AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/")
        .contains("/us-west-2/lambda/aws4_request");
    assertThat(lambda.invocations().get(1).header("Authorization")).isNull();
  }

  @Test
  void aBatchIsSplitIntoInvocationsOfAtMostBufferSizeInMBs() throws Exception {
    String big = "x".repeat(50 * 1024);
    String[] texts = new String[10];
    for (int i = 0; i < texts.length; i++) {
      texts[i] = i + big;
    }

    Result out = run(records(texts), "BufferSizeInMBs", "0.2");

    assertThat(out.ok()).hasSize(10);
    assertThat(out.ok()).extracting(FirehoseRecord::recordId)
        .containsExactly("r0", "r1", "r2", "r3", "r4", "r5", "r6", "r7", "r8", "r9");
    List<Invocation> calls = lambda.invocations();
    assertThat(calls).extracting(i -> i.recordIds().size()).containsExactly(4, 4, 2);
    for (Invocation inv : calls) {
      int bytes = inv.datas().stream().mapToInt(String::length).sum();
      assertThat(bytes).isLessThanOrEqualTo((int) (0.2 * 1024 * 1024));
    }
  }

  @Test
  void noInvocationPayloadExceedsLambdasSixMegabyteLimit() {
    List<FirehoseRecord> in = new ArrayList<>();
    for (int i = 0; i < 12; i++) {
      in.add(new FirehoseRecord("id-" + i, 1L, new byte[1000 * 1024]));
    }

    List<List<FirehoseRecord>> calls = LambdaProcessor.invocations(in, Long.MAX_VALUE);

    assertThat(calls.size()).isGreaterThan(2);
    assertThat(calls.stream().mapToInt(List::size).sum()).isEqualTo(12);
    for (List<FirehoseRecord> call : calls) {
      byte[] payload = LambdaWire.request("00000000-0000-0000-0000-000000000000", STREAM_ARN,
          "us-east-1", "arn:aws:kinesis:us-east-1:000000000000:stream/in", call);
      assertThat(payload.length).isLessThanOrEqualTo(6 * 1024 * 1024);
    }
  }

  @Test
  void anInterruptDuringAnInvocationStopsProcessingWithoutFailingTheRecords() throws Exception {
    CountDownLatch received = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    lambda.answer(inv -> {
      received.countDown();
      try {
        release.await(10, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      return FakeLambdaServer.upperCase(inv);
    });
    AtomicReference<Throwable> thrown = new AtomicReference<>();
    AtomicReference<Boolean> flag = new AtomicReference<>();
    Thread worker = new Thread(() -> {
      try {
        run(records("a"));
      } catch (Throwable t) {
        thrown.set(t);
      }
      flag.set(Thread.currentThread().isInterrupted());
    });
    worker.start();
    assertThat(received.await(10, TimeUnit.SECONDS)).isTrue();
    worker.interrupt();
    release.countDown();
    worker.join(10_000);

    assertThat(thrown.get()).isInstanceOfSatisfying(DeliveryException.class,
        e -> assertThat(e.retryable()).isTrue());
    assertThat(flag.get()).isTrue();
    assertThat(lambda.invocations()).hasSize(1);
  }

  @Test
  void anInterruptedRetryWaitStopsProcessingWithoutFailingTheRecords() {
    lambda.answer(inv -> Answer.functionError("boom"));
    ProcessorEnv env = env(lambda.endpoint(), d -> {
      throw new InterruptedException("stopping");
    });

    assertThatThrownBy(() -> run(env, records("a")))
        .isInstanceOfSatisfying(DeliveryException.class, e -> assertThat(e.retryable()).isTrue());
    assertThat(Thread.interrupted()).isTrue();
  }
}
