package io.rivulet.dynamodb.expr;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits an expression into tokens: names ({@code leaseKey}), {@code #name} and {@code :value}
 * placeholders, whole numbers (list indexes) and the operators {@code ( ) [ ] , . = <> < <= > >=
 * + -}. Whitespace separates tokens and is otherwise ignored. Stateless.
 */
final class Lexer {
  enum Kind { NAME, NAME_REF, VALUE_REF, NUMBER, SYMBOL, END }

  record Token(Kind kind, String text, int position) {
    boolean is(String symbol) {
      return kind == Kind.SYMBOL && text.equals(symbol);
    }

    boolean isKeyword(String keyword) {
      return kind == Kind.NAME && text.equalsIgnoreCase(keyword);
    }
  }

  private Lexer() {}

  /** The tokens, ending with an END token; a character no token starts with is an error. */
  static List<Token> tokens(String text, ExpressionParser.Errors errors) {
    List<Token> out = new ArrayList<>();
    int i = 0;
    int n = text.length();
    while (i < n) {
      char c = text.charAt(i);
      if (Character.isWhitespace(c)) {
        i++;
        continue;
      }
      int start = i;
      if (c == '#' || c == ':') {
        i++;
        while (i < n && isNameChar(text.charAt(i))) {
          i++;
        }
        if (i == start + 1) {
          throw errors.syntax(String.valueOf(c), text, start);
        }
        out.add(new Token(c == '#' ? Kind.NAME_REF : Kind.VALUE_REF, text.substring(start, i), start));
      } else if (Character.isDigit(c)) {
        while (i < n && Character.isDigit(text.charAt(i))) {
          i++;
        }
        out.add(new Token(Kind.NUMBER, text.substring(start, i), start));
      } else if (isNameChar(c)) {
        while (i < n && isNameChar(text.charAt(i))) {
          i++;
        }
        out.add(new Token(Kind.NAME, text.substring(start, i), start));
      } else if ((c == '<' || c == '>') && i + 1 < n && (text.charAt(i + 1) == '=' || (c == '<' && text.charAt(i + 1) == '>'))) {
        out.add(new Token(Kind.SYMBOL, text.substring(i, i + 2), start));
        i += 2;
      } else if ("()[],.=<>+-".indexOf(c) >= 0) {
        out.add(new Token(Kind.SYMBOL, String.valueOf(c), start));
        i++;
      } else {
        throw errors.syntax(String.valueOf(c), text, start);
      }
    }
    out.add(new Token(Kind.END, "<EOF>", n));
    return out;
  }

  private static boolean isNameChar(char c) {
    return Character.isLetterOrDigit(c) || c == '_';
  }
}
