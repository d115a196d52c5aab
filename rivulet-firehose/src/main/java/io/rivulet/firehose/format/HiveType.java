package io.rivulet.firehose.format;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * A column type as the Glue Data Catalog (Hive) writes it — {@code string}, {@code int},
 * {@code decimal(10,2)}, {@code array<struct<a:int>>}, ... — parsed into a tree. Immutable.
 *
 * <p>Names of struct fields are lower-cased, as Hive does: the catalog is case-insensitive and
 * the columnar files carry lower-case names.
 */
public sealed interface HiveType {

  /** The scalar kinds without parameters. */
  enum Kind {
    STRING, TINYINT, SMALLINT, INT, BIGINT, FLOAT, DOUBLE, BOOLEAN, DATE, TIMESTAMP, BINARY
  }

  /** A scalar without parameters. */
  record Primitive(Kind kind) implements HiveType {
    @Override
    public String toString() {
      return kind.name().toLowerCase(Locale.ROOT);
    }
  }

  /** {@code decimal(precision,scale)}; Hive's default is {@code decimal(10,0)}. */
  record Decimal(int precision, int scale) implements HiveType {
    @Override
    public String toString() {
      return "decimal(" + precision + "," + scale + ")";
    }
  }

  /** {@code char(n)} or {@code varchar(n)}: a string of at most {@code length} characters. */
  record Text(boolean fixed, int length) implements HiveType {
    @Override
    public String toString() {
      return (fixed ? "char(" : "varchar(") + length + ")";
    }
  }

  record ListOf(HiveType element) implements HiveType {
    @Override
    public String toString() {
      return "array<" + element + ">";
    }
  }

  record MapOf(HiveType key, HiveType value) implements HiveType {
    @Override
    public String toString() {
      return "map<" + key + "," + value + ">";
    }
  }

  /** One field of a struct (or one column of a table). */
  record Field(String name, HiveType type) {}

  record Struct(List<Field> fields) implements HiveType {
    public Struct {
      fields = List.copyOf(fields);
    }

    @Override
    public String toString() {
      StringBuilder s = new StringBuilder("struct<");
      for (int i = 0; i < fields.size(); i++) {
        s.append(i == 0 ? "" : ",").append(fields.get(i).name()).append(':')
            .append(fields.get(i).type());
      }
      return s.append('>').toString();
    }
  }

  /**
   * Parses a Glue/Hive type string.
   *
   * @throws IllegalArgumentException naming what is wrong, for a type Firehose cannot convert to
   *     (an unknown name, {@code uniontype}, a malformed parameter list)
   */
  static HiveType parse(String type) {
    Parser p = new Parser(type);
    HiveType t = p.type();
    p.skipSpaces();
    if (p.pos != type.length()) {
      throw p.error("unexpected '" + type.charAt(p.pos) + "'");
    }
    return t;
  }

  /** A recursive-descent parser over one type string. */
  final class Parser {
    private final String text;
    private int pos;

    private Parser(String text) {
      this.text = text;
    }

    private HiveType type() {
      String name = word().toLowerCase(Locale.ROOT);
      switch (name) {
        case "array": {
          expect('<');
          HiveType element = type();
          expect('>');
          return new ListOf(element);
        }
        case "map": {
          expect('<');
          HiveType key = type();
          expect(',');
          HiveType value = type();
          expect('>');
          return new MapOf(key, value);
        }
        case "struct":
          return struct();
        case "decimal":
        case "numeric":
          return decimal();
        case "char":
        case "varchar": {
          expect('(');
          int length = number();
          expect(')');
          return new Text(name.equals("char"), length);
        }
        case "integer":
          return new Primitive(Kind.INT);
        default:
          return primitive(name);
      }
    }

    private HiveType primitive(String name) {
      for (Kind k : Kind.values()) {
        if (k.name().toLowerCase(Locale.ROOT).equals(name)) {
          return new Primitive(k);
        }
      }
      throw error("unsupported type '" + name + "'");
    }

    private HiveType decimal() {
      skipSpaces();
      if (pos >= text.length() || text.charAt(pos) != '(') {
        return new Decimal(10, 0);
      }
      expect('(');
      int precision = number();
      int scale = 0;
      skipSpaces();
      if (pos < text.length() && text.charAt(pos) == ',') {
        pos++;
        scale = number();
      }
      expect(')');
      if (precision < 1 || precision > 38 || scale > precision) {
        throw error("decimal(" + precision + "," + scale + ") needs 1 <= precision <= 38 and"
            + " scale <= precision");
      }
      return new Decimal(precision, scale);
    }

    private HiveType struct() {
      expect('<');
      List<Field> fields = new ArrayList<>();
      Set<String> names = new HashSet<>();
      skipSpaces();
      if (pos < text.length() && text.charAt(pos) == '>') {
        throw error("a struct needs at least one field");
      }
      while (true) {
        String name = fieldName().toLowerCase(Locale.ROOT);
        if (!names.add(name)) {
          throw error("duplicate struct field '" + name + "'");
        }
        expect(':');
        fields.add(new Field(name, type()));
        skipSpaces();
        if (pos < text.length() && text.charAt(pos) == ',') {
          pos++;
          continue;
        }
        expect('>');
        return new Struct(fields);
      }
    }

    private String fieldName() {
      skipSpaces();
      if (pos < text.length() && text.charAt(pos) == '`') {
        int end = text.indexOf('`', pos + 1);
        if (end < 0) {
          throw error("unclosed '`'");
        }
        String name = text.substring(pos + 1, end);
        pos = end + 1;
        return name;
      }
      int start = pos;
      while (pos < text.length() && ":,<>".indexOf(text.charAt(pos)) < 0
          && !Character.isWhitespace(text.charAt(pos))) {
        pos++;
      }
      if (start == pos) {
        throw error("expected a field name");
      }
      return text.substring(start, pos);
    }

    private String word() {
      skipSpaces();
      int start = pos;
      while (pos < text.length() && Character.isLetterOrDigit(text.charAt(pos))) {
        pos++;
      }
      if (start == pos) {
        throw error("expected a type name");
      }
      return text.substring(start, pos);
    }

    private int number() {
      skipSpaces();
      int start = pos;
      while (pos < text.length() && Character.isDigit(text.charAt(pos))) {
        pos++;
      }
      if (start == pos || pos - start > 9) {
        throw error("expected a number");
      }
      return Integer.parseInt(text.substring(start, pos));
    }

    private void expect(char c) {
      skipSpaces();
      if (pos >= text.length() || text.charAt(pos) != c) {
        throw error("expected '" + c + "'");
      }
      pos++;
    }

    private void skipSpaces() {
      while (pos < text.length() && Character.isWhitespace(text.charAt(pos))) {
        pos++;
      }
    }

    private IllegalArgumentException error(String what) {
      return new IllegalArgumentException(
          "Cannot parse type '" + text + "' at position " + pos + ": " + what + ".");
    }
  }
}
