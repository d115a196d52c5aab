package io.rivulet.firehose.redshift;

import java.util.Locale;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where a ClusterJDBCURL points: {@code jdbc:redshift://host:port/db} or
 * {@code jdbc:postgresql://host:port/db}, both reached with the PostgreSQL driver (Redshift speaks
 * the PostgreSQL wire protocol). Immutable.
 *
 * <p>The model's pattern for ClusterJDBCURL only admits host names with a {@code redshift} label
 * ({@code <name>.redshift.<domain>}), so a self-hosted server needs a name: a host under
 * {@code .localhost} (e.g. {@code pg.redshift.localhost}) is reached on 127.0.0.1, as RFC 6761
 * reserves those names for loopback, and an endpoint map ({@code host:port -> host:port}) given to
 * the writer can send any other name elsewhere.
 */
record JdbcTarget(String host, int port, String database, String query) {

  private static final Pattern URL = Pattern.compile(
      "jdbc:(?:redshift|postgresql)://([^/:?]+)(?::(\\d{1,5}))?/([^?]+)(\\?.*)?",
      Pattern.CASE_INSENSITIVE);

  /** Parses a ClusterJDBCURL; IllegalArgumentException with an AWS-like message if it is none. */
  static JdbcTarget parse(String url) {
    Matcher m = url == null ? null : URL.matcher(url.trim());
    if (m == null || !m.matches()) {
      throw new IllegalArgumentException("ClusterJDBCURL must be of the form"
          + " jdbc:redshift://<host>:<port>/<database> or"
          + " jdbc:postgresql://<host>:<port>/<database>.");
    }
    int port = m.group(2) == null ? 5439 : Integer.parseInt(m.group(2));
    if (port < 1 || port > 65535) {
      throw new IllegalArgumentException("ClusterJDBCURL has an invalid port " + port + ".");
    }
    return new JdbcTarget(m.group(1), port, m.group(3), m.group(4) == null ? "" : m.group(4));
  }

  /**
   * The PostgreSQL driver's URL for this target after the endpoint map ({@code "host:port"} to
   * {@code "host:port"}) and the {@code .localhost} rule.
   */
  String driverUrl(UnaryOperator<String> endpointMap) {
    String mapped = endpointMap.apply(host + ":" + port);
    String h = host;
    int p = port;
    if (mapped != null && !mapped.equals(host + ":" + port)) {
      int colon = mapped.lastIndexOf(':');
      h = colon < 0 ? mapped : mapped.substring(0, colon);
      p = colon < 0 ? port : Integer.parseInt(mapped.substring(colon + 1));
    }
    String lower = h.toLowerCase(Locale.ROOT);
    if (lower.equals("localhost") || lower.endsWith(".localhost")) {
      h = "127.0.0.1";
    }
    return "jdbc:postgresql://" + h + ":" + p + "/" + database + query;
  }
}
