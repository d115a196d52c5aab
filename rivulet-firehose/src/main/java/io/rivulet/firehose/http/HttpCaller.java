package io.rivulet.firehose.http;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.ConnectException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.ByteBuffer;
import java.nio.channels.UnresolvedAddressException;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javax.net.ssl.SSLException;

/**
 * Sends one request and reads its whole response within the response timeout, keeping at most a
 * given number of body bytes; failures to get a response come back as a {@link CallFailure} of a
 * kind a destination maps to its error codes. Thread-safe; {@link #close} releases the client's
 * threads.
 */
public final class HttpCaller implements AutoCloseable {

  /** What a response was: status, headers, body (at most the limit), whether it was longer. */
  public record Reply(int status, HttpHeaders headers, byte[] body, boolean truncated) {}

  /** Why no response came. */
  public enum Kind {
    /** The connection could not be made (refused, unresolvable host, connect timeout). */
    CONNECT,
    /** The connection could not be made within the connect timeout. */
    CONNECT_TIMEOUT,
    /** No whole response within the response timeout. */
    TIMEOUT,
    /** The TLS handshake failed (untrusted certificate, host mismatch, protocol). */
    TLS,
    /** The connection was reset or closed before the response ended. */
    RESET
  }

  /** A request that got no (whole) response. */
  public static final class CallFailure extends Exception {
    private final Kind kind;

    CallFailure(Kind kind, String message, Throwable cause) {
      super(message, cause);
      this.kind = kind;
    }

    public Kind kind() {
      return kind;
    }
  }

  private final HttpSettings settings;
  private final ExecutorService executor;
  private final HttpClient client;

  public HttpCaller(HttpSettings settings, String threadName) {
    this.settings = settings;
    this.executor = HttpSettings.clientExecutor(threadName);
    this.client = settings.newClient(executor);
  }

  /** Sends {@code request}; the reply keeps at most {@code maxBody} bytes of the body. */
  public Reply call(HttpRequest request, int maxBody) throws CallFailure, InterruptedException {
    CompletableFuture<HttpResponse<Limited>> future =
        client.sendAsync(request, info -> new LimitedSubscriber(maxBody));
    HttpResponse<Limited> response;
    try {
      response = future.get(settings.responseTimeout().toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      future.cancel(true);
      throw new CallFailure(Kind.TIMEOUT,
          "No response within " + settings.responseTimeout().toSeconds() + " seconds.", e);
    } catch (InterruptedException e) {
      future.cancel(true);
      throw e;
    } catch (ExecutionException e) {
      throw classify(e.getCause() == null ? e : e.getCause());
    }
    Limited body = response.body();
    return new Reply(response.statusCode(), response.headers(), body.bytes(), body.truncated());
  }

  static CallFailure classify(Throwable error) {
    for (Throwable t = error; t != null; t = t.getCause()) {
      if (t instanceof SSLException) {
        return new CallFailure(Kind.TLS, "TLS handshake failed: " + t.getMessage(), error);
      }
      if (t instanceof HttpConnectTimeoutException) {
        return new CallFailure(Kind.CONNECT_TIMEOUT, "Connecting timed out.", error);
      }
      if (t instanceof HttpTimeoutException) {
        return new CallFailure(Kind.TIMEOUT, "The response timed out.", error);
      }
      if (t instanceof ConnectException || t instanceof UnresolvedAddressException) {
        return new CallFailure(Kind.CONNECT, "Could not connect: " + describe(t), error);
      }
    }
    String what = error instanceof IOException ? describe(error) : error.toString();
    return new CallFailure(Kind.RESET, "The connection was closed: " + what, error);
  }

  private static String describe(Throwable t) {
    return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
  }

  @Override
  public void close() {
    executor.shutdownNow();
  }

  /** A body of at most a limit, and whether more was sent. */
  record Limited(byte[] bytes, boolean truncated) {}

  /** Collects up to a limit, then cancels the rest of the body. */
  private static final class LimitedSubscriber implements HttpResponse.BodySubscriber<Limited> {
    private final int limit;
    private final CompletableFuture<Limited> result = new CompletableFuture<>();
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private Flow.Subscription subscription;

    LimitedSubscriber(int limit) {
      this.limit = limit;
    }

    @Override
    public CompletionStage<Limited> getBody() {
      return result;
    }

    @Override
    public void onSubscribe(Flow.Subscription s) {
      subscription = s;
      s.request(1);
    }

    @Override
    public void onNext(List<ByteBuffer> buffers) {
      for (ByteBuffer b : buffers) {
        int take = Math.min(b.remaining(), limit - out.size());
        byte[] chunk = new byte[take];
        b.get(chunk);
        out.write(chunk, 0, take);
        if (b.hasRemaining()) {
          subscription.cancel();
          result.complete(new Limited(out.toByteArray(), true));
          return;
        }
      }
      subscription.request(1);
    }

    @Override
    public void onError(Throwable error) {
      result.completeExceptionally(error);
    }

    @Override
    public void onComplete() {
      result.complete(new Limited(out.toByteArray(), false));
    }
  }
}
