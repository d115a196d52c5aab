package io.rivulet.testkit;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs the AWS CLI v2 (Debian's {@code awscli}, {@code /usr/bin/aws}, or {@code RIVULET_AWS_CLI})
 * against an endpoint, isolated from the user's configuration: fixed test credentials, region
 * us-east-1, no pager, no config or credentials files. Stateless and thread-safe.
 */
public final class AwsCli {
  public static final Path AWS =
      Path.of(System.getenv().getOrDefault("RIVULET_AWS_CLI", "/usr/bin/aws"));

  /** What a run printed and how it ended. */
  public record Result(int exit, String out, String err) {}

  private AwsCli() {}

  public static boolean installed() {
    return Files.isExecutable(AWS);
  }

  /**
   * {@code aws --endpoint-url <endpoint> <args>} signed with {@code accessKeyId}; waits up to two
   * minutes for it to end.
   */
  public static Result run(URI endpoint, String accessKeyId, String... args)
      throws IOException, InterruptedException {
    return runSigned(endpoint, accessKeyId, "secret", args);
  }

  /** Like {@link #run}, signed with this secret too (for a server with {@code --auth}). */
  public static Result runSigned(URI endpoint, String accessKeyId, String secretAccessKey, String... args)
      throws IOException, InterruptedException {
    List<String> cmd = new ArrayList<>(List.of(AWS.toString(), "--endpoint-url", endpoint.toString()));
    cmd.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(cmd);
    pb.environment().put("AWS_ACCESS_KEY_ID", accessKeyId);
    pb.environment().put("AWS_SECRET_ACCESS_KEY", secretAccessKey);
    pb.environment().put("AWS_DEFAULT_REGION", "us-east-1");
    pb.environment().put("AWS_PAGER", "");
    pb.environment().put("AWS_CONFIG_FILE", "/dev/null");
    pb.environment().put("AWS_SHARED_CREDENTIALS_FILE", "/dev/null");
    Process p = pb.start();
    p.getOutputStream().close();
    byte[] out = p.getInputStream().readAllBytes();
    byte[] err = p.getErrorStream().readAllBytes();
    if (!p.waitFor(120, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new IOException("aws " + String.join(" ", args) + " did not end within 2 minutes");
    }
    return new Result(p.exitValue(), new String(out, StandardCharsets.UTF_8),
        new String(err, StandardCharsets.UTF_8));
  }
}
