package io.rivulet.protocol.auth;

import io.rivulet.protocol.AwsRequest;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The pieces of a SigV4 signature as a request carries them, in the {@code Authorization} header
 * ({@code AWS4-HMAC-SHA256 Credential=AKID/20261125/us-east-1/kinesis/aws4_request,
 * SignedHeaders=host;x-amz-date, Signature=…} with {@code X-Amz-Date} or {@code Date}) or in the
 * query string of a presigned request ({@code X-Amz-Algorithm}, {@code X-Amz-Credential}, {@code
 * X-Amz-Date}, {@code X-Amz-Expires}, {@code X-Amz-SignedHeaders}, {@code X-Amz-Signature}, {@code
 * X-Amz-Security-Token}). Parsing reports what is missing with AWS's
 * {@code IncompleteSignatureException} texts. Immutable.
 *
 * @param expires a presigned request's X-Amz-Expires as sent, or null
 */
record SignatureParts(boolean presigned, String algorithm, String credential, List<String> signedHeaders,
    String signature, String date, String expires, String securityToken) {

  /**
   * The signature of a request, or an AuthException: missing ({@code MissingAuthenticationToken}),
   * both forms at once, or incomplete.
   */
  static SignatureParts of(AwsRequest request) {
    String auth = request.header("authorization");
    Map<String, String> query = queryParameters(request.rawQuery());
    boolean presigned = query.containsKey("X-Amz-Algorithm");
    if (auth != null && !auth.isBlank() && presigned) {
      throw new AuthException(AuthFailure.INVALID_SIGNATURE,
          "Found both 'X-Amz-Algorithm' as a query-string param and 'Authorization' as HTTP header.");
    }
    if (presigned) {
      return fromQuery(query);
    }
    if (auth == null || !auth.trim().startsWith("AWS4-")) {
      throw new AuthException(AuthFailure.MISSING_TOKEN, null);
    }
    return fromHeader(auth, request);
  }

  private static SignatureParts fromHeader(String auth, AwsRequest request) {
    String trimmed = auth.trim();
    int space = trimmed.indexOf(' ');
    String algorithm = space < 0 ? trimmed : trimmed.substring(0, space);
    Map<String, String> params = new LinkedHashMap<>();
    String rest = space < 0 ? "" : trimmed.substring(space + 1);
    for (String piece : rest.split(",")) {
      String p = piece.trim();
      if (p.isEmpty()) {
        continue;
      }
      int eq = p.indexOf('=');
      if (eq < 0) {
        throw new AuthException(AuthFailure.INCOMPLETE_SIGNATURE, "'" + p
            + "' not a valid key=value pair (missing equal-sign) in Authorization header: '" + auth + "'.");
      }
      params.put(p.substring(0, eq).trim(), p.substring(eq + 1).trim());
    }
    String date = request.header("x-amz-date") != null ? request.header("x-amz-date") : request.header("date");
    StringBuilder missing = new StringBuilder();
    for (String name : List.of("Credential", "Signature", "SignedHeaders")) {
      if (params.get(name) == null || params.get(name).isEmpty()) {
        missing.append("Authorization header requires '").append(name).append("' parameter. ");
      }
    }
    if (date == null) {
      missing.append("Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header. ");
    }
    if (missing.length() > 0) {
      throw new AuthException(AuthFailure.INCOMPLETE_SIGNATURE, missing + "Authorization=" + auth);
    }
    return new SignatureParts(false, algorithm, params.get("Credential"), headerList(params.get("SignedHeaders")),
        params.get("Signature"), date.trim(), null, request.header("x-amz-security-token"));
  }

  private static SignatureParts fromQuery(Map<String, String> q) {
    StringBuilder missing = new StringBuilder();
    for (String name : List.of("X-Amz-Algorithm", "X-Amz-Credential", "X-Amz-Signature",
        "X-Amz-SignedHeaders", "X-Amz-Date")) {
      if (q.get(name) == null || q.get(name).isEmpty()) {
        missing.append("AWS query-string parameters must include '").append(name).append("'. ");
      }
    }
    if (missing.length() > 0) {
      throw new AuthException(AuthFailure.INCOMPLETE_SIGNATURE, missing + "Re-examine the query-string parameters.");
    }
    return new SignatureParts(true, q.get("X-Amz-Algorithm"), q.get("X-Amz-Credential"),
        headerList(q.get("X-Amz-SignedHeaders")), q.get("X-Amz-Signature"), q.get("X-Amz-Date"),
        q.get("X-Amz-Expires"), q.get("X-Amz-Security-Token"));
  }

  private static List<String> headerList(String signedHeaders) {
    List<String> names = new ArrayList<>();
    for (String h : signedHeaders.split(";")) {
      if (!h.isBlank()) {
        names.add(h.trim().toLowerCase(Locale.ROOT));
      }
    }
    return names;
  }

  /** Decoded query parameters (the first of repeated names). */
  static Map<String, String> queryParameters(String rawQuery) {
    Map<String, String> out = new LinkedHashMap<>();
    if (rawQuery == null || rawQuery.isEmpty()) {
      return out;
    }
    for (String piece : rawQuery.split("&")) {
      int eq = piece.indexOf('=');
      String name = SigV4.percentDecode(eq < 0 ? piece : piece.substring(0, eq));
      out.putIfAbsent(name, eq < 0 ? "" : SigV4.percentDecode(piece.substring(eq + 1)));
    }
    return out;
  }
}
