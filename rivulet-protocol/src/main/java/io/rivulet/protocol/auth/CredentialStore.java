package io.rivulet.protocol.auth;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The access keys a server accepts, by access key id, read once at start from a JSON file (by
 * default {@code <data-dir>/credentials.json}) and from the environment:
 *
 * <pre>
 * {
 *   "policies": { "&lt;name&gt;": { "Version": "2012-10-17", "Statement": [ ... ] } },   optional
 *   "credentials": [
 *     { "accessKeyId": "AKIA...", "secretAccessKey": "...",
 *       "account": "111122223333",        optional: else a 12-digit key id is its own account,
 *                                           any other the default account 000000000000
 *       "user": "alice",                  optional: an IAM-style user (policies evaluated,
 *                                           default deny); without it the account's root
 *       "policies": [ "&lt;name&gt;", { inline policy document } ],   a user's identity policies
 *       "sessionToken": "...",            optional: requests must carry it (X-Amz-Security-Token)
 *       "expiration": "2026-12-01T00:00:00Z" }   optional: ExpiredTokenException afterwards
 *   ]
 * }
 * </pre>
 *
 * From the environment: {@code AWS_ACCESS_KEY_ID} with {@code AWS_SECRET_ACCESS_KEY} (and {@code
 * AWS_SESSION_TOKEN} if set), and {@code RIVULET_CREDENTIALS} as {@code
 * keyId:secret[,keyId:secret...]}; each is its account's root. Immutable and thread-safe.
 */
public final class CredentialStore {
  public static final String FILE_NAME = "credentials.json";
  public static final String DEFAULT_ACCOUNT = "000000000000";
  private static final Pattern ACCOUNT = Pattern.compile("\\d{12}");
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Map<String, Credential> byKey;
  private final String description;

  private CredentialStore(Map<String, Credential> byKey, String description) {
    this.byKey = Map.copyOf(byKey);
    this.description = description;
  }

  public static CredentialStore of(Collection<Credential> credentials) {
    Map<String, Credential> map = new LinkedHashMap<>();
    credentials.forEach(c -> put(map, c, "the given list"));
    return new CredentialStore(map, map.size() + " credential(s)");
  }

  /**
   * Reads {@code file} (if it exists) and the environment. IllegalArgumentException, naming the
   * file and the entry, if anything is malformed (so a server refuses to start rather than run
   * with fewer keys or policies than configured).
   */
  public static CredentialStore load(Path file, Map<String, String> env) {
    Map<String, Credential> map = new LinkedHashMap<>();
    List<String> sources = new ArrayList<>();
    if (file != null && Files.exists(file)) {
      int before = map.size();
      readFile(file, map);
      sources.add((map.size() - before) + " from " + file);
    }
    int before = map.size();
    String key = env.get("AWS_ACCESS_KEY_ID");
    String secret = env.get("AWS_SECRET_ACCESS_KEY");
    if (key != null && !key.isEmpty() && secret != null && !secret.isEmpty()) {
      String token = env.get("AWS_SESSION_TOKEN");
      put(map, new Credential(key, secret, token == null || token.isEmpty() ? null : token, null,
          root(key, null)), "AWS_ACCESS_KEY_ID");
    }
    String list = env.get("RIVULET_CREDENTIALS");
    if (list != null && !list.isBlank()) {
      for (String pair : list.split(",")) {
        int colon = pair.indexOf(':');
        if (colon <= 0 || colon == pair.length() - 1) {
          throw new IllegalArgumentException("RIVULET_CREDENTIALS: expected keyId:secret, got an entry without both");
        }
        String id = pair.substring(0, colon).trim();
        put(map, new Credential(id, pair.substring(colon + 1).trim(), null, null, root(id, null)),
            "RIVULET_CREDENTIALS");
      }
    }
    if (map.size() > before) {
      sources.add((map.size() - before) + " from the environment");
    }
    return new CredentialStore(map, map.size() + " credential(s): "
        + (sources.isEmpty() ? "none" : String.join(", ", sources)));
  }

  /** The credential of an access key id, or null. */
  public Credential find(String accessKeyId) {
    return accessKeyId == null ? null : byKey.get(accessKeyId);
  }

  public boolean isEmpty() {
    return byKey.isEmpty();
  }

  public int size() {
    return byKey.size();
  }

  /** How many keys came from where, for the start-up log (no secrets). */
  public String description() {
    return description;
  }

  /** The default account rule: a 12-digit key id is its own account, anything else 000000000000. */
  public static String accountOf(String accessKeyId) {
    return accessKeyId != null && ACCOUNT.matcher(accessKeyId).matches() ? accessKeyId : DEFAULT_ACCOUNT;
  }

  private static Principal root(String keyId, String account) {
    return new Principal(keyId, account != null ? account : accountOf(keyId), null, List.of());
  }

  private static void put(Map<String, Credential> map, Credential c, String source) {
    if (map.putIfAbsent(c.accessKeyId(), c) != null) {
      throw new IllegalArgumentException(source + ": access key " + c.accessKeyId() + " is configured twice");
    }
  }

  private static void readFile(Path file, Map<String, Credential> map) {
    JsonNode root;
    try {
      root = JSON.readTree(Files.readAllBytes(file));
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException(file + " is not valid JSON: " + e.getOriginalMessage());
    } catch (IOException e) {
      throw new IllegalArgumentException("cannot read " + file + ": " + e.getMessage(), e);
    }
    if (root == null || !root.isObject() || !root.path("credentials").isArray()) {
      throw new IllegalArgumentException(file + ": expected an object with a \"credentials\" list");
    }
    Map<String, Policy> named = new LinkedHashMap<>();
    root.path("policies").properties().forEach(e -> named.put(e.getKey(),
        policy(e.getValue(), file + ": policy " + e.getKey())));
    int i = 0;
    for (JsonNode c : root.path("credentials")) {
      String where = file + ": credentials[" + i++ + "]";
      try {
        put(map, credential(c, named, where), where);
      } catch (IllegalArgumentException e) {
        throw e.getMessage().startsWith(file.toString()) ? e : new IllegalArgumentException(where + ": " + e.getMessage());
      }
    }
  }

  private static Credential credential(JsonNode c, Map<String, Policy> named, String where) {
    String key = text(c, "accessKeyId");
    String account = text(c, "account");
    if (account != null && !ACCOUNT.matcher(account).matches()) {
      throw new IllegalArgumentException("account must be 12 digits, not " + account);
    }
    String user = text(c, "user");
    List<Policy> policies = new ArrayList<>();
    for (JsonNode p : c.path("policies")) {
      if (p.isTextual()) {
        Policy policy = named.get(p.asText());
        if (policy == null) {
          throw new IllegalArgumentException("no policy named " + p.asText() + " in \"policies\"");
        }
        policies.add(policy);
      } else {
        policies.add(policy(p, where + ": inline policy"));
      }
    }
    if (user == null && !policies.isEmpty()) {
      throw new IllegalArgumentException("policies apply to users: give the credential a \"user\""
          + " (without one it is the account's root, which is allowed everything in its account)");
    }
    String expiration = text(c, "expiration");
    Instant expires;
    try {
      expires = expiration == null ? null : Instant.parse(expiration);
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException("expiration must be an ISO-8601 instant such as 2026-12-01T00:00:00Z");
    }
    Principal principal = user == null ? root(key, account)
        : new Principal(key, account != null ? account : accountOf(key), user, policies);
    return new Credential(key, text(c, "secretAccessKey"), text(c, "sessionToken"), expires, principal);
  }

  private static Policy policy(JsonNode node, String where) {
    try {
      return Policy.parse(node, Policy.Kind.IDENTITY);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(where + ": " + e.getMessage());
    }
  }

  private static String text(JsonNode node, String field) {
    JsonNode v = node.get(field);
    return v == null || v.isNull() ? null : v.asText();
  }
}
