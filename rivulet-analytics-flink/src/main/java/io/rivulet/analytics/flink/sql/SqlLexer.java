package io.rivulet.analytics.flink.sql;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits SQL-1_0 code into tokens, dropping white space and comments ({@code --} to the end of the
 * line, {@code /* ... *}{@code /}). Stateless, so thread-safe.
 */
final class SqlLexer {
  private static final String TWO_CHAR_SYMBOLS = "<= >= <> != || ::";

  private SqlLexer() {}

  static List<Token> tokenize(String code) throws TranslationException {
    List<Token> out = new ArrayList<>();
    int i = 0;
    int n = code.length();
    while (i < n) {
      char c = code.charAt(i);
      if (Character.isWhitespace(c)) {
        i++;
      } else if (c == '-' && i + 1 < n && code.charAt(i + 1) == '-') {
        while (i < n && code.charAt(i) != '\n') {
          i++;
        }
      } else if (c == '/' && i + 1 < n && code.charAt(i + 1) == '*') {
        int end = code.indexOf("*/", i + 2);
        if (end < 0) {
          throw new TranslationException("unterminated comment at offset " + i);
        }
        i = end + 2;
      } else if (c == '\'') {
        int end = closing(code, i, '\'');
        out.add(new Token(Token.Kind.STRING, code.substring(i, end + 1), i));
        i = end + 1;
      } else if (c == '"') {
        int end = closing(code, i, '"');
        String name = code.substring(i + 1, end).replace("\"\"", "\"");
        out.add(new Token(Token.Kind.QUOTED, name, i));
        i = end + 1;
      } else if (Character.isLetter(c) || c == '_' || c == '$') {
        int start = i;
        while (i < n && (Character.isLetterOrDigit(code.charAt(i)) || code.charAt(i) == '_'
            || code.charAt(i) == '$')) {
          i++;
        }
        out.add(Token.word(code.substring(start, i), start));
      } else if (Character.isDigit(c) || (c == '.' && i + 1 < n
          && Character.isDigit(code.charAt(i + 1)))) {
        int start = i;
        while (i < n && (Character.isDigit(code.charAt(i)) || code.charAt(i) == '.'
            || code.charAt(i) == 'E' || code.charAt(i) == 'e')) {
          i++;
        }
        out.add(new Token(Token.Kind.NUMBER, code.substring(start, i), start));
      } else {
        String two = i + 1 < n ? code.substring(i, i + 2) : "";
        if (two.length() == 2 && TWO_CHAR_SYMBOLS.contains(two) && !two.contains(" ")) {
          out.add(new Token(Token.Kind.SYMBOL, two, i));
          i += 2;
        } else {
          out.add(new Token(Token.Kind.SYMBOL, String.valueOf(c), i));
          i++;
        }
      }
    }
    return out;
  }

  /** The index of the quote closing the one at {@code start}; doubled quotes are escapes. */
  private static int closing(String code, int start, char quote) throws TranslationException {
    int i = start + 1;
    while (i < code.length()) {
      if (code.charAt(i) == quote) {
        if (i + 1 < code.length() && code.charAt(i + 1) == quote) {
          i += 2;
          continue;
        }
        return i;
      }
      i++;
    }
    throw new TranslationException(
        "unterminated " + (quote == '"' ? "quoted identifier" : "string literal")
            + " at offset " + start);
  }
}
