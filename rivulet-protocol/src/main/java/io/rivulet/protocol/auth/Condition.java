package io.rivulet.protocol.auth;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * One condition of a policy statement: an operator, a context key and the values it is compared
 * with (any of them may match). Supported operators: {@code StringEquals}, {@code
 * StringNotEquals}, {@code StringEqualsIgnoreCase}, {@code StringNotEqualsIgnoreCase}, {@code
 * StringLike}, {@code StringNotLike}, {@code ArnEquals}, {@code ArnLike}, {@code ArnNotEquals},
 * {@code ArnNotLike}, {@code Bool}, {@code Null}, each (but {@code Null}) with the {@code
 * …IfExists} suffix. A key missing from the request matches a negated operator and an {@code
 * IfExists} one, and nothing else, as in AWS. A resource policy (written by PutResourcePolicy) may
 * hold operators this evaluator lacks: they are kept as {@link #UNSUPPORTED} and fail closed (an
 * Allow under one never applies, a Deny under one always does). Immutable.
 */
record Condition(String operator, boolean ifExists, String key, List<String> values) {
  static final Set<String> OPERATORS = Set.of("stringequals", "stringnotequals",
      "stringequalsignorecase", "stringnotequalsignorecase", "stringlike", "stringnotlike",
      "arnequals", "arnlike", "arnnotequals", "arnnotlike", "bool", "null");

  /**
   * Parses {@code "<Operator>": {"<key>": value | [values]}} members; unknown operators are
   * refused (as IAM refuses them) rather than ignored.
   */
  static Condition of(String operatorName, String key, List<String> values) {
    String op = operatorName.toLowerCase(Locale.ROOT);
    boolean ifExists = op.endsWith("ifexists");
    if (ifExists) {
      op = op.substring(0, op.length() - "ifexists".length());
    }
    if (!OPERATORS.contains(op) || (ifExists && op.equals("null"))) {
      throw new IllegalArgumentException("unsupported condition operator " + operatorName
          + " (supported: StringEquals, StringNotEquals, StringEqualsIgnoreCase, StringLike,"
          + " StringNotLike, ArnEquals, ArnLike, ArnNotEquals, ArnNotLike, Bool, Null, and"
          + " ...IfExists)");
    }
    return new Condition(op, ifExists, key.toLowerCase(Locale.ROOT), List.copyOf(values));
  }

  /** The operator of a condition this evaluator cannot evaluate (resource policies only). */
  static final String UNSUPPORTED = "unsupported";

  static Condition unsupported(String operatorName, String key) {
    return new Condition(UNSUPPORTED, false, key.toLowerCase(Locale.ROOT), List.of(operatorName));
  }

  boolean isUnsupported() {
    return operator.equals(UNSUPPORTED);
  }

  /** Whether the request's context (keys in lower case) satisfies this condition. */
  boolean test(Map<String, List<String>> context) {
    List<String> actual = context.get(key);
    boolean present = actual != null && !actual.isEmpty();
    if (operator.equals("null")) {
      return values.stream().anyMatch(v -> Boolean.parseBoolean(v) != present);
    }
    boolean negated = operator.contains("not");
    if (!present) {
      return ifExists || negated;
    }
    boolean any = false;
    for (String a : actual) {
      for (String v : values) {
        any |= positive(a, v);
      }
    }
    return negated != any;
  }

  private boolean positive(String actual, String expected) {
    return switch (operator) {
      case "stringequals", "stringnotequals" -> actual.equals(expected);
      case "stringequalsignorecase", "stringnotequalsignorecase" -> actual.equalsIgnoreCase(expected);
      case "bool" -> actual.equalsIgnoreCase(expected);
      default -> Wildcards.matches(expected, actual, false); // *Like and Arn*: wildcards allowed
    };
  }
}
