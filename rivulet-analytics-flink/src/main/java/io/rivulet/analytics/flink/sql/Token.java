package io.rivulet.analytics.flink.sql;

import java.util.Locale;

/**
 * One lexical token of SQL-1_0 application code. Immutable, so thread-safe.
 *
 * @param kind what the token is
 * @param text for {@link Kind#WORD} the word upper-cased (SQL-1_0 folds unquoted identifiers to
 *     upper case); for {@link Kind#QUOTED} the identifier as written between the double quotes; for
 *     {@link Kind#STRING} the literal with its quotes; otherwise the text as written
 * @param offset where the token starts in the code, for error messages
 */
record Token(Kind kind, String text, int offset) {

  /** Token kinds. */
  enum Kind {
    WORD,
    QUOTED,
    STRING,
    NUMBER,
    SYMBOL
  }

  static Token word(String text, int offset) {
    return new Token(Kind.WORD, text.toUpperCase(Locale.ROOT), offset);
  }

  /** True if this is the unquoted word {@code w} (given in upper case). */
  boolean is(String w) {
    return kind == Kind.WORD && text.equals(w);
  }

  /** True if this is the symbol {@code s}. */
  boolean isSymbol(String s) {
    return kind == Kind.SYMBOL && text.equals(s);
  }

  /** True if this names something: an unquoted word or a quoted identifier. */
  boolean isIdentifier() {
    return kind == Kind.WORD || kind == Kind.QUOTED;
  }

  /** The identifier's name as the catalog knows it (unquoted words are upper-cased). */
  String name() {
    return text;
  }

  /** The token as Flink SQL text: quoted identifiers in back-quotes, everything else as is. */
  String flink() {
    return kind == Kind.QUOTED ? SqlText.quote(text) : text;
  }
}
