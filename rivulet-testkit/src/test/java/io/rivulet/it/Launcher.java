package io.rivulet.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Runs the real launcher ({@code ./rivulet <verb> …}) as a user would, against a server's
 * endpoint, with AWS credentials and region in the environment and the jar the build made.
 * Thread-safe (stateless).
 */
public final class Launcher {
  public static final Path LAUNCHER = Path.of("..", "rivulet").toAbsolutePath().normalize();

  private Launcher() {}

  /** What a run printed and how it exited. */
  public record Run(int exit, String out, String err) {}

  /** Runs {@code ./rivulet args…} with {@code stdin} (null: none) as its input. */
  public static Run run(URI endpoint, String stdin, String... args) throws IOException, InterruptedException {
    List<String> cmd = new ArrayList<>(List.of(LAUNCHER.toString()));
    cmd.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(cmd);
    pb.environment().put("AWS_ENDPOINT_URL", endpoint.toString());
    pb.environment().put("AWS_ACCESS_KEY_ID", "cli");
    pb.environment().put("AWS_SECRET_ACCESS_KEY", "cli");
    pb.environment().put("AWS_REGION", "us-east-1");
    pb.environment().put("RIVULET_SKIP_BUILD", "1");
    pb.environment().put("RIVULET_JAVA_OPTS", "-Xmx256m -XX:TieredStopAtLevel=1");
    Process p = pb.start();
    CompletableFuture<byte[]> err = CompletableFuture.supplyAsync(() -> {
      try {
        return p.getErrorStream().readAllBytes();
      } catch (IOException e) {
        throw new IllegalStateException(e);
      }
    });
    try (OutputStream in = p.getOutputStream()) {
      if (stdin != null) {
        in.write(stdin.getBytes(StandardCharsets.UTF_8));
      }
    }
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    return new Run(p.exitValue(), out, new String(err.join(), StandardCharsets.UTF_8));
  }
}
