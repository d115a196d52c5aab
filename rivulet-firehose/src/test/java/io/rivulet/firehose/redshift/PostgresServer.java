package io.rivulet.firehose.redshift;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;

/**
 * A throwaway PostgreSQL cluster for tests: initdb into a temporary directory, the server on a free
 * port of 127.0.0.1 (password authentication over TCP, fsync off), stopped and deleted by
 * {@link #close}. It uses Debian's binaries ({@code /usr/lib/postgresql/<version>/bin}, or the
 * directory in {@code -Drivulet.postgres.bin}); a test is skipped, loudly, only when there are
 * none ({@code .ci/run} installs them). PostgreSQL refuses to run as root, so under root it runs as
 * the {@code postgres} user through {@code runuser}. Not thread-safe.
 */
public final class PostgresServer implements AutoCloseable {
  public static final String USER = "rivulet";
  public static final String PASSWORD = "rivulet-test-password";
  public static final String DATABASE = "postgres";

  private final Path bin;
  private final Path dir;
  private final List<String> runAs;
  private final int port;
  private final Thread cleanup = new Thread(this::stopQuietly, "postgres-test-cleanup");
  private boolean stopped;

  private PostgresServer(Path bin, Path dir, List<String> runAs, int port) {
    this.bin = bin;
    this.dir = dir;
    this.runAs = runAs;
    this.port = port;
  }

  /** Starts a new cluster, or aborts the calling test when PostgreSQL is not installed. */
  public static PostgresServer start() throws IOException, InterruptedException {
    Path bin = binaries();
    Assumptions.assumeTrue(bin != null, "PostgreSQL binaries not found (looked in"
        + " -Drivulet.postgres.bin and /usr/lib/postgresql/*/bin): install Debian's postgresql"
        + " (apt-get install -y postgresql), as .ci/run does; the Redshift tests need a real"
        + " PostgreSQL server");
    boolean root = "root".equals(System.getProperty("user.name"));
    String user = root ? osUser() : null;
    Path dir = Files.createTempDirectory("rivulet-pg-");
    List<String> runAs = root ? List.of("runuser", "-u", user, "--") : List.of();
    if (root) {
      UserPrincipal owner = dir.getFileSystem().getUserPrincipalLookupService()
          .lookupPrincipalByName(user);
      Files.setOwner(dir, owner);
    }
    Path pw = dir.resolve("pwfile");
    Files.writeString(pw, PASSWORD + "\n", StandardCharsets.UTF_8);
    Files.setPosixFilePermissions(pw, PosixFilePermissions.fromString("rw-r--r--"));
    PostgresServer server = null;
    IOException last = null;
    for (int attempt = 0; attempt < 3 && server == null; attempt++) {
      PostgresServer candidate = new PostgresServer(bin, dir, runAs, freePort());
      try {
        candidate.initAndStart(attempt == 0);
        server = candidate;
      } catch (IOException e) {
        last = e;
      }
    }
    if (server == null) {
      deleteTree(dir);
      throw last;
    }
    Runtime.getRuntime().addShutdownHook(server.cleanup);
    return server;
  }

  private void initAndStart(boolean init) throws IOException, InterruptedException {
    if (init) {
      run(List.of(bin.resolve("initdb").toString(), "-D", data(), "-U", USER,
          "--pwfile=" + dir.resolve("pwfile"), "--auth-host=scram-sha-256", "--auth-local=trust",
          "-E", "UTF8", "--no-locale", "--no-sync"));
    }
    run(List.of(bin.resolve("pg_ctl").toString(), "-D", data(), "-l",
        dir.resolve("server.log").toString(), "-w", "-t", "60", "-o",
        "-p " + port + " -k " + dir + " -c listen_addresses=127.0.0.1 -c fsync=off"
            + " -c synchronous_commit=off -c full_page_writes=off", "start"));
  }

  public int port() {
    return port;
  }

  /** A JDBC URL straight to the server. */
  public String jdbcUrl() {
    return "jdbc:postgresql://127.0.0.1:" + port + "/" + DATABASE;
  }

  /**
   * A ClusterJDBCURL for a Redshift destination: it satisfies the model's pattern (a host with a
   * {@code redshift} label) and reaches this server, as names under .localhost are loopback.
   */
  public String clusterJdbcUrl() {
    return "jdbc:postgresql://pg.redshift.localhost:" + port + "/" + DATABASE;
  }

  public Connection connect() throws SQLException {
    return DriverManager.getConnection(jdbcUrl(), USER, PASSWORD);
  }

  /** The server's log, for failure messages. */
  public String log() throws IOException {
    Path log = dir.resolve("server.log");
    return Files.exists(log) ? Files.readString(log) : "";
  }

  @Override
  public void close() throws IOException {
    if (stopped) {
      return;
    }
    stopped = true;
    try {
      run(List.of(bin.resolve("pg_ctl").toString(), "-D", data(), "-m", "fast", "-w", "stop"));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while stopping PostgreSQL", e);
    } finally {
      deleteTree(dir);
      if (Thread.currentThread() != cleanup) {
        Runtime.getRuntime().removeShutdownHook(cleanup);
      }
    }
  }

  private void stopQuietly() {
    try {
      close();
    } catch (IOException | IllegalStateException e) {
      // the JVM is going down; nothing more to do
    }
  }

  private String data() {
    return dir.resolve("data").toString();
  }

  private void run(List<String> command) throws IOException, InterruptedException {
    List<String> full = new ArrayList<>(runAs);
    full.addAll(command);
    Process p = new ProcessBuilder(full).redirectErrorStream(true).start();
    byte[] out = p.getInputStream().readAllBytes();
    if (!p.waitFor(120, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new IOException("timed out: " + full);
    }
    if (p.exitValue() != 0) {
      throw new IOException(full + " exited " + p.exitValue() + ": "
          + new String(out, StandardCharsets.UTF_8) + "\n" + log());
    }
  }

  private static Path binaries() throws IOException {
    String configured = System.getProperty("rivulet.postgres.bin");
    if (configured != null) {
      return Files.isExecutable(Path.of(configured, "pg_ctl")) ? Path.of(configured) : null;
    }
    Path root = Path.of("/usr/lib/postgresql");
    if (!Files.isDirectory(root)) {
      return null;
    }
    try (Stream<Path> versions = Files.list(root)) {
      return versions.map(v -> v.resolve("bin"))
          .filter(b -> Files.isExecutable(b.resolve("pg_ctl"))
              && Files.isExecutable(b.resolve("initdb")))
          .max(Comparator.comparingInt(PostgresServer::majorVersion))
          .orElse(null);
    }
  }

  private static int majorVersion(Path bin) {
    try {
      return Integer.parseInt(bin.getParent().getFileName().toString());
    } catch (NumberFormatException e) {
      return 0;
    }
  }

  /** The account PostgreSQL runs as under root: postgres (Debian's package makes it), or nobody. */
  private static String osUser() throws IOException, InterruptedException {
    Process p = new ProcessBuilder("id", "-u", "postgres").redirectErrorStream(true).start();
    p.getInputStream().readAllBytes();
    return p.waitFor() == 0 ? "postgres" : "nobody";
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }

  private static void deleteTree(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(dir)) {
      for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }
}
