package io.rivulet.kms;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The key store's file, {@code <data-dir>/kms/keys.json}: the root of trust of encryption at rest
 * (whoever holds it can read every encrypted record). Written as a temporary file created with
 * permissions 0600, fsynced, atomically renamed over the old one, and the directory (0700) fsynced.
 * Stateless; callers serialise writes.
 *
 * <pre>
 * {"format": 1,
 *  "masterKeyCheck": "&lt;base64&gt;",           only when wrapped: HMAC-SHA256(master key, "rivulet-kms master key check")
 *  "keys": [{"keyId": "…", "account": "…", "region": "…", "description": "…",
 *            "manager": "CUSTOMER" | "AWS" | "OWNED", "owner": "firehose" (OWNED only),
 *            "enabled": true, "created": &lt;epoch ms&gt;,
 *            "versions": [{"number": 1, "created": &lt;epoch ms&gt;, "materialId": "&lt;64 hex&gt;",
 *                          "rotationType": "ON_DEMAND" (not on the first),
 *                          "material": "&lt;base64&gt;"}]}],
 *  "aliases": [{"account": "…", "region": "…", "name": "alias/…", "targetKeyId": "…",
 *               "created": &lt;epoch ms&gt;, "updated": &lt;epoch ms&gt;}]}
 * </pre>
 *
 * {@code material} is the 32 bytes of key material, or with a master key those bytes sealed by
 * {@link Aead} under the master key: nonce (12) || ciphertext (32) || tag (16), with associated
 * data {@code "rivulet-kms key material|" + keyId + "|" + number}, so material cannot be moved to
 * another key or version.
 */
final class KeyStoreFile {
  private static final Logger log = LoggerFactory.getLogger(KeyStoreFile.class);
  static final String NAME = "keys.json";
  static final int FORMAT = 1;
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Set<PosixFilePermission> OWNER_RW = PosixFilePermissions.fromString("rw-------");
  private static final Set<PosixFilePermission> OWNER_RWX = PosixFilePermissions.fromString("rwx------");

  /** What the file holds. */
  record Contents(List<KmsKey> keys, List<KeyStore.Alias> aliases, boolean wrapped) {}

  private KeyStoreFile() {}

  /** The file's contents, or null if there is none. Refuses a master key that does not match. */
  static Contents read(Path dir, byte[] masterKey) throws IOException {
    Path file = dir.resolve(NAME);
    if (!Files.exists(file)) {
      return null;
    }
    warnIfOthersCanRead(file);
    JsonNode root = JSON.readTree(file.toFile());
    if (root.path("format").asInt() != FORMAT) {
      throw new IOException(file + ": unknown format " + root.path("format"));
    }
    boolean wrapped = root.hasNonNull("masterKeyCheck");
    if (wrapped && masterKey == null) {
      throw new IOException(file + " is wrapped by a master key: give it with the environment"
          + " variable RIVULET_KMS_MASTER_KEY or --kms-master-key-file");
    }
    if (wrapped && !MessageDigest.isEqual(check(masterKey),
        Base64.getDecoder().decode(root.get("masterKeyCheck").asText()))) {
      throw new IOException(file + " was wrapped by another master key than the one given");
    }
    List<KmsKey> keys = new ArrayList<>();
    for (JsonNode k : root.path("keys")) {
      keys.add(key(k, wrapped ? masterKey : null));
    }
    List<KeyStore.Alias> aliases = new ArrayList<>();
    for (JsonNode a : root.path("aliases")) {
      aliases.add(new KeyStore.Alias(a.get("account").asText(), a.get("region").asText(),
          a.get("name").asText(), a.get("targetKeyId").asText(), a.get("created").asLong(),
          a.get("updated").asLong()));
    }
    return new Contents(keys, aliases, wrapped);
  }

  private static KmsKey key(JsonNode k, byte[] masterKey) throws IOException {
    String keyId = k.get("keyId").asText();
    List<KmsKey.Version> versions = new ArrayList<>();
    for (JsonNode v : k.path("versions")) {
      int number = v.get("number").asInt();
      byte[] stored = Base64.getDecoder().decode(v.get("material").asText());
      byte[] material = masterKey == null ? stored
          : Aead.openSealed(masterKey, stored, materialContext(keyId, number));
      if (material == null || material.length != Envelope.KEY_BYTES) {
        throw new IOException("key material of " + keyId + " version " + number
            + (material == null ? " fails its authentication tag" : " is not 32 bytes"));
      }
      versions.add(new KmsKey.Version(number, v.get("created").asLong(), material,
          v.get("materialId").asText(), text(v, "rotationType")));
    }
    return new KmsKey(keyId, k.get("account").asText(), k.get("region").asText(),
        k.path("description").asText(""), k.get("manager").asText(), k.get("enabled").asBoolean(),
        k.get("created").asLong(), versions, text(k, "owner"));
  }

  private static String text(JsonNode n, String field) {
    JsonNode v = n.get(field);
    return v == null || v.isNull() ? null : v.asText();
  }

  /** Replaces the file with these contents, material wrapped when {@code masterKey} is given. */
  static void write(Path dir, List<KmsKey> keys, List<KeyStore.Alias> aliases, byte[] masterKey)
      throws IOException {
    ObjectNode root = JSON.createObjectNode().put("format", FORMAT);
    if (masterKey != null) {
      root.put("masterKeyCheck", Base64.getEncoder().encodeToString(check(masterKey)));
    }
    ArrayNode ks = root.putArray("keys");
    for (KmsKey k : keys) {
      ObjectNode n = ks.addObject().put("keyId", k.keyId()).put("account", k.account())
          .put("region", k.region()).put("description", k.description())
          .put("manager", k.manager()).put("enabled", k.enabled()).put("created", k.createdMillis());
      if (k.owner() != null) {
        n.put("owner", k.owner());
      }
      ArrayNode vs = n.putArray("versions");
      for (KmsKey.Version v : k.versions()) {
        byte[] stored = masterKey == null ? v.material()
            : Aead.seal(masterKey, v.material(), materialContext(k.keyId(), v.number()));
        ObjectNode vn = vs.addObject().put("number", v.number()).put("created", v.createdMillis())
            .put("materialId", v.materialId());
        if (v.rotationType() != null) {
          vn.put("rotationType", v.rotationType());
        }
        vn.put("material", Base64.getEncoder().encodeToString(stored));
      }
    }
    ArrayNode as = root.putArray("aliases");
    for (KeyStore.Alias a : aliases) {
      as.addObject().put("account", a.account()).put("region", a.region()).put("name", a.name())
          .put("targetKeyId", a.targetKeyId()).put("created", a.createdMillis())
          .put("updated", a.updatedMillis());
    }
    writeAtomically(dir, JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(root));
  }

  private static byte[] materialContext(String keyId, int number) {
    return ("rivulet-kms key material|" + keyId + "|" + number).getBytes(StandardCharsets.UTF_8);
  }

  /** HMAC-SHA256 of a fixed text under the master key: tells a wrong master key at start. */
  static byte[] check(byte[] masterKey) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(masterKey, "HmacSHA256"));
      return mac.doFinal("rivulet-kms master key check".getBytes(StandardCharsets.UTF_8));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is not available", e);
    }
  }

  private static void writeAtomically(Path dir, byte[] bytes) throws IOException {
    createPrivateDirectory(dir);
    Path tmp = dir.resolve(NAME + ".tmp");
    Files.deleteIfExists(tmp);
    try {
      Files.createFile(tmp, PosixFilePermissions.asFileAttribute(OWNER_RW));
    } catch (UnsupportedOperationException e) {
      Files.createFile(tmp); // not POSIX: the directory's protection is all there is
    } catch (FileAlreadyExistsException e) {
      throw new IOException("another writer is replacing " + dir.resolve(NAME), e);
    }
    try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
      ch.write(java.nio.ByteBuffer.wrap(bytes));
      ch.force(true);
    }
    try {
      Files.move(tmp, dir.resolve(NAME), StandardCopyOption.ATOMIC_MOVE,
          StandardCopyOption.REPLACE_EXISTING);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(tmp, dir.resolve(NAME), StandardCopyOption.REPLACE_EXISTING);
    }
    try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
      d.force(true);
    } catch (IOException e) {
      // some file systems cannot open a directory for fsync; the rename is still atomic
    }
  }

  private static void createPrivateDirectory(Path dir) throws IOException {
    if (Files.isDirectory(dir)) {
      return;
    }
    Files.createDirectories(dir);
    try {
      Files.setPosixFilePermissions(dir, OWNER_RWX);
    } catch (UnsupportedOperationException e) {
      // not POSIX
    }
  }

  private static void warnIfOthersCanRead(Path file) {
    try {
      Set<PosixFilePermission> p = Files.getPosixFilePermissions(file);
      if (p.contains(PosixFilePermission.GROUP_READ) || p.contains(PosixFilePermission.OTHERS_READ)) {
        log.warn("{} can be read by others than its owner (it holds every encryption key: chmod 600"
            + " it); it is rewritten 0600 on the next key change", file);
      }
    } catch (UnsupportedOperationException | IOException e) {
      // not POSIX, or unreadable attributes: nothing to say
    }
  }
}
