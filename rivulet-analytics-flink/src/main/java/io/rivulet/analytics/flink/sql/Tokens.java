package io.rivulet.analytics.flink.sql;

import java.util.ArrayList;
import java.util.List;

/** Structural helpers over token lists: parentheses, top-level splits. Stateless, thread-safe. */
final class Tokens {
  private Tokens() {}

  /** The index of the ')' matching the '(' at {@code open}. */
  static int closing(List<Token> t, int open) throws TranslationException {
    int depth = 0;
    for (int i = open; i < t.size(); i++) {
      if (t.get(i).isSymbol("(")) {
        depth++;
      } else if (t.get(i).isSymbol(")")) {
        depth--;
        if (depth == 0) {
          return i;
        }
      }
    }
    throw new TranslationException("unbalanced parentheses near offset " + t.get(open).offset());
  }

  /** Splits at top-level (depth 0) occurrences of the symbol {@code sep}. */
  static List<List<Token>> split(List<Token> t, String sep) {
    List<List<Token>> parts = new ArrayList<>();
    int start = 0;
    for (int i : topLevel(t)) {
      if (t.get(i).isSymbol(sep)) {
        parts.add(t.subList(start, i));
        start = i + 1;
      }
    }
    parts.add(t.subList(start, t.size()));
    return parts;
  }

  /** The indexes of the tokens outside any parentheses, parentheses themselves excluded. */
  static List<Integer> topLevel(List<Token> t) {
    List<Integer> out = new ArrayList<>();
    int depth = 0;
    for (int i = 0; i < t.size(); i++) {
      Token k = t.get(i);
      if (k.isSymbol("(")) {
        depth++;
      } else if (k.isSymbol(")")) {
        depth--;
      } else if (depth == 0) {
        out.add(i);
      }
    }
    return out;
  }

  /** The first top-level index at or after {@code from} of the word {@code w}, or -1. */
  static int find(List<Token> t, String w, int from) {
    for (int i : topLevel(t)) {
      if (i >= from && t.get(i).is(w)) {
        return i;
      }
    }
    return -1;
  }

  /** True if the word {@code w} occurs anywhere, at any depth. */
  static boolean contains(List<Token> t, String w) {
    return t.stream().anyMatch(k -> k.is(w));
  }

  /** Where the text near token {@code i} is, for messages. */
  static String near(List<Token> t, int i) {
    return SqlText.render(t.subList(i, Math.min(t.size(), i + 6)));
  }
}
