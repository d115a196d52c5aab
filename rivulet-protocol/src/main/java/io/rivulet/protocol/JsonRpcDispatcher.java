package io.rivulet.protocol;

import com.fasterxml.jackson.databind.JsonNode;
import io.rivulet.protocol.auth.AccessControl;
import io.rivulet.protocol.auth.AuthErrors;
import io.rivulet.protocol.auth.AuthException;
import io.rivulet.protocol.auth.SigV4;
import io.rivulet.protocol.auth.SignatureVerifier.Authentication;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadLocalRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves AWS JSON-RPC services ({@code X-Amz-Target: <prefix>.<Operation>}, AWS JSON 1.0/1.1 or
 * CBOR 1.1): checks the request as AWS does, decodes, validates and binds the input, calls the
 * operation and encodes its output or error in the request's format. All of it runs on the
 * executor given at construction, never on the caller's thread. The order of the HTTP-level checks
 * and their answers are listed in this module's README. With access control on, the signature is
 * verified once the body parses and the operation is known (before type checks and validation, as
 * AWS does), and the call is authorised against the service's {@code AccessRules} once the input
 * validated (the rules read resource names from it). Immutable and thread-safe.
 */
public final class JsonRpcDispatcher implements AwsHandler {
  private static final Logger LOG = LoggerFactory.getLogger(JsonRpcDispatcher.class);
  private static final String LEGACY_JSON = "application/json";
  private static final String CANNOT_AUTHORIZE =
      "Unable to determine service/operation name to be authorized";
  private static final String EXPOSED_HEADERS =
      "x-amzn-RequestId,x-amzn-ErrorType,x-amz-request-id,x-amz-id-2,x-amzn-ErrorMessage,Date";

  private final Map<String, Service> services;
  private final Executor executor;
  private final AccessControl access;

  /**
   * @param definitions the services, by distinct target prefix; every operation in their tables
   *     must be in their models
   * @param executor runs decoding, validation, operations' {@code handle} calls and encoding
   */
  public JsonRpcDispatcher(List<ServiceDefinition> definitions, Executor executor) {
    this(definitions, executor, AccessControl.off());
  }

  /**
   * @param access verifies signatures and authorises calls ({@link AccessControl#off()}: accepts
   *     everything)
   */
  public JsonRpcDispatcher(List<ServiceDefinition> definitions, Executor executor, AccessControl access) {
    Map<String, Service> byPrefix = new LinkedHashMap<>();
    for (ServiceDefinition d : definitions) {
      for (String name : d.operations().names()) {
        if (d.model().operation(name).isEmpty()) {
          throw new IllegalArgumentException(d.targetPrefix() + "." + name + " is not in the service model");
        }
      }
      if (byPrefix.put(d.targetPrefix(), new Service(d, new JsonRpcCodec(d.model()))) != null) {
        throw new IllegalArgumentException("target prefix registered twice: " + d.targetPrefix());
      }
    }
    this.services = Collections.unmodifiableMap(byPrefix);
    this.executor = executor;
    this.access = access;
  }

  /** Whether the request names one of this dispatcher's services in {@code X-Amz-Target}. */
  public boolean serves(AwsRequest request) {
    return services.containsKey(Target.parse(request.header("x-amz-target")).service());
  }

  @Override
  public CompletableFuture<AwsResponse> handle(AwsRequest request) {
    try {
      return CompletableFuture.supplyAsync(() -> dispatch(request), executor)
          .thenCompose(f -> f)
          .exceptionally(e -> unexpected(request, requestFormat(request), e))
          .thenApply(r -> withCommonHeaders(request, r));
    } catch (RejectedExecutionException e) {
      AwsResponse busy = ErrorRenderer.render(CommonError.SERVICE_UNAVAILABLE, null, requestFormat(request));
      return CompletableFuture.completedFuture(withCommonHeaders(request, busy));
    }
  }

  private CompletableFuture<AwsResponse> dispatch(AwsRequest request) {
    String origin = request.header("origin");
    if (origin != null && "OPTIONS".equals(request.method())) {
      return done(preflight(request));
    }
    Target target = Target.parse(request.header("x-amz-target"));
    Service service = services.get(target.service());
    Operation<?, ?> operation =
        service == null || target.operation() == null
            ? null
            : service.definition.operations().get(target.operation()).orElse(null);
    if (!"POST".equals(request.method())) {
      return done(rejectBeforeProtocol(target, service, operation));
    }
    String mediaType = mediaType(request.header("content-type"));
    WireFormat format = formatOf(mediaType);
    byte[] body = request.body() == null ? new byte[0] : request.body();
    if (body.length == 0) {
      WireFormat answer = format != null && !format.isCbor() ? format : WireFormat.CBOR_1_1;
      return done(ErrorRenderer.render(operation != null ? CommonError.SERIALIZATION : CommonError.UNKNOWN_OPERATION, null, answer));
    }
    if (LEGACY_JSON.equals(mediaType)) {
      JsonNode legacy = JsonRpcCodec.readTree(body, WireFormat.JSON_1_1);
      boolean parses = legacy != null && legacy.isObject();
      return done(parses ? ErrorRenderer.legacyJson(CommonError.UNKNOWN_OPERATION, 404)
          : ErrorRenderer.legacyJson(CommonError.SERIALIZATION, 400));
    }
    if (format == null) {
      return done(rejectBeforeProtocol(target, service, operation));
    }
    try {
      if (operation == null) {
        JsonRpcCodec.parse(body, format);
        return done(ErrorRenderer.render(CommonError.UNKNOWN_OPERATION, null, format));
      }
      Authentication auth = null;
      if (access.enabled() && SigV4.STREAMING_PAYLOAD.equals(request.header("x-amz-content-sha256"))) {
        auth = access.authenticate(request, service.definition.access().signingName());
        body = auth.body(); // aws-chunked: the decoded body is what parses
      }
      JsonRpcCodec.Parsed parsed = service.codec.parseInput(operation.name(), body, format);
      if (access.enabled() && auth == null) {
        auth = access.authenticate(request, service.definition.access().signingName());
      }
      RequestContext context = auth == null
          ? CredentialScope.of(request).context(request.requestId(), format)
          : new RequestContext(request.requestId(), auth.principal().accountId(), auth.region(), format);
      return invoke(service, operation, parsed, context, auth, request);
    } catch (AwsException e) {
      return done(expected(request, format, e));
    } catch (AuthException e) {
      return done(expected(request, format, AuthErrors.toAwsException(e, service.definition.access().style())));
    } catch (RuntimeException e) {
      return done(unexpected(request, format, e));
    }
  }

  private <I, O> CompletableFuture<AwsResponse> invoke(Service service, Operation<I, O> operation,
      JsonRpcCodec.Parsed parsed, RequestContext context, Authentication auth, AwsRequest request) {
    String name = operation.name();
    Map<String, Object> values = service.codec.values(name, parsed);
    if (auth != null) {
      access.authorize(auth, service.definition.access(), name, values, request);
    }
    I input = service.codec.bind(name, values, operation.inputType());
    CompletableFuture<O> result = operation.handle(input, context);
    if (result == null) {
      throw new IllegalStateException(name + " returned no future");
    }
    return result.handleAsync(
        (output, error) -> {
          if (error != null) {
            Throwable cause = unwrap(error);
            return cause instanceof AwsException
                ? expected(context, (AwsException) cause)
                : unexpected(context.requestId(), name, context.format(), cause);
          }
          try {
            if (output instanceof EventStreamOutput events) {
              return new AwsResponse(200,
                  new java.util.LinkedHashMap<>(Map.of("Content-Type", EncodedEventStream.CONTENT_TYPE)),
                  new byte[0], new EncodedEventStream(events, context.format(), context.requestId()));
            }
            byte[] bytes = service.codec.encodeOutput(name, output, context.format());
            return AwsResponse.of(200, context.format().contentType(), bytes);
          } catch (RuntimeException e) {
            return unexpected(context.requestId(), name, context.format(), e);
          }
        },
        executor);
  }

  /**
   * What AWS answers, in XML and before any authentication, to a request whose method is not POST
   * or whose Content-Type is not one of the AWS JSON protocols'.
   */
  private static AwsResponse rejectBeforeProtocol(Target target, Service service, Operation<?, ?> operation) {
    if (target.service() == null || target.operation() == null) {
      return ErrorRenderer.xml(CommonError.ACCESS_DENIED, CANNOT_AUTHORIZE, 403);
    }
    if (service == null) {
      return ErrorRenderer.xml(
          CommonError.UNRECOGNIZED_CLIENT,
          "No authorization strategy was found for service: " + target.service() + ", operation: " + target.operation(),
          403);
    }
    return operation != null
        ? ErrorRenderer.xml(CommonError.UNKNOWN_OPERATION, null, 404)
        : ErrorRenderer.xml(CommonError.INTERNAL_FAILURE, null, 500);
  }

  private static AwsResponse preflight(AwsRequest request) {
    Map<String, String> headers = new LinkedHashMap<>();
    String allowHeaders = request.header("access-control-request-headers");
    if (allowHeaders != null) {
      headers.put("Access-Control-Allow-Headers", allowHeaders);
    }
    String allowMethod = request.header("access-control-request-method");
    if (allowMethod != null) {
      headers.put("Access-Control-Allow-Methods", allowMethod);
    }
    headers.put("Access-Control-Max-Age", "172800");
    return new AwsResponse(200, headers, new byte[0]);
  }

  private static AwsResponse withCommonHeaders(AwsRequest request, AwsResponse response) {
    Map<String, String> headers = new LinkedHashMap<>(response.headers());
    headers.put("x-amzn-RequestId", request.requestId());
    boolean preflight = "OPTIONS".equals(request.method()) && request.header("origin") != null;
    if (!preflight) {
      byte[] id = new byte[72];
      ThreadLocalRandom.current().nextBytes(id);
      headers.put("x-amz-id-2", Base64.getEncoder().encodeToString(id));
    }
    if (request.header("origin") != null) {
      headers.put("Access-Control-Allow-Origin", "*");
      if (!preflight) {
        headers.put("Access-Control-Expose-Headers", EXPOSED_HEADERS);
      }
    }
    return new AwsResponse(response.status(), headers, response.body(), response.stream());
  }

  private static AwsResponse expected(AwsRequest request, WireFormat format, AwsException e) {
    LOG.debug("request {} {}: {} {}", request.requestId(), request.header("x-amz-target"), e.code().type(), e.getMessage());
    return ErrorRenderer.render(e, format);
  }

  private static AwsResponse expected(RequestContext context, AwsException e) {
    LOG.debug("request {}: {} {}", context.requestId(), e.code().type(), e.getMessage());
    return ErrorRenderer.render(e, context.format());
  }

  private static AwsResponse unexpected(AwsRequest request, WireFormat format, Throwable e) {
    Throwable cause = unwrap(e);
    if (cause instanceof AwsException) {
      return expected(request, requestFormat(request), (AwsException) cause);
    }
    return unexpected(request.requestId(), request.header("x-amz-target"), format, cause);
  }

  private static AwsResponse unexpected(String requestId, String what, WireFormat format, Throwable e) {
    LOG.error("request {} ({}) failed", requestId, what, e);
    return ErrorRenderer.render(CommonError.INTERNAL_FAILURE, null, format);
  }

  private static Throwable unwrap(Throwable e) {
    Throwable t = e;
    while ((t instanceof CompletionException || t instanceof ExecutionException) && t.getCause() != null) {
      t = t.getCause();
    }
    return t;
  }

  private static WireFormat requestFormat(AwsRequest request) {
    WireFormat f = formatOf(mediaType(request.header("content-type")));
    return f == null ? WireFormat.JSON_1_1 : f;
  }

  static String mediaType(String contentType) {
    if (contentType == null) {
      return "";
    }
    int semicolon = contentType.indexOf(';');
    String type = semicolon < 0 ? contentType : contentType.substring(0, semicolon);
    return type.trim().toLowerCase(Locale.ROOT);
  }

  static WireFormat formatOf(String mediaType) {
    for (WireFormat f : WireFormat.values()) {
      if (f.contentType().equals(mediaType)) {
        return f;
      }
    }
    return null;
  }

  private static CompletableFuture<AwsResponse> done(AwsResponse response) {
    return CompletableFuture.completedFuture(response);
  }

  /** {@code X-Amz-Target} split as AWS splits it: service and operation, each null when empty. */
  record Target(String service, String operation) {
    static Target parse(String header) {
      if (header == null) {
        return new Target(null, null);
      }
      String[] parts = header.split("\\.", -1);
      String service = parts[0].isEmpty() ? null : parts[0];
      String operation = parts.length > 1 && !parts[1].isEmpty() ? parts[1] : null;
      return new Target(service, operation);
    }
  }

  private static final class Service {
    final ServiceDefinition definition;
    final JsonRpcCodec codec;

    Service(ServiceDefinition definition, JsonRpcCodec codec) {
      this.definition = definition;
      this.codec = codec;
    }
  }
}
