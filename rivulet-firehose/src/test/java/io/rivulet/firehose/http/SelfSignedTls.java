package io.rivulet.firehose.http;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.Base64;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * A self-signed certificate for 127.0.0.1/localhost made once per test JVM with the JDK's
 * keytool: a server context that presents it and a client context that trusts only it.
 * Thread-safe.
 */
public final class SelfSignedTls {
  private static final char[] PASSWORD = "changeit".toCharArray();
  private static SelfSignedTls instance;

  public final SSLContext server;
  public final SSLContext client;
  /** The certificate, PEM-encoded. */
  public final String pem;

  private SelfSignedTls(SSLContext server, SSLContext client, String pem) {
    this.server = server;
    this.client = client;
    this.pem = pem;
  }

  public static synchronized SelfSignedTls get() throws Exception {
    if (instance == null) {
      instance = create();
    }
    return instance;
  }

  private static SelfSignedTls create() throws Exception {
    Path dir = Files.createTempDirectory("rivulet-tls");
    Path file = dir.resolve("server.p12");
    try {
      keytool(file);
      KeyStore keys = KeyStore.getInstance("PKCS12");
      try (InputStream in = Files.newInputStream(file)) {
        keys.load(in, PASSWORD);
      }
      KeyManagerFactory kmf =
          KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
      kmf.init(keys, PASSWORD);
      SSLContext server = SSLContext.getInstance("TLS");
      server.init(kmf.getKeyManagers(), null, null);
      KeyStore trust = KeyStore.getInstance("PKCS12");
      trust.load(null, null);
      trust.setCertificateEntry("server", keys.getCertificate("server"));
      TrustManagerFactory tmf =
          TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      tmf.init(trust);
      SSLContext client = SSLContext.getInstance("TLS");
      client.init(null, tmf.getTrustManagers(), null);
      String pem = "-----BEGIN CERTIFICATE-----\n"
          + Base64.getMimeEncoder(64, new byte[] {'\n'})
              .encodeToString(keys.getCertificate("server").getEncoded())
          + "\n-----END CERTIFICATE-----\n";
      return new SelfSignedTls(server, client, pem);
    } finally {
      Files.deleteIfExists(file);
      Files.deleteIfExists(dir);
    }
  }

  private static void keytool(Path file) throws IOException, InterruptedException {
    Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
    Process p = new ProcessBuilder(keytool.toString(), "-genkeypair", "-alias", "server",
        "-keyalg", "EC", "-groupname", "secp256r1", "-validity", "2", "-dname", "CN=localhost",
        "-ext", "SAN=ip:127.0.0.1,dns:localhost", "-storetype", "PKCS12",
        "-keystore", file.toString(), "-storepass", new String(PASSWORD),
        "-keypass", new String(PASSWORD))
        .redirectErrorStream(true).start();
    byte[] output = p.getInputStream().readAllBytes();
    if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
      throw new IOException("keytool failed: " + new String(output));
    }
  }
}
