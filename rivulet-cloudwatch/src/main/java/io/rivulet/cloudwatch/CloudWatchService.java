package io.rivulet.cloudwatch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.cbor.databind.CBORMapper;
import io.rivulet.protocol.AwsHandler;
import io.rivulet.protocol.AwsRequest;
import io.rivulet.protocol.AwsResponse;
import io.rivulet.protocol.auth.AccessControl;
import io.rivulet.protocol.auth.AccessRules;
import io.rivulet.protocol.auth.AuthErrors;
import io.rivulet.protocol.auth.AuthException;
import io.rivulet.protocol.auth.SignatureVerifier.Authentication;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.zip.GZIPInputStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * CloudWatch's {@code PutMetricData}, the one CloudWatch call the Kinesis Client Library makes, in
 * the three protocols the SDKs use:
 *
 * <ul>
 *   <li>Smithy RPC v2 CBOR (AWS SDK for Java v2 from 2.30-ish, e.g. 2.57.8): {@code POST
 *       /service/GraniteServiceVersion20100801/operation/PutMetricData}, {@code smithy-protocol:
 *       rpc-v2-cbor}, indefinite-length CBOR maps; answered 200 {@code application/cbor} with an
 *       empty map.
 *   <li>AWS JSON 1.0: {@code X-Amz-Target: GraniteServiceVersion20100801.PutMetricData}; answered
 *       {@code {}}.
 *   <li>awsQuery (older SDKs): a form post with {@code Action=PutMetricData}; answered with the
 *       XML {@code PutMetricDataResponse}.
 * </ul>
 *
 * Bodies sent with {@code Content-Encoding: gzip} (the SDK compresses large ones) are inflated.
 * The latest statistics of each series are exposed by {@link #prometheusText()}. With access
 * control on, requests are verified for the signing name {@code monitoring} and need {@code
 * cloudwatch:PutMetricData} on {@code *}; failures use the query protocol's codes ({@code
 * MissingAuthenticationToken}, {@code SignatureDoesNotMatch}, {@code InvalidClientTokenId}, {@code
 * AccessDenied}, ...). Thread-safe.
 */
public final class CloudWatchService implements AwsHandler {
  private static final Logger LOG = LoggerFactory.getLogger(CloudWatchService.class);
  static final String SERVICE = "GraniteServiceVersion20100801";
  static final String RPC_V2_PATH = "/service/" + SERVICE + "/operation/";
  private static final CBORMapper CBOR = new CBORMapper();
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final byte[] EMPTY_CBOR_MAP = {(byte) 0xa0};
  private static final String FORM = "application/x-www-form-urlencoded";
  /** The most a gzip body may inflate to: CloudWatch takes 1 MB requests; 16 MiB leaves room. */
  static final int MAX_INFLATED = 16 * 1024 * 1024;

  /** CloudWatch's authorisation table: PutMetricData has no resource-level permissions. */
  public static final AccessRules ACCESS = AccessRules.builder("monitoring", "cloudwatch", AuthErrors.Style.QUERY)
      .on("PutMetricData", AccessRules.none())
      .build();

  private final MetricStore store = new MetricStore();
  private final PutMetricData putMetricData;
  private final AccessControl access;

  public CloudWatchService(Clock clock) {
    this(clock, AccessControl.off());
  }

  public CloudWatchService(Clock clock, AccessControl access) {
    this.putMetricData = new PutMetricData(store, clock);
    this.access = access;
  }

  /** Whether a request is CloudWatch's: by rpc-v2 path, JSON target, or awsQuery form action. */
  public boolean accepts(AwsRequest request) {
    if (request.path().startsWith("/service/" + SERVICE + "/")) {
      return true;
    }
    String target = request.header("x-amz-target");
    if (target != null) {
      return target.startsWith(SERVICE + ".");
    }
    return "POST".equals(request.method()) && isForm(request) && formAction(request) != null;
  }

  @Override
  public CompletableFuture<AwsResponse> handle(AwsRequest request) {
    Protocol protocol = request.path().startsWith(RPC_V2_PATH) ? Protocol.CBOR
        : request.header("x-amz-target") != null ? Protocol.JSON : Protocol.QUERY;
    AwsResponse response;
    try {
      String operation = switch (protocol) {
        case CBOR -> request.path().substring(RPC_V2_PATH.length());
        case JSON -> request.header("x-amz-target").substring(SERVICE.length() + 1);
        case QUERY -> formAction(request);
      };
      Authentication auth = access.enabled() ? access.authenticate(request, ACCESS.signingName()) : null;
      if (!"PutMetricData".equals(operation)) {
        throw CloudWatchError.INVALID_ACTION.failure("Rivulet's CloudWatch accepts PutMetricData only, not " + operation);
      }
      if (auth != null) {
        access.authorize(auth, ACCESS, operation, Map.of(), request);
      }
      putMetricData.handle(parse(protocol, request));
      response = success(protocol, request.requestId());
    } catch (CloudWatchError.Failure f) {
      LOG.debug("request {}: {} {}", request.requestId(), f.error.code, f.getMessage());
      response = error(protocol, f.error, f.getMessage(), request.requestId());
    } catch (AuthException e) {
      AuthErrors.Code code = AuthErrors.code(e.failure(), AuthErrors.Style.QUERY);
      LOG.debug("request {}: {} {}", request.requestId(), code.type(), e.getMessage());
      response = error(protocol, code.type(), code.status(), code.fault(), AuthErrors.message(e, AuthErrors.Style.QUERY),
          request.requestId());
    }
    Map<String, String> headers = new LinkedHashMap<>(response.headers());
    headers.put("x-amzn-RequestId", request.requestId());
    return CompletableFuture.completedFuture(new AwsResponse(response.status(), headers, response.body()));
  }

  /** The latest value of every series, in Prometheus text format. */
  public String prometheusText() {
    return PrometheusText.render(store);
  }

  public MetricStore store() {
    return store;
  }

  private enum Protocol { CBOR, JSON, QUERY }

  private static JsonNode parse(Protocol protocol, AwsRequest request) {
    byte[] body = inflate(request);
    try {
      JsonNode tree = switch (protocol) {
        case CBOR -> CBOR.readTree(body);
        case JSON -> JSON.readTree(body);
        case QUERY -> PutMetricData.fromForm(new String(body, StandardCharsets.UTF_8));
      };
      if (tree == null || !tree.isObject()) {
        throw CloudWatchError.SERIALIZATION.failure("The request body is not a " + protocol + " object");
      }
      return tree;
    } catch (IOException | RuntimeException e) {
      if (e instanceof CloudWatchError.Failure f) {
        throw f;
      }
      throw CloudWatchError.SERIALIZATION.failure("Unreadable " + protocol + " body: " + e.getMessage());
    }
  }

  private static byte[] inflate(AwsRequest request) {
    byte[] body = request.body() == null ? new byte[0] : request.body();
    String encoding = request.header("content-encoding");
    if (encoding == null || !encoding.toLowerCase(Locale.ROOT).contains("gzip")) {
      return body;
    }
    try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(body))) {
      byte[] inflated = in.readNBytes(MAX_INFLATED + 1);
      if (inflated.length > MAX_INFLATED) { // a gzip bomb (found by fuzzing): stop before it fills the heap
        throw CloudWatchError.INVALID_PARAMETER_VALUE.failure(
            "The request body inflates to more than " + MAX_INFLATED + " bytes");
      }
      return inflated;
    } catch (IOException e) {
      throw CloudWatchError.SERIALIZATION.failure("Content-Encoding gzip but the body is not gzip");
    }
  }

  private static boolean isForm(AwsRequest request) {
    String type = request.header("content-type");
    return type != null && type.toLowerCase(Locale.ROOT).startsWith(FORM);
  }

  /** The awsQuery {@code Action} of a form body, or null. */
  private static String formAction(AwsRequest request) {
    String body = new String(request.body() == null ? new byte[0] : request.body(), StandardCharsets.UTF_8);
    for (String pair : body.split("&")) {
      if (pair.startsWith("Action=")) {
        return pair.substring("Action=".length());
      }
    }
    return null;
  }

  private static AwsResponse success(Protocol protocol, String requestId) {
    return switch (protocol) {
      case CBOR -> cborResponse(200, EMPTY_CBOR_MAP, null);
      case JSON -> AwsResponse.of(200, "application/x-amz-json-1.0", "{}".getBytes(StandardCharsets.UTF_8));
      case QUERY -> AwsResponse.of(200, "text/xml", ("<PutMetricDataResponse xmlns=\"http://monitoring.amazonaws.com/doc/2010-08-01/\">"
          + "<ResponseMetadata><RequestId>" + requestId + "</RequestId></ResponseMetadata></PutMetricDataResponse>")
          .getBytes(StandardCharsets.UTF_8));
    };
  }

  private static AwsResponse error(Protocol protocol, CloudWatchError error, String message, String requestId) {
    return error(protocol, error.code, error.status, error.fault, message, requestId);
  }

  private static AwsResponse error(Protocol protocol, String code, int status, String fault, String message,
      String requestId) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("__type", code);
    body.put("message", message);
    try {
      return switch (protocol) {
        case CBOR -> cborResponse(status, CBOR.writeValueAsBytes(body), code + ";" + fault);
        case JSON -> {
          AwsResponse r = AwsResponse.of(status, "application/x-amz-json-1.0", JSON.writeValueAsBytes(body));
          r.headers().put("x-amzn-query-error", code + ";" + fault);
          yield r;
        }
        case QUERY -> AwsResponse.of(status, "text/xml", ("<ErrorResponse xmlns=\"http://monitoring.amazonaws.com/doc/2010-08-01/\">"
            + "<Error><Type>" + fault + "</Type><Code>" + code + "</Code><Message>" + xml(message)
            + "</Message></Error><RequestId>" + requestId + "</RequestId></ErrorResponse>").getBytes(StandardCharsets.UTF_8));
      };
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static AwsResponse cborResponse(int status, byte[] body, String queryError) {
    AwsResponse r = AwsResponse.of(status, "application/cbor", body);
    r.headers().put("smithy-protocol", "rpc-v2-cbor");
    if (queryError != null) {
      r.headers().put("x-amzn-query-error", queryError);
    }
    return r;
  }

  private static String xml(String s) {
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
  }
}
