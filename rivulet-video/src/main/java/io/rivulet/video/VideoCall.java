package io.rivulet.video;

import io.rivulet.protocol.AwsRequest;

/**
 * One video API call as an operation sees it: the HTTP request (headers, TLS, Host) and the
 * account and region it is for (verified from the SigV4 signature with {@code --auth}, else read
 * from the credential scope, defaulting to {@code 000000000000} / {@code us-east-1}). Immutable.
 */
public record VideoCall(AwsRequest request, String accountId, String region) {

  public String requestId() {
    return request.requestId();
  }
}
