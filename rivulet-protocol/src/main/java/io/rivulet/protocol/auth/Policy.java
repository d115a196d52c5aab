package io.rivulet.protocol.auth;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * An IAM-style JSON policy document: {@code Version} ({@code 2012-10-17} or {@code 2008-10-17})
 * and {@code Statement} (one object or a list), each statement with {@code Effect} ({@code Allow}
 * or {@code Deny}), {@code Action} or {@code NotAction}, {@code Resource} or {@code NotResource}
 * (strings with {@code *} and {@code ?} wildcards), optional {@code Condition} (see {@link
 * Condition}) and, in a resource policy only, {@code Principal} or {@code NotPrincipal}. Parsing
 * refuses what it cannot evaluate rather than ignoring it. Immutable and thread-safe.
 */
public final class Policy {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** Where a policy is attached: to an identity (no Principal) or to a resource (Principal required). */
  public enum Kind { IDENTITY, RESOURCE }

  private final List<Statement> statements;

  private Policy(List<Statement> statements) {
    this.statements = List.copyOf(statements);
  }

  /** Parses a policy document; IllegalArgumentException says what is wrong with it. */
  public static Policy parse(String json, Kind kind) {
    try {
      return parse(JSON.readTree(json), kind);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("the policy is not valid JSON: " + e.getOriginalMessage());
    }
  }

  public static Policy parse(JsonNode root, Kind kind) {
    if (root == null || !root.isObject()) {
      throw new IllegalArgumentException("a policy must be a JSON object");
    }
    JsonNode version = root.get("Version");
    if (version != null && !version.asText().equals("2012-10-17") && !version.asText().equals("2008-10-17")) {
      throw new IllegalArgumentException("unsupported policy Version " + version.asText());
    }
    JsonNode statement = root.get("Statement");
    if (statement == null || !(statement.isObject() || statement.isArray())) {
      throw new IllegalArgumentException("a policy needs a Statement (an object or a list)");
    }
    List<Statement> list = new ArrayList<>();
    for (JsonNode s : statement.isArray() ? statement : List.of(statement)) {
      list.add(Statement.parse(s, kind));
    }
    return new Policy(list);
  }

  /** Whether any statement of the effect applies to the request (Principal checked only if asked). */
  boolean applies(Statement.Effect effect, Facts facts, boolean checkPrincipal) {
    for (Statement s : statements) {
      if (s.effect() == effect && s.applies(facts, checkPrincipal)) {
        return true;
      }
    }
    return false;
  }

  /** Whether an Allow statement grants the request through a Principal naming it directly. */
  boolean allowsDirectly(Facts facts) {
    for (Statement s : statements) {
      if (s.effect() == Statement.Effect.ALLOW && s.applies(facts, true) && s.namesDirectly(facts.principal())) {
        return true;
      }
    }
    return false;
  }

  /**
   * What a policy is evaluated against: who asks, the action, one resource ARN (or {@code *}),
   * and the condition context (keys in lower case, e.g. {@code aws:securetransport}).
   */
  record Facts(Principal principal, String action, String resource, Map<String, List<String>> context) {}
}
