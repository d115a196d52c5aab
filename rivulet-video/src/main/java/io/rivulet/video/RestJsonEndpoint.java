package io.rivulet.video;

import com.fasterxml.jackson.databind.JsonNode;
import io.rivulet.protocol.AwsException;
import io.rivulet.protocol.AwsRequest;
import io.rivulet.protocol.AwsResponse;
import io.rivulet.protocol.CommonError;
import io.rivulet.protocol.CredentialScope;
import io.rivulet.protocol.JsonRpcCodec;
import io.rivulet.protocol.ServiceModel;
import io.rivulet.protocol.WireFormat;
import io.rivulet.protocol.auth.AccessControl;
import io.rivulet.protocol.auth.AccessRules;
import io.rivulet.protocol.auth.AuthErrors;
import io.rivulet.protocol.auth.AuthException;
import io.rivulet.protocol.auth.AuthFailure;
import io.rivulet.protocol.auth.SignatureVerifier.Authentication;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * A group of rest-json video operations as AWS serves them: {@code POST /<lowerCamelName>} (the
 * kinesisvideo tagging operations keep their capital: {@code /TagResource}), a JSON body read and
 * validated against the service model (constraint failures are {@code InvalidArgumentException}
 * with AWS's "1 validation error detected" wording, type errors {@code SerializationException}),
 * with {@code --auth} the SigV4 signature verified for the rules' signing name and the call
 * authorised against them, then the operation called and its output written as JSON (timestamps as
 * epoch seconds). The control plane is one; media and archived media can be others. Immutable and
 * thread-safe.
 */
public final class RestJsonEndpoint implements VideoEndpoint {
  /** Operations whose request path is their name as it is, not lowerCamelCase. */
  private static final Set<String> CAPITALISED_PATHS =
      Set.of("TagResource", "UntagResource", "ListTagsForResource");

  private final JsonRpcCodec codec;
  private final Map<String, VideoOperation<?, ?>> byPath;
  private final AccessRules rules;
  private final AccessControl access;

  /**
   * @param model the service's derived shapes; every operation must be in it
   * @param operations the operations served, each at {@link #path(String)} of its name
   * @param rules signing name, IAM action prefix and per-operation resources
   * @param access the server's access control ({@link AccessControl#off()}: accept everything)
   */
  public RestJsonEndpoint(ServiceModel model, List<VideoOperation<?, ?>> operations,
      AccessRules rules, AccessControl access) {
    Map<String, VideoOperation<?, ?>> paths = new LinkedHashMap<>();
    for (VideoOperation<?, ?> op : operations) {
      if (model.operation(op.name()).isEmpty()) {
        throw new IllegalArgumentException(op.name() + " is not in the service model");
      }
      if (paths.put(path(op.name()), op) != null) {
        throw new IllegalArgumentException("operation registered twice: " + op.name());
      }
    }
    this.codec = new JsonRpcCodec(model);
    this.byPath = Collections.unmodifiableMap(paths);
    this.rules = rules;
    this.access = access;
  }

  /** The request path of an operation: {@code /createStream}, {@code /TagResource}. */
  public static String path(String operation) {
    return "/" + (CAPITALISED_PATHS.contains(operation) ? operation
        : Character.toLowerCase(operation.charAt(0)) + operation.substring(1));
  }

  /** The names of the operations served, in registration order. */
  public List<String> operations() {
    return byPath.values().stream().map(VideoOperation::name).toList();
  }

  @Override
  public boolean accepts(AwsRequest request) {
    return "POST".equals(request.method()) && request.header("x-amz-target") == null
        && byPath.containsKey(request.path());
  }

  @Override
  public CompletableFuture<AwsResponse> handle(AwsRequest request) {
    VideoOperation<?, ?> op = byPath.get(request.path());
    try {
      return invoke(op, request);
    } catch (VideoException e) {
      return CompletableFuture.failedFuture(e);
    } catch (AwsException e) {
      return CompletableFuture.failedFuture(translate(e));
    } catch (AuthException e) {
      return CompletableFuture.failedFuture(translate(e));
    }
  }

  private <I, O> CompletableFuture<AwsResponse> invoke(VideoOperation<I, O> op, AwsRequest request) {
    Authentication auth = access.enabled() ? access.authenticate(request, rules.signingName()) : null;
    VideoCall call = auth != null ? new VideoCall(request, auth.principal().accountId(), auth.region())
        : unverified(request);
    byte[] body = request.body() == null || request.body().length == 0
        ? "{}".getBytes(StandardCharsets.UTF_8) : request.body();
    JsonNode tree = JsonRpcCodec.parse(body, WireFormat.JSON_1_1);
    Map<String, Object> values = codec.readAndValidate(op.name(), tree, WireFormat.JSON_1_1);
    if (auth != null) {
      access.authorize(auth, rules, op.name(), values, request);
    }
    I input = codec.decodeInput(op.name(), tree, WireFormat.JSON_1_1, op.inputType());
    CompletableFuture<O> result = op.handle(input, call);
    return result.thenApply(output -> output instanceof AwsResponse raw ? raw
        : AwsResponse.of(200, "application/json",
            codec.encodeOutput(op.name(), output, WireFormat.JSON_1_1)));
  }

  /**
   * Who a video request is for: with access control on, the verified signer's account and the
   * signed region (AuthException otherwise), else the credential scope read unverified. For
   * endpoints that are not rest-json (PutMedia, GetMedia bodies) to share.
   */
  public static VideoCall authenticate(AwsRequest request, String signingName, AccessControl access) {
    if (access.enabled()) {
      Authentication auth = access.authenticate(request, signingName);
      return new VideoCall(request, auth.principal().accountId(), auth.region());
    }
    return unverified(request);
  }

  private static VideoCall unverified(AwsRequest request) {
    CredentialScope scope = CredentialScope.of(request);
    return new VideoCall(request, scope.accountId(), scope.region());
  }

  /** A protocol-layer error (validation, serialization) as the video services name it. */
  public static VideoException translate(AwsException e) {
    if (e.code() == CommonError.VALIDATION) {
      return VideoError.INVALID_ARGUMENT.with(e.getMessage());
    }
    if (e.code() == CommonError.SERIALIZATION) {
      return VideoError.SERIALIZATION.with(e.getMessage());
    }
    return new VideoException(e.code().type(), e.code().status(), e.getMessage());
  }

  /**
   * An authentication or authorisation failure as rest-json services answer it: 403 with the
   * JSON protocols' names, except AccessDeniedException, which the video models give 401.
   */
  public static VideoException translate(AuthException e) {
    String type = AuthErrors.code(e.failure(), AuthErrors.Style.JSON).type();
    int status = e.failure() == AuthFailure.ACCESS_DENIED ? 401 : 403;
    return new VideoException(type, status, AuthErrors.message(e, AuthErrors.Style.JSON));
  }
}
