package io.rivulet.protocol;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The account and region a request is for, read (not verified) from its SigV4 credential scope:
 * {@code Authorization: AWS4-HMAC-SHA256 Credential=AKID/20261125/us-east-1/kinesis/aws4_request,
 * ...} or a presigned URL's {@code X-Amz-Credential}. A 12-digit access key id selects that account,
 * anything else {@link #DEFAULT_ACCOUNT}; the region defaults to {@link #DEFAULT_REGION}. Immutable.
 */
public record CredentialScope(String accessKeyId, String accountId, String region) {
  public static final String DEFAULT_ACCOUNT = "000000000000";
  public static final String DEFAULT_REGION = "us-east-1";

  private static final Pattern HEADER_CREDENTIAL = Pattern.compile("Credential=([^,\\s]+)");
  private static final Pattern QUERY_CREDENTIAL = Pattern.compile("(?:^|&)X-Amz-Credential=([^&]*)");
  private static final Pattern ACCOUNT = Pattern.compile("\\d{12}");

  /** The scope of a request: from its Authorization header, else its query string, else defaults. */
  public static CredentialScope of(AwsRequest request) {
    String credential = null;
    String auth = request.header("authorization");
    if (auth != null) {
      Matcher m = HEADER_CREDENTIAL.matcher(auth);
      if (m.find()) {
        credential = m.group(1);
      }
    }
    if (credential == null && request.rawQuery() != null) {
      Matcher m = QUERY_CREDENTIAL.matcher(request.rawQuery());
      if (m.find()) {
        credential = URLDecoder.decode(m.group(1), StandardCharsets.UTF_8);
      }
    }
    return parse(credential);
  }

  /** Parses {@code AKID/date/region/service/aws4_request}; null or malformed gives the defaults. */
  public static CredentialScope parse(String credential) {
    if (credential == null || credential.isEmpty()) {
      return new CredentialScope(null, DEFAULT_ACCOUNT, DEFAULT_REGION);
    }
    String[] parts = credential.split("/", -1);
    String key = parts[0];
    String account = ACCOUNT.matcher(key).matches() ? key : DEFAULT_ACCOUNT;
    String region = parts.length > 2 && !parts[2].isEmpty() ? parts[2] : DEFAULT_REGION;
    return new CredentialScope(key, account, region);
  }

  public RequestContext context(String requestId, WireFormat format) {
    return new RequestContext(requestId, accountId, region, format);
  }
}
