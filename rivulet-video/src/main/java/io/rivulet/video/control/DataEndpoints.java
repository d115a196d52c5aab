package io.rivulet.video.control;

import io.rivulet.protocol.AwsRequest;

/**
 * Rivulet's own base URL as a client reached it, which GetDataEndpoint answers for every APIName:
 * the scheme of the connection (http or https) and the request's Host; a Host without a port
 * (the KVS C producer sends {@code Host: 127.0.0.1}) gets the port the server listens on for that
 * scheme. Stateless.
 */
public final class DataEndpoints {
  private DataEndpoints() {}

  /**
   * @param httpPort the cleartext port (-1: none)
   * @param httpsPort the TLS port (-1: none)
   */
  public static String baseUrl(AwsRequest request, int httpPort, int httpsPort) {
    String scheme = request.secure() ? "https" : "http";
    String host = request.header("host");
    if (host == null || host.isBlank()) {
      host = "127.0.0.1";
    }
    boolean hasPort = host.startsWith("[") ? host.contains("]:") : host.contains(":");
    int port = request.secure() ? httpsPort : httpPort;
    if (!hasPort && port > 0) {
      host = host + ":" + port;
    }
    return scheme + "://" + host;
  }
}
