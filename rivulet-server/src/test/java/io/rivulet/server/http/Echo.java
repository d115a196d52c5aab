package io.rivulet.server.http;

import io.rivulet.protocol.AwsHandler;
import io.rivulet.protocol.AwsRequest;
import io.rivulet.protocol.AwsResponse;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;

/** Test handlers. */
final class Echo {
  private Echo() {}

  /** Describes the request it got as one text line, and completes at once. */
  static final AwsHandler HANDLER = request -> CompletableFuture.completedFuture(describe(request));

  static AwsResponse describe(AwsRequest request) {
    String text =
        "method="
            + request.method()
            + " path="
            + request.path()
            + " query="
            + request.rawQuery()
            + " x-test="
            + request.header("x-test")
            + " body="
            + new String(request.body(), StandardCharsets.UTF_8)
            + " id="
            + request.requestId();
    return AwsResponse.of(200, "text/plain", text.getBytes(StandardCharsets.UTF_8));
  }

  /** Tracks how many handler calls overlap. */
  static final class Concurrency {
    private final AtomicInteger current = new AtomicInteger();
    private final AtomicInteger max = new AtomicInteger();

    void enter() {
      max.accumulateAndGet(current.incrementAndGet(), Math::max);
    }

    void exit() {
      current.decrementAndGet();
    }

    int max() {
      return max.get();
    }
  }
}
