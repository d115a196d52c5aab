package io.rivulet.analytics.flink.sql;

import java.util.List;

/** Helpers that write Flink SQL text. Stateless, so thread-safe. */
final class SqlText {
  private SqlText() {}

  /** {@code name} as a back-quoted Flink identifier. */
  static String quote(String name) {
    return "`" + name.replace("`", "``") + "`";
  }

  /** {@code s} as a Flink string literal. */
  static String literal(String s) {
    return "'" + s.replace("'", "''") + "'";
  }

  /** Tokens as Flink SQL text, one space between tokens except around dots and inside parens. */
  static String render(List<Token> tokens) {
    StringBuilder out = new StringBuilder();
    Token prev = null;
    for (Token t : tokens) {
      if (prev != null && spaceBetween(prev, t)) {
        out.append(' ');
      }
      out.append(t.flink());
      prev = t;
    }
    return out.toString();
  }

  private static final java.util.Set<String> SPACED_BEFORE_PAREN = java.util.Set.of("AS", "IN",
      "AND", "OR", "OVER", "ON", "NOT", "EXISTS", "VALUES", "FROM", "WHERE", "BY", "SELECT",
      "JOIN", "THEN", "ELSE", "WHEN", "CASE", "IS", "LIKE", "STREAM", "ALL", "UNION");

  private static boolean spaceBetween(Token prev, Token t) {
    if (prev.isSymbol(".") || t.isSymbol(".") || prev.isSymbol("(")) {
      return false;
    }
    if (t.isSymbol("(") && prev.kind() == Token.Kind.WORD
        && !SPACED_BEFORE_PAREN.contains(prev.text())) {
      return false;
    }
    return !(t.isSymbol(")") || t.isSymbol(","));
  }
}
