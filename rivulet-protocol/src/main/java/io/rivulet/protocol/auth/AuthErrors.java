package io.rivulet.protocol.auth;

import io.rivulet.protocol.AwsException;
import io.rivulet.protocol.ErrorCode;

/**
 * How each service family spells an {@link AuthFailure} on the wire. Each name is written once
 * here:
 *
 * <table>
 *   <caption>errors by style</caption>
 *   <tr><th>failure</th><th>{@link Style#JSON} (Kinesis, Firehose), 400</th>
 *       <th>{@link Style#JSON_NAMESPACED} (DynamoDB), 400</th><th>{@link Style#QUERY} (CloudWatch)</th></tr>
 *   <tr><td>MISSING_TOKEN</td><td>MissingAuthenticationTokenException "Missing Authentication Token"</td>
 *       <td>com.amazon.coral.service#MissingAuthenticationTokenException "Request is missing Authentication Token"</td>
 *       <td>MissingAuthenticationToken, 403</td></tr>
 *   <tr><td>INCOMPLETE_SIGNATURE</td><td>IncompleteSignatureException</td><td>…#IncompleteSignatureException</td>
 *       <td>IncompleteSignature, 400</td></tr>
 *   <tr><td>INVALID_SIGNATURE</td><td>InvalidSignatureException</td><td>…#InvalidSignatureException</td>
 *       <td>SignatureDoesNotMatch, 403</td></tr>
 *   <tr><td>UNRECOGNIZED_CLIENT</td><td>UnrecognizedClientException</td><td>…#UnrecognizedClientException</td>
 *       <td>InvalidClientTokenId, 403</td></tr>
 *   <tr><td>EXPIRED_TOKEN</td><td>ExpiredTokenException</td><td>…#ExpiredTokenException</td>
 *       <td>ExpiredToken, 403</td></tr>
 *   <tr><td>ACCESS_DENIED</td><td>AccessDeniedException (message member {@code Message})</td>
 *       <td>…#AccessDeniedException (likewise)</td><td>AccessDenied, 403</td></tr>
 * </table>
 *
 * Sources: kinesalite's and dynalite's request handling (recorded against AWS), moto's core
 * exceptions (the query-protocol codes), and AWS error messages quoted in SDK issue reports.
 * Stateless.
 */
public final class AuthErrors {
  private static final String NAMESPACE = "com.amazon.coral.service#";

  /** The error vocabularies. */
  public enum Style { JSON, JSON_NAMESPACED, QUERY }

  /** An authentication or authorisation error as one service spells it. */
  public record Code(String type, int status, String messageMember, String fault) implements ErrorCode {
    @Override
    public String messageMember() {
      return messageMember;
    }
  }

  private AuthErrors() {}

  /** The wire code of a failure in a style. */
  public static Code code(AuthFailure failure, Style style) {
    if (style == Style.QUERY) {
      return switch (failure) {
        case MISSING_TOKEN -> new Code("MissingAuthenticationToken", 403, "message", "Sender");
        case INCOMPLETE_SIGNATURE -> new Code("IncompleteSignature", 400, "message", "Sender");
        case INVALID_SIGNATURE -> new Code("SignatureDoesNotMatch", 403, "message", "Sender");
        case UNRECOGNIZED_CLIENT -> new Code("InvalidClientTokenId", 403, "message", "Sender");
        case EXPIRED_TOKEN -> new Code("ExpiredToken", 403, "message", "Sender");
        case ACCESS_DENIED -> new Code("AccessDenied", 403, "message", "Sender");
      };
    }
    String name = switch (failure) {
      case MISSING_TOKEN -> "MissingAuthenticationTokenException";
      case INCOMPLETE_SIGNATURE -> "IncompleteSignatureException";
      case INVALID_SIGNATURE -> "InvalidSignatureException";
      case UNRECOGNIZED_CLIENT -> "UnrecognizedClientException";
      case EXPIRED_TOKEN -> "ExpiredTokenException";
      case ACCESS_DENIED -> "AccessDeniedException";
    };
    String member = failure == AuthFailure.ACCESS_DENIED ? "Message" : "message";
    return new Code(style == Style.JSON_NAMESPACED ? NAMESPACE + name : name, 400, member, "Sender");
  }

  /**
   * The message of a failure in a style: the exception's own, AWS's fixed text where it has none,
   * and for the JSON styles the diagnosis AWS appends to a signature mismatch.
   */
  public static String message(AuthException e, Style style) {
    String message = e.getMessage();
    if (message == null && e.failure() == AuthFailure.MISSING_TOKEN) {
      message = style == Style.JSON ? "Missing Authentication Token" : "Request is missing Authentication Token";
    }
    if (e.detail() != null && style != Style.QUERY) {
      message = message + e.detail();
    }
    return message;
  }

  /** The failure as the one exception type the JSON dispatcher renders. */
  public static AwsException toAwsException(AuthException e, Style style) {
    return new AwsException(code(e.failure(), style), message(e, style));
  }
}
