package io.rivulet.server.http;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A self-signed certificate for {@code localhost} and {@code 127.0.0.1}, made once by the JDK's
 * {@code keytool} and kept in a directory (the server's {@code <data-dir>/tls/}):
 *
 * <pre>
 * keystore.p12        PKCS12: the RSA 2048 key and the certificate (SHA256withRSA, 10 years)
 * keystore.password   the key store's random password (owner-only where POSIX permissions exist)
 * certificate.pem     the certificate, for clients to trust
 * </pre>
 *
 * The three files are written into a temporary sibling directory that is renamed into place, so a
 * crash never leaves half a certificate; a later start finds the directory and reuses it. Not
 * thread-safe per directory (the data-directory lock keeps one server per directory).
 */
public record GeneratedCertificate(Path keyStore, char[] password, Path certificateFile) {
  static final String KEY_STORE = "keystore.p12";
  static final String PASSWORD = "keystore.password";
  static final String CERTIFICATE = "certificate.pem";
  private static final String ALIAS = "rivulet";
  private static final String PASSWORD_ENV = "RIVULET_KEYSTORE_PASSWORD";

  /**
   * Loads the certificate in {@code dir}, or generates it there if {@code dir} does not exist.
   *
   * @throws IOException if {@code keytool} fails, or {@code dir} exists without the three files
   */
  public static GeneratedCertificate loadOrCreate(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      create(dir);
    }
    Path keyStore = dir.resolve(KEY_STORE);
    Path password = dir.resolve(PASSWORD);
    Path certificate = dir.resolve(CERTIFICATE);
    for (Path p : List.of(keyStore, password, certificate)) {
      if (!Files.isRegularFile(p)) {
        throw new IOException(
            p + " is missing: delete " + dir + " to generate a new certificate");
      }
    }
    return new GeneratedCertificate(
        keyStore, Files.readString(password, StandardCharsets.US_ASCII).strip().toCharArray(),
        certificate);
  }

  /** Whether {@code dir} already holds a generated certificate. */
  public static boolean exists(Path dir) {
    return Files.isRegularFile(dir.resolve(KEY_STORE));
  }

  private static void create(Path dir) throws IOException {
    Path parent = dir.toAbsolutePath().getParent();
    Files.createDirectories(parent);
    Path tmp = Files.createTempDirectory(parent, dir.getFileName() + ".tmp-");
    try {
      restrict(tmp, "rwx------");
      byte[] random = new byte[24];
      new SecureRandom().nextBytes(random);
      String password = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
      Path passwordFile = tmp.resolve(PASSWORD);
      Files.writeString(passwordFile, password + "\n", StandardCharsets.US_ASCII);
      restrict(passwordFile, "rw-------");
      Path keyStore = tmp.resolve(KEY_STORE);
      keytool(password, "-genkeypair", "-alias", ALIAS, "-keyalg", "RSA", "-keysize", "2048",
          "-sigalg", "SHA256withRSA", "-validity", "3650", "-dname", "CN=localhost",
          "-ext", "SAN=dns:localhost,ip:127.0.0.1", "-ext", "EKU=serverAuth",
          "-keystore", keyStore.toString(), "-storetype", "PKCS12",
          "-storepass:env", PASSWORD_ENV, "-keypass:env", PASSWORD_ENV);
      restrict(keyStore, "rw-------");
      keytool(password, "-exportcert", "-rfc", "-alias", ALIAS,
          "-keystore", keyStore.toString(), "-storetype", "PKCS12",
          "-storepass:env", PASSWORD_ENV, "-file", tmp.resolve(CERTIFICATE).toString());
      restrict(tmp, "rwxr-xr-x");
      Files.move(tmp, dir, StandardCopyOption.ATOMIC_MOVE);
    } catch (FileAlreadyExistsException e) {
      throw new IOException(dir + " appeared while its certificate was generated", e);
    } finally {
      deleteRecursively(tmp);
    }
  }

  private static void keytool(String password, String... args) throws IOException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    builder.environment().put(PASSWORD_ENV, password);
    Process process = builder.start();
    try {
      process.getOutputStream().close();
      String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!process.waitFor(60, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw new IOException("keytool " + args[0] + " did not finish in 60 s");
      }
      if (process.exitValue() != 0) {
        throw new IOException(
            "keytool " + args[0] + " failed (exit " + process.exitValue() + "): " + output.strip());
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while keytool ran", e);
    }
  }

  private static void restrict(Path path, String permissions) throws IOException {
    try {
      Files.setPosixFilePermissions(path, PosixFilePermissions.fromString(permissions));
    } catch (UnsupportedOperationException e) {
      // not a POSIX file system: the directory's own permissions apply
    }
  }

  private static void deleteRecursively(Path dir) throws IOException {
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
