package io.rivulet.firehose.processing;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where the Lambda functions named in processors' {@code LambdaArn} are invoked: a server of the
 * Lambda Invoke API ({@code POST /2015-03-31/functions/{name}/invocations}), such as AWS's Lambda
 * runtime interface emulator or LocalStack. Written as a comma-separated list of
 * {@code [function=]url} entries (the form of a command-line option):
 * <ul>
 *   <li>{@code url} alone applies to every function; {@code function=url} to the function whose
 *       ARN, unqualified ARN or name is {@code function}.</li>
 *   <li>A {@code url} without a path invokes the function by its ARN, as Firehose does
 *       ({@code http://127.0.0.1:4566}). A url ending in {@code /2015-03-31/functions/NAME/invocations}
 *       invokes it as {@code NAME}: the runtime interface emulator serves one function, always
 *       named {@code function}
 *       ({@code http://127.0.0.1:9000/2015-03-31/functions/function/invocations}).</li>
 * </ul>
 * Immutable.
 */
public final class LambdaEndpoints {
  private static final Pattern INVOKE_PATH =
      Pattern.compile("(.*)/2015-03-31/functions/([^/]+)/invocations/?");
  private static final Pattern FUNCTION_ARN =
      Pattern.compile("(arn:[^:]+:lambda:[^:]+:[^:]+:function:([^:]+))(:[^:]+)?");

  /** The endpoint to send an Invoke to, and the function name to put in its path. */
  public record Target(URI endpoint, String functionName) {}

  private record Entry(URI endpoint, String functionName) {}

  private final Map<String, Entry> byFunction;
  private final Entry fallback;

  private LambdaEndpoints(Map<String, Entry> byFunction, Entry fallback) {
    this.byFunction = Map.copyOf(byFunction);
    this.fallback = fallback;
  }

  /** No Lambda service: every function is unreachable. */
  public static LambdaEndpoints none() {
    return new LambdaEndpoints(Map.of(), null);
  }

  /** Every function at one endpoint (a url as described above). */
  public static LambdaEndpoints of(URI url) {
    return new LambdaEndpoints(Map.of(), entry(url));
  }

  /** Reads the {@code [function=]url,...} form; IllegalArgumentException when malformed. */
  public static LambdaEndpoints parse(String spec) {
    Map<String, Entry> byFunction = new LinkedHashMap<>();
    Entry fallback = null;
    for (String part : spec.split(",")) {
      String item = part.strip();
      if (item.isEmpty()) {
        continue;
      }
      int eq = item.indexOf('=');
      boolean keyed = eq > 0 && !item.substring(0, eq).contains("://");
      Entry e = entry(uri(keyed ? item.substring(eq + 1).strip() : item));
      if (keyed) {
        byFunction.put(item.substring(0, eq).strip(), e);
      } else {
        fallback = e;
      }
    }
    return new LambdaEndpoints(byFunction, fallback);
  }

  /** Where to invoke the function {@code lambdaArn} names, or null when nowhere. */
  public Target resolve(String lambdaArn) {
    Entry e = byFunction.get(lambdaArn);
    Matcher m = FUNCTION_ARN.matcher(lambdaArn);
    if (e == null && m.matches()) {
      e = byFunction.getOrDefault(m.group(1), byFunction.get(m.group(2)));
    }
    if (e == null) {
      e = fallback;
    }
    if (e == null) {
      return null;
    }
    return new Target(e.endpoint(), e.functionName() != null ? e.functionName() : lambdaArn);
  }

  private static URI uri(String text) {
    try {
      URI u = new URI(text);
      if (u.getScheme() == null || u.getHost() == null) {
        throw new IllegalArgumentException("Not an http(s) URL: " + text);
      }
      return u;
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException("Not a URL: " + text, e);
    }
  }

  private static Entry entry(URI url) {
    String path = url.getRawPath() == null ? "" : url.getRawPath();
    Matcher m = INVOKE_PATH.matcher(path);
    String base = m.matches() ? m.group(1) : path.replaceAll("/+$", "");
    URI endpoint = URI.create(url.getScheme() + "://" + url.getRawAuthority() + base);
    return new Entry(endpoint, m.matches() ? decode(m.group(2)) : null);
  }

  private static String decode(String segment) {
    return URLDecoder.decode(segment.replace("+", "%2B"), StandardCharsets.UTF_8);
  }
}
