package io.rivulet.protocol.auth;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * One statement of a {@link Policy}. {@code NotAction}/{@code NotResource}/{@code NotPrincipal}
 * apply to everything their list does not match. Immutable.
 */
record Statement(Effect effect, List<String> actions, boolean notAction, List<String> resources,
    boolean notResource, List<String> principals, boolean notPrincipal, List<Condition> conditions) {
  enum Effect { ALLOW, DENY }

  private static final Pattern ACCOUNT = Pattern.compile("\\d{12}");

  static Statement parse(JsonNode s, Policy.Kind kind) {
    if (!s.isObject()) {
      throw new IllegalArgumentException("each Statement must be a JSON object");
    }
    String effect = s.path("Effect").asText();
    if (!effect.equals("Allow") && !effect.equals("Deny")) {
      throw new IllegalArgumentException("Effect must be Allow or Deny, not '" + effect + "'");
    }
    boolean notAction = s.has("NotAction");
    if (notAction == s.has("Action")) {
      throw new IllegalArgumentException("a statement needs exactly one of Action and NotAction");
    }
    boolean notResource = s.has("NotResource");
    if (notResource == s.has("Resource")) {
      throw new IllegalArgumentException("a statement needs exactly one of Resource and NotResource");
    }
    boolean notPrincipal = s.has("NotPrincipal");
    boolean hasPrincipal = notPrincipal || s.has("Principal");
    if (kind == Policy.Kind.IDENTITY && hasPrincipal) {
      throw new IllegalArgumentException("an identity policy must not name a Principal");
    }
    if (kind == Policy.Kind.RESOURCE && (!hasPrincipal || (notPrincipal && s.has("Principal")))) {
      throw new IllegalArgumentException("a resource policy statement needs exactly one of Principal and NotPrincipal");
    }
    List<String> principals = hasPrincipal ? principals(s.get(notPrincipal ? "NotPrincipal" : "Principal")) : List.of();
    return new Statement(effect.equals("Allow") ? Effect.ALLOW : Effect.DENY,
        strings(s.get(notAction ? "NotAction" : "Action"), "Action"), notAction,
        strings(s.get(notResource ? "NotResource" : "Resource"), "Resource"), notResource,
        principals, notPrincipal, conditions(s.get("Condition"), kind));
  }

  /** Whether this statement covers the request (its Principal too when {@code checkPrincipal}). */
  boolean applies(Policy.Facts f, boolean checkPrincipal) {
    if (anyMatch(actions, f.action(), true) == notAction) {
      return false;
    }
    if (anyMatch(resources, f.resource(), false) == notResource) {
      return false;
    }
    if (checkPrincipal && principalMatches(f.principal()) == notPrincipal) {
      return false;
    }
    for (Condition c : conditions) {
      if (c.isUnsupported() ? effect == Effect.ALLOW : !c.test(f.context())) {
        return false; // an unsupported condition fails closed: it never lets an Allow apply
      }
    }
    return true;
  }

  /**
   * Whether the Principal names this principal itself ({@code *} or its own ARN), not merely its
   * account: within one account only such a grant allows on its own; an account principal
   * defers to the account's identity policies, as in AWS.
   */
  boolean namesDirectly(Principal p) {
    if (notPrincipal) {
      return false;
    }
    for (String name : principals) {
      if (name.equals("*") || name.equals(p.arn())) {
        return true;
      }
    }
    return false;
  }

  private boolean principalMatches(Principal p) {
    for (String name : principals) {
      if (name.equals("*") || name.equals(p.arn()) || name.equals(p.accountId())
          || name.equals("arn:aws:iam::" + p.accountId() + ":root")) {
        return true;
      }
    }
    return false;
  }

  private static boolean anyMatch(List<String> patterns, String value, boolean ignoreCase) {
    for (String pattern : patterns) {
      if (Wildcards.matches(pattern, value, ignoreCase)) {
        return true;
      }
    }
    return false;
  }

  /** {@code "*"}, {@code {"AWS": "..." | [...]}}; other principal types name nobody here. */
  private static List<String> principals(JsonNode node) {
    if (node.isTextual()) {
      if (!node.asText().equals("*")) {
        throw new IllegalArgumentException("a Principal string must be \"*\"");
      }
      return List.of("*");
    }
    if (!node.isObject()) {
      throw new IllegalArgumentException("Principal must be \"*\" or an object such as {\"AWS\": ...}");
    }
    List<String> out = new ArrayList<>();
    JsonNode aws = node.get("AWS");
    if (aws != null) {
      for (String name : strings(aws, "Principal")) {
        if (!name.equals("*") && !ACCOUNT.matcher(name).matches() && !name.startsWith("arn:")) {
          throw new IllegalArgumentException("Invalid principal in policy: \"AWS\":\"" + name + "\"");
        }
        out.add(name);
      }
    }
    return out;
  }

  private static List<String> strings(JsonNode node, String element) {
    List<String> out = new ArrayList<>();
    if (node != null && node.isTextual()) {
      out.add(node.asText());
    } else if (node != null && node.isArray() && !node.isEmpty()) {
      for (JsonNode n : node) {
        if (!n.isTextual()) {
          throw new IllegalArgumentException(element + " entries must be strings");
        }
        out.add(n.asText());
      }
    } else {
      throw new IllegalArgumentException(element + " must be a string or a non-empty list of strings");
    }
    return out;
  }

  private static List<Condition> conditions(JsonNode node, Policy.Kind kind) {
    List<Condition> out = new ArrayList<>();
    if (node == null) {
      return out;
    }
    if (!node.isObject()) {
      throw new IllegalArgumentException("Condition must be an object of operators");
    }
    for (Map.Entry<String, JsonNode> op : node.properties()) {
      if (!op.getValue().isObject()) {
        throw new IllegalArgumentException("Condition " + op.getKey() + " must be an object of keys");
      }
      for (Map.Entry<String, JsonNode> key : op.getValue().properties()) {
        List<String> values = new ArrayList<>();
        JsonNode v = key.getValue();
        for (JsonNode one : v.isArray() ? v : List.of(v)) {
          if (!one.isValueNode()) {
            throw new IllegalArgumentException("Condition values must be strings, numbers or booleans");
          }
          values.add(one.asText());
        }
        try {
          out.add(Condition.of(op.getKey(), key.getKey(), values));
        } catch (IllegalArgumentException e) {
          if (kind == Policy.Kind.IDENTITY) {
            throw e; // the server's own configuration: say so at start
          }
          out.add(Condition.unsupported(op.getKey(), key.getKey()));
        }
      }
    }
    return out;
  }
}
