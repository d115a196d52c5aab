package io.rivulet.server;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * The local key store's settings: the master key that wraps its material in {@code
 * <data-dir>/kms/keys.json} (from a file, {@code --kms-master-key-file}, or the environment
 * variable {@value #ENV}; none: the material is stored unwrapped, protected by the file's 0600
 * permissions only) and the key ids the operator configured ({@code --kms-key}), created on first
 * use. Kept apart from {@link RivuletServer.Options}, as {@link AuthOptions} is. Immutable.
 *
 * @param masterKeyFile a file holding the 32-byte master key, raw or base64; null: none
 * @param environment where {@value #ENV} is read (normally {@code System.getenv()})
 * @param keys key ids, key ARNs, alias names or alias ARNs created on first use
 */
public record KmsOptions(Path masterKeyFile, Map<String, String> environment, List<String> keys) {
  /** The environment variable holding the master key, base64. */
  public static final String ENV = "RIVULET_KMS_MASTER_KEY";

  public KmsOptions {
    environment = environment == null ? Map.of() : Map.copyOf(environment);
    keys = keys == null ? List.of() : List.copyOf(keys);
  }

  /** No master key, no configured keys. */
  public static KmsOptions none() {
    return new KmsOptions(null, Map.of(), List.of());
  }

  /** A master key of 32 bytes given as is (tests). */
  public static KmsOptions withMasterKey(byte[] key, List<String> keys) {
    return new KmsOptions(null, Map.of(ENV, Base64.getEncoder().encodeToString(key)), keys);
  }

  /** Where the master key comes from, for the start-up log; null when there is none. */
  String masterKeySource() {
    return masterKeyFile != null ? masterKeyFile.toString()
        : environment.containsKey(ENV) ? "the environment variable " + ENV : null;
  }

  /**
   * The master key (32 bytes), or null. IllegalArgumentException when both sources are given or
   * the key is not 32 bytes (raw, or base64 of 32 bytes).
   */
  byte[] masterKey() {
    String env = environment.get(ENV);
    if (masterKeyFile != null && env != null) {
      throw new IllegalArgumentException("give the KMS master key once: --kms-master-key-file or "
          + ENV + ", not both");
    }
    if (masterKeyFile != null) {
      try {
        byte[] raw = Files.readAllBytes(masterKeyFile);
        return raw.length == 32 ? raw : decode(new String(raw, StandardCharsets.US_ASCII).trim(),
            masterKeyFile.toString());
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read the KMS master key " + masterKeyFile, e);
      }
    }
    return env == null ? null : decode(env.trim(), ENV);
  }

  private static byte[] decode(String base64, String from) {
    byte[] key;
    try {
      key = Base64.getDecoder().decode(base64);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("the KMS master key in " + from + " is not base64 (make"
          + " one with: head -c 32 /dev/urandom | base64)", e);
    }
    if (key.length != 32) {
      throw new IllegalArgumentException("the KMS master key in " + from + " is " + key.length
          + " bytes; it must be 32 (make one with: head -c 32 /dev/urandom | base64)");
    }
    return key;
  }
}
