package io.rivulet.dynamodb.expr;

import io.rivulet.dynamodb.AttributeValue;
import io.rivulet.dynamodb.DynamoDbError;
import io.rivulet.dynamodb.expr.Lexer.Kind;
import io.rivulet.dynamodb.expr.Lexer.Token;
import io.rivulet.protocol.AwsException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Parses DynamoDB expressions against {@code ExpressionAttributeNames} and {@code
 * ExpressionAttributeValues}. One instance parses one expression. Not thread-safe.
 *
 * <pre>
 * condition  := or
 * or         := and ("OR" and)*
 * and        := not ("AND" not)*
 * not        := "NOT" not | primary
 * primary    := "(" condition ")"
 *             | function "(" args ")"            attribute_exists, attribute_not_exists,
 *                                                attribute_type, begins_with, contains
 *             | operand comparator operand       = &lt;&gt; &lt; &lt;= &gt; &gt;=
 *             | operand "BETWEEN" operand "AND" operand
 *             | operand "IN" "(" operand ("," operand)* ")"
 * operand    := path | :value | "size" "(" path ")"
 * path       := (name | #name) ("." (name | #name) | "[" digits "]")*
 * update     := ("SET" set ("," set)* | "REMOVE" path ("," path)* | "ADD" path :value ("," ...)*
 *              | "DELETE" path :value ("," ...)*)+           each clause at most once
 * set        := path "=" value ; value := term (("+" | "-") term)?
 * term       := operand | "if_not_exists" "(" path "," value ")" | "list_append" "(" value "," value ")"
 * projection := path ("," path)*
 * </pre>
 *
 * Keywords and function names are case-insensitive; a function name may be followed by spaces
 * before its parenthesis ({@code attribute_exists (leaseKey)}).
 */
public final class ExpressionParser {
  /** Which parameter is parsed, for error messages. */
  private final String kind;
  private final Map<String, String> names;
  private final Map<String, AttributeValue> values;
  private final Errors errors;
  private List<Token> tokens;
  private String text;
  private int pos;

  public ExpressionParser(String kind, Map<String, String> names, Map<String, AttributeValue> values) {
    this.kind = kind;
    this.names = names == null ? Map.of() : names;
    this.values = values == null ? Map.of() : values;
    this.errors = new Errors(kind);
  }

  public Condition parseCondition(String expression) {
    start(expression);
    Condition c = or();
    expectEnd();
    return c;
  }

  public List<UpdateAction> parseUpdate(String expression) {
    start(expression);
    List<UpdateAction> actions = new ArrayList<>();
    Map<Clause, Boolean> seen = new EnumMap<>(Clause.class);
    while (peek().kind() != Kind.END) {
      Token t = next();
      Clause clause = t.kind() == Kind.NAME ? Clause.of(t.text()) : null;
      if (clause == null) {
        throw errors.syntax(t.text(), text, t.position());
      }
      if (seen.put(clause, Boolean.TRUE) != null) {
        throw errors.invalid("The \"" + clause + "\" section can only be used once in an update expression;");
      }
      do {
        actions.add(action(clause));
      } while (accept(","));
    }
    if (actions.isEmpty()) {
      throw errors.invalid("The expression can not be empty;");
    }
    for (int i = 0; i < actions.size(); i++) {
      for (int j = i + 1; j < actions.size(); j++) {
        if (actions.get(i).path().overlaps(actions.get(j).path())) {
          throw errors.invalid("Two document paths overlap with each other; must remove or rewrite one of these paths; path one: ["
              + actions.get(i).path() + "], path two: [" + actions.get(j).path() + "]");
        }
      }
    }
    return actions;
  }

  public List<Path> parseProjection(String expression) {
    start(expression);
    List<Path> paths = new ArrayList<>();
    do {
      paths.add(path());
    } while (accept(","));
    expectEnd();
    return paths;
  }

  private enum Clause {
    SET, REMOVE, ADD, DELETE;

    static Clause of(String word) {
      try {
        return valueOf(word.toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException e) {
        return null;
      }
    }
  }

  private UpdateAction action(Clause clause) {
    Path path = path();
    switch (clause) {
      case SET:
        expect("=");
        return new UpdateAction.Set(path, value());
      case REMOVE:
        return new UpdateAction.Remove(path);
      case ADD:
        return new UpdateAction.Add(path, valueRef());
      default:
        return new UpdateAction.Delete(path, valueRef());
    }
  }

  private Operand value() {
    Operand left = term();
    if (peek().is("+") || peek().is("-")) {
      boolean plus = next().is("+");
      return new Operand.Arithmetic(left, plus, term());
    }
    return left;
  }

  private Operand term() {
    Token t = peek();
    if (t.kind() == Kind.NAME && tokens.get(pos + 1).is("(")) {
      String fn = t.text().toLowerCase(Locale.ROOT);
      if (fn.equals("if_not_exists")) {
        next();
        expect("(");
        Path p = path();
        expect(",");
        Operand fallback = value();
        expect(")");
        return new Operand.IfNotExists(p, fallback);
      }
      if (fn.equals("list_append")) {
        next();
        expect("(");
        Operand a = value();
        expect(",");
        Operand b = value();
        expect(")");
        return new Operand.ListAppend(a, b);
      }
    }
    return operand();
  }

  private Condition or() {
    List<Condition> parts = new ArrayList<>();
    parts.add(and());
    while (acceptKeyword("OR")) {
      parts.add(and());
    }
    return parts.size() == 1 ? parts.get(0) : new Condition.Any(parts);
  }

  private Condition and() {
    List<Condition> parts = new ArrayList<>();
    parts.add(not());
    while (acceptKeyword("AND")) {
      parts.add(not());
    }
    return parts.size() == 1 ? parts.get(0) : new Condition.All(parts);
  }

  private Condition not() {
    if (acceptKeyword("NOT")) {
      return new Condition.Not(not());
    }
    return primary();
  }

  private Condition primary() {
    if (accept("(")) {
      Condition c = or();
      expect(")");
      return c;
    }
    Token t = peek();
    if (t.kind() == Kind.NAME && tokens.get(pos + 1).is("(")) {
      String fn = t.text().toLowerCase(Locale.ROOT);
      switch (fn) {
        case "attribute_exists":
        case "attribute_not_exists": {
          next();
          expect("(");
          Path p = path();
          expect(")");
          return new Condition.Exists(p, fn.equals("attribute_exists"));
        }
        case "attribute_type": {
          next();
          expect("(");
          Path p = path();
          expect(",");
          Operand type = operand();
          expect(")");
          return new Condition.AttributeType(p, type);
        }
        case "begins_with":
        case "contains": {
          next();
          expect("(");
          Operand a = operand();
          expect(",");
          Operand b = operand();
          expect(")");
          return fn.equals("contains") ? new Condition.Contains(a, b) : new Condition.BeginsWith(a, b);
        }
        case "size":
          break;
        default:
          throw errors.invalid("Invalid function name; function: " + t.text());
      }
    }
    Operand left = operand();
    Token op = next();
    if (op.isKeyword("BETWEEN")) {
      Operand low = operand();
      if (!acceptKeyword("AND")) {
        throw errors.syntax(peek().text(), text, peek().position());
      }
      return new Condition.Between(left, low, operand());
    }
    if (op.isKeyword("IN")) {
      expect("(");
      List<Operand> candidates = new ArrayList<>();
      do {
        candidates.add(operand());
      } while (accept(","));
      expect(")");
      return new Condition.In(left, candidates);
    }
    Condition.Comparator cmp = comparator(op);
    if (cmp == null) {
      throw errors.syntax(op.text(), text, op.position());
    }
    return new Condition.Compare(left, cmp, operand());
  }

  private static Condition.Comparator comparator(Token t) {
    if (t.kind() != Kind.SYMBOL) {
      return null;
    }
    return switch (t.text()) {
      case "=" -> Condition.Comparator.EQ;
      case "<>" -> Condition.Comparator.NE;
      case "<" -> Condition.Comparator.LT;
      case "<=" -> Condition.Comparator.LE;
      case ">" -> Condition.Comparator.GT;
      case ">=" -> Condition.Comparator.GE;
      default -> null;
    };
  }

  private Operand operand() {
    Token t = peek();
    if (t.kind() == Kind.VALUE_REF) {
      return new Operand.Literal(valueRef());
    }
    if (t.kind() == Kind.NAME && t.text().equalsIgnoreCase("size") && tokens.get(pos + 1).is("(")) {
      next();
      expect("(");
      Path p = path();
      expect(")");
      return new Operand.Size(p);
    }
    return new Operand.PathRef(path());
  }

  private AttributeValue valueRef() {
    Token t = next();
    if (t.kind() != Kind.VALUE_REF) {
      throw errors.syntax(t.text(), text, t.position());
    }
    AttributeValue v = values.get(t.text());
    if (v == null) {
      throw errors.invalid("An expression attribute value used in expression is not defined; attribute value: " + t.text());
    }
    return v;
  }

  private Path path() {
    List<Object> elements = new ArrayList<>();
    elements.add(name());
    while (true) {
      if (accept(".")) {
        elements.add(name());
      } else if (accept("[")) {
        Token n = next();
        if (n.kind() != Kind.NUMBER) {
          throw errors.syntax(n.text(), text, n.position());
        }
        try {
          elements.add(Integer.parseInt(n.text()));
        } catch (NumberFormatException e) { // more digits than an index can have (found by fuzzing)
          throw errors.invalid("List index is too large; index: " + n.text() + ";");
        }
        expect("]");
      } else {
        return new Path(elements);
      }
    }
  }

  private String name() {
    Token t = next();
    if (t.kind() == Kind.NAME_REF) {
      String resolved = names.get(t.text());
      if (resolved == null) {
        throw errors.invalid("An expression attribute name used in the document path is not defined; attribute name: " + t.text());
      }
      return resolved;
    }
    if (t.kind() != Kind.NAME) {
      throw errors.syntax(t.text(), text, t.position());
    }
    return t.text();
  }

  private void start(String expression) {
    if (expression == null || expression.isBlank()) {
      throw errors.invalid("The expression can not be empty;");
    }
    this.text = expression;
    this.tokens = Lexer.tokens(expression, errors);
    this.pos = 0;
  }

  private Token peek() {
    return tokens.get(pos);
  }

  private Token next() {
    Token t = tokens.get(pos);
    if (t.kind() != Kind.END) {
      pos++;
    }
    return t;
  }

  private boolean accept(String symbol) {
    if (peek().is(symbol)) {
      pos++;
      return true;
    }
    return false;
  }

  private boolean acceptKeyword(String keyword) {
    if (peek().isKeyword(keyword)) {
      pos++;
      return true;
    }
    return false;
  }

  private void expect(String symbol) {
    Token t = next();
    if (!t.is(symbol)) {
      throw errors.syntax(t.text(), text, t.position());
    }
  }

  private void expectEnd() {
    Token t = peek();
    if (t.kind() != Kind.END) {
      throw errors.syntax(t.text(), text, t.position());
    }
  }

  /** DynamoDB's wording for expression errors: {@code Invalid <Kind>: <detail>}. */
  static final class Errors {
    private final String kind;

    Errors(String kind) {
      this.kind = kind;
    }

    AwsException invalid(String detail) {
      return DynamoDbError.invalid("Invalid " + kind + ": " + detail);
    }

    AwsException syntax(String token, String text, int position) {
      int from = Math.max(0, position - 10);
      int to = Math.min(text.length(), position + Math.max(token.length(), 1) + 10);
      return invalid("Syntax error; token: \"" + token + "\", near: \"" + text.substring(from, to) + "\"");
    }
  }
}
