package io.rivulet.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.util.ArrayList;
import java.util.List;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.GetRecordsResponse;
import software.amazon.awssdk.services.kinesis.model.Record;
import software.amazon.awssdk.services.kinesis.model.ShardIteratorType;
import software.amazon.awssdk.services.kinesis.model.StreamStatus;

/** Small helpers over the SDK clients shared by the integration tests (Firehose's too). */
public final class Sdk {
  private Sdk() {}

  /** The AWS error a call fails with (it must fail with an AWS service exception). */
  public static AwsServiceException error(ThrowingCallable call) {
    Throwable t = catchThrowable(call);
    if (t instanceof java.util.concurrent.CompletionException && t.getCause() != null) {
      t = t.getCause();
    }
    assertThat(t).as("the call must fail with an AWS error").isInstanceOf(AwsServiceException.class);
    return (AwsServiceException) t;
  }

  /** Asserts the error's code (the wire __type), HTTP status and exact message. */
  public static void assertError(AwsServiceException e, String code, int status, String message) {
    assertThat(e.awsErrorDetails().errorCode()).isEqualTo(code);
    assertThat(e.statusCode()).isEqualTo(status);
    if (message != null) {
      assertThat(e.awsErrorDetails().errorMessage()).isEqualTo(message);
    }
    assertThat(e.requestId()).as("x-amzn-RequestId").isNotBlank();
  }

  static void createActive(KinesisClient k, String name, int shards) {
    k.createStream(b -> b.streamName(name).shardCount(shards));
    awaitActive(k, name);
  }

  static void awaitActive(KinesisClient k, String name) {
    long deadline = System.nanoTime() + 10_000_000_000L;
    while (k.describeStreamSummary(b -> b.streamName(name)).streamDescriptionSummary().streamStatus()
        != StreamStatus.ACTIVE) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("stream " + name + " did not become ACTIVE");
      }
      sleep(20);
    }
  }

  static String iterator(KinesisClient k, String stream, String shardId, ShardIteratorType type) {
    return k.getShardIterator(b -> b.streamName(stream).shardId(shardId).shardIteratorType(type))
        .shardIterator();
  }

  /** Reads a shard from the iterator until a call returns no records; returns what was read. */
  static List<Record> drain(KinesisClient k, String iterator) {
    List<Record> all = new ArrayList<>();
    String it = iterator;
    while (it != null) {
      String current = it;
      GetRecordsResponse r = k.getRecords(b -> b.shardIterator(current));
      all.addAll(r.records());
      if (r.records().isEmpty()) {
        break;
      }
      it = r.nextShardIterator();
    }
    return all;
  }

  /** The server's {@code /metrics} text. */
  public static String metrics(java.net.URI endpoint) {
    try {
      return java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest
          .newBuilder(endpoint.resolve("/metrics")).build(),
          java.net.http.HttpResponse.BodyHandlers.ofString()).body();
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  static SdkBytes bytes(String s) {
    return SdkBytes.fromUtf8String(s);
  }

  public static void sleep(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  /** The operation names of an SDK client interface (its methods taking a request, no paginators). */
  public static java.util.Set<String> sdkOperations(Class<?> client) {
    java.util.Set<String> ops = new java.util.TreeSet<>();
    for (java.lang.reflect.Method m : client.getMethods()) {
      if (!java.lang.reflect.Modifier.isStatic(m.getModifiers()) && m.getParameterCount() >= 1
          && software.amazon.awssdk.core.SdkRequest.class.isAssignableFrom(m.getParameterTypes()[0])
          && !m.getName().endsWith("Paginator")) {
        ops.add(Character.toUpperCase(m.getName().charAt(0)) + m.getName().substring(1));
      }
    }
    return ops;
  }
}
