package io.rivulet.protocol;

/**
 * Who is asking and how: the request id, the account and region taken from the SigV4 credential
 * scope (a 12-digit access key id selects that account, anything else the default account
 * {@code 000000000000}; the region defaults to {@code us-east-1}), and the wire format.
 */
public record RequestContext(String requestId, String accountId, String region, WireFormat format) {}
