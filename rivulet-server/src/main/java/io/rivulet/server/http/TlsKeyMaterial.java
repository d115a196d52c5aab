package io.rivulet.server.http;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.InvalidKeySpecException;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A server's private key and certificate chain (leaf first), checked to belong together: a
 * signature made with the key must verify with the leaf certificate's public key. Read from PEM
 * files or a PKCS12 key store by a {@link Source}, which reads the raw files first (so a caller can
 * tell whether they changed) and parses them second. Immutable.
 */
record TlsKeyMaterial(PrivateKey key, X509Certificate[] chain) {
  private static final Pattern PEM_KEY =
      Pattern.compile(
          "-----BEGIN ([A-Z0-9 ]*)PRIVATE KEY-----([A-Za-z0-9+/=\\s]+)-----END \\1PRIVATE KEY-----");

  TlsKeyMaterial {
    if (chain.length == 0) {
      throw new IllegalArgumentException("no certificate");
    }
  }

  X509Certificate leaf() {
    return chain[0];
  }

  /** Where key material comes from. Implementations are immutable. */
  interface Source {
    /** The raw bytes of every file, in a fixed order. */
    byte[][] read() throws IOException;

    /** Key material from what {@link #read()} returned, checked to belong together. */
    TlsKeyMaterial parse(byte[][] files) throws IOException;

    /** The files, for log lines. */
    String description();
  }

  /** A PEM certificate chain and a PEM PKCS#8 private key. */
  static Source pem(Path certificateChain, Path privateKey) {
    return new Source() {
      @Override
      public byte[][] read() throws IOException {
        return new byte[][] {Files.readAllBytes(certificateChain), Files.readAllBytes(privateKey)};
      }

      @Override
      public TlsKeyMaterial parse(byte[][] files) throws IOException {
        X509Certificate[] chain = certificates(files[0], certificateChain);
        PrivateKey key = pkcs8(new String(files[1], StandardCharsets.US_ASCII), privateKey);
        return checked(key, chain);
      }

      @Override
      public String description() {
        return "certificate " + certificateChain + " and key " + privateKey;
      }
    };
  }

  /** A PKCS12 key store with one private key entry. */
  static Source pkcs12(Path keyStore, char[] password) {
    char[] secret = password.clone();
    return new Source() {
      @Override
      public byte[][] read() throws IOException {
        return new byte[][] {Files.readAllBytes(keyStore)};
      }

      @Override
      public TlsKeyMaterial parse(byte[][] files) throws IOException {
        try {
          KeyStore store = KeyStore.getInstance("PKCS12");
          store.load(new ByteArrayInputStream(files[0]), secret);
          for (String alias : Collections.list(store.aliases())) {
            if (store.isKeyEntry(alias)) {
              Key key = store.getKey(alias, secret);
              Certificate[] chain = store.getCertificateChain(alias);
              if (key instanceof PrivateKey privateKey && chain != null) {
                List<X509Certificate> x509 = new ArrayList<>();
                for (Certificate c : chain) {
                  x509.add((X509Certificate) c);
                }
                return checked(privateKey, x509.toArray(X509Certificate[]::new));
              }
            }
          }
          throw new IOException("Key store " + keyStore + " holds no private key with a certificate");
        } catch (GeneralSecurityException | ClassCastException e) {
          throw new IOException("Cannot open key store " + keyStore + ": " + e.getMessage(), e);
        }
      }

      @Override
      public String description() {
        return "key store " + keyStore;
      }
    };
  }

  private static X509Certificate[] certificates(byte[] pem, Path file) throws IOException {
    try {
      List<X509Certificate> chain = new ArrayList<>();
      for (Certificate c :
          CertificateFactory.getInstance("X.509")
              .generateCertificates(new ByteArrayInputStream(pem))) {
        chain.add((X509Certificate) c);
      }
      if (chain.isEmpty()) {
        throw new IOException(file + " holds no certificate");
      }
      return chain.toArray(X509Certificate[]::new);
    } catch (CertificateException | ClassCastException e) {
      throw new IOException(file + " is not a PEM certificate chain: " + e.getMessage(), e);
    }
  }

  private static PrivateKey pkcs8(String pem, Path file) throws IOException {
    Matcher m = PEM_KEY.matcher(pem);
    if (!m.find()) {
      throw new IOException(file + " holds no PEM private key (-----BEGIN PRIVATE KEY-----)");
    }
    if (!m.group(1).isEmpty()) {
      throw new IOException(
          file
              + " holds a "
              + m.group(1).trim()
              + " PRIVATE KEY; convert it to unencrypted PKCS#8 (openssl pkcs8 -topk8 -nocrypt)");
    }
    byte[] der;
    try {
      der = Base64.getMimeDecoder().decode(m.group(2));
    } catch (IllegalArgumentException e) {
      throw new IOException(file + ": the private key is not valid base64", e);
    }
    for (String algorithm : List.of("RSA", "EC", "Ed25519", "Ed448", "RSASSA-PSS")) {
      try {
        return KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(der));
      } catch (InvalidKeySpecException | java.security.NoSuchAlgorithmException e) {
        // try the next algorithm
      }
    }
    throw new IOException(file + ": not an RSA, EC or EdDSA PKCS#8 private key");
  }

  /** The pair, if a signature made with {@code key} verifies with the leaf's public key. */
  private static TlsKeyMaterial checked(PrivateKey key, X509Certificate[] chain)
      throws IOException {
    String algorithm =
        switch (key.getAlgorithm()) {
          case "RSA" -> "SHA256withRSA";
          case "EC" -> "SHA256withECDSA";
          case "Ed25519", "Ed448", "EdDSA" -> key.getAlgorithm();
          default -> throw new IOException("unsupported key algorithm " + key.getAlgorithm());
        };
    byte[] challenge = new byte[32];
    new SecureRandom().nextBytes(challenge);
    try {
      Signature signer = Signature.getInstance(algorithm);
      signer.initSign(key);
      signer.update(challenge);
      byte[] signature = signer.sign();
      Signature verifier = Signature.getInstance(algorithm);
      verifier.initVerify(chain[0].getPublicKey());
      verifier.update(challenge);
      if (!verifier.verify(signature)) {
        throw new IOException("the private key does not belong to the certificate");
      }
    } catch (GeneralSecurityException e) {
      throw new IOException(
          "the private key does not belong to the certificate (" + e.getMessage() + ")", e);
    }
    return new TlsKeyMaterial(key, chain);
  }
}
