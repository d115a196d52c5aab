package io.rivulet.firehose.opensearch;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;
import org.opensearch.common.logging.LogConfigurator;
import org.opensearch.common.settings.Settings;
import org.opensearch.env.Environment;
import org.opensearch.http.HttpServerTransport;
import org.opensearch.node.InternalSettingsPreparer;
import org.opensearch.node.Node;
import org.opensearch.transport.Netty4Plugin;

/**
 * The child JVM of {@link OpenSearchNode}: one real OpenSearch 2.19 node (the {@code opensearch}
 * server jar, the {@code transport-netty4} plugin for HTTP, nothing else) with single-node
 * discovery, HTTP and transport on free 127.0.0.1 ports and its data under the directory given as
 * the only argument. Once it answers HTTP it writes the port to {@code <home>/http.port}; it exits
 * when its standard input closes (so it dies with the test JVM that started it), or when killed.
 * Not thread-safe; run once per JVM.
 */
public final class OpenSearchNodeMain {

  private OpenSearchNodeMain() {}

  /** Node subclass: the protected constructor is how plug-ins from the classpath are passed. */
  private static final class EmbeddedNode extends Node {
    EmbeddedNode(Environment environment) {
      super(environment, List.of(Netty4Plugin.class), true);
    }
  }

  public static void main(String[] args) throws Exception {
    Path home = Path.of(args[0]);
    int httpPort = args.length > 1 ? Integer.parseInt(args[1]) : 0;
    Settings settings = Settings.builder()
        .put("cluster.name", "rivulet-test")
        .put("node.name", "rivulet-test-node")
        .put("path.home", home.toString())
        .put("path.data", home.resolve("data").toString())
        .put("path.logs", home.resolve("logs").toString())
        .put("discovery.type", "single-node")
        .put("network.host", "127.0.0.1")
        .put("http.port", httpPort)
        .put("transport.port", 0)
        .put("http.type", "netty4")
        .put("transport.type", "netty4")
        // a test node on a shared, possibly full disk: never block writes on watermarks
        .put("cluster.routing.allocation.disk.threshold_enabled", false)
        .put("indices.breaker.total.use_real_memory", false)
        .put("action.auto_create_index", true)
        .put("node.attr.purpose", "rivulet-test")
        .build();
    LogConfigurator.registerErrorListener();
    LogConfigurator.configureWithoutConfig(settings);
    Environment env = InternalSettingsPreparer.prepareEnvironment(settings, Map.of(),
        null, () -> "rivulet-test-node");
    Node node = new EmbeddedNode(env);
    node.start();
    int port = node.injector().getInstance(HttpServerTransport.class).boundAddress()
        .publishAddress().getPort();
    Path tmp = home.resolve("http.port.tmp");
    Files.writeString(tmp, Integer.toString(port), StandardCharsets.US_ASCII);
    Files.move(tmp, home.resolve("http.port"), StandardCopyOption.ATOMIC_MOVE);
    waitForStdinToClose(System.in);
    node.close();
    System.exit(0);
  }

  private static void waitForStdinToClose(InputStream in) {
    byte[] buf = new byte[64];
    try {
      while (in.read(buf) >= 0) {
        // the parent never writes; EOF means it is gone
      }
    } catch (IOException e) {
      // the same: the parent is gone
    }
  }
}
