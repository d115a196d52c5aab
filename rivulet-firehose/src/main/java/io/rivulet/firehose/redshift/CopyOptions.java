package io.rivulet.firehose.redshift;

import io.rivulet.firehose.pipeline.DeliveryException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * A CopyCommand's CopyOptions (Redshift COPY syntax, e.g. {@code FORMAT AS JSON 'auto' GZIP}) as
 * the PostgreSQL loader honours them. Keywords are case-insensitive and {@code AS} is optional, as
 * in Redshift. An option Redshift knows but the loader cannot honour fails the load with
 * {@code Redshift.IncorrectCopyOptions}; a word Redshift does not know, with
 * {@code Redshift.SyntaxError}. Immutable.
 */
record CopyOptions(Format format, String delimiter, char quote, boolean gzip, int ignoreHeader,
    String nullAs, boolean emptyAsNull, boolean blanksAsNull, boolean fillRecord, boolean escape,
    boolean removeQuotes, boolean truncateColumns, boolean trimBlanks, boolean ignoreBlankLines,
    Character acceptInvChars, TimeFormat timeFormat) {

  /** The data format: Redshift's pipe-delimited text by default, CSV, or JSON by field names. */
  enum Format { TEXT, CSV, JSON_AUTO, JSON_AUTO_IGNORECASE }

  /** How timestamps are read: PostgreSQL's own input rules ('auto'), or epoch numbers. */
  enum TimeFormat { AUTO, EPOCH_SECS, EPOCH_MILLIS }

  /** What the loader honours, for error messages and the docs. */
  static final String SUPPORTED = "FORMAT [AS], JSON [AS] 'auto' | 'auto ignorecase', CSV [QUOTE"
      + " [AS] 'q'], DELIMITER [AS] 'd', GZIP, IGNOREHEADER [AS] n, NULL [AS] 's', EMPTYASNULL,"
      + " BLANKSASNULL, FILLRECORD, ESCAPE, REMOVEQUOTES, TRUNCATECOLUMNS, TRIMBLANKS,"
      + " IGNOREBLANKLINES, ACCEPTINVCHARS [[AS] 'c'], TIMEFORMAT [AS] 'auto' | 'epochsecs' |"
      + " 'epochmillisecs', DATEFORMAT [AS] 'auto', MAXERROR [AS] 0, COMPUPDATE, STATUPDATE,"
      + " REGION";

  /** Options Redshift has that the PostgreSQL loader does not honour. */
  private static final Set<String> UNSUPPORTED = Set.of("FIXEDWIDTH", "AVRO", "PARQUET", "ORC",
      "SHAPEFILE", "BZIP2", "LZOP", "ZSTD", "MANIFEST", "ENCRYPTED", "ENCODING", "ROUNDEC",
      "ACCEPTANYDATE", "EXPLICIT_IDS", "NOLOAD", "COMPROWS", "READRATIO", "MASTER_SYMMETRIC_KEY",
      "CREDENTIALS", "IAM_ROLE", "SSH", "SERIALIZETOJSON", "ESCAPEDELIMITER", "ACCESS_KEY_ID",
      "SECRET_ACCESS_KEY", "SESSION_TOKEN", "IGNOREALLERRORS", "EXTENDEDMANIFEST");

  /** The defaults: Redshift's delimited text, '|' between fields, '\N' for NULL. */
  static CopyOptions defaults() {
    return new Builder().build();
  }

  /** Parses {@code text} (null or blank: the defaults). */
  static CopyOptions parse(String text) throws DeliveryException {
    return new Parser(text == null ? "" : text).parse();
  }

  boolean json() {
    return format == Format.JSON_AUTO || format == Format.JSON_AUTO_IGNORECASE;
  }

  /** Collects options as they are parsed. Not thread-safe. */
  private static final class Builder {
    Format format = Format.TEXT;
    String delimiter;
    Character quote;
    boolean gzip;
    int ignoreHeader;
    String nullAs = "\\N";
    boolean emptyAsNull;
    boolean blanksAsNull;
    boolean fillRecord;
    boolean escape;
    boolean removeQuotes;
    boolean truncateColumns;
    boolean trimBlanks;
    boolean ignoreBlankLines;
    Character acceptInvChars;
    TimeFormat timeFormat = TimeFormat.AUTO;

    CopyOptions build() {
      String d = delimiter != null ? delimiter : format == Format.CSV ? "," : "|";
      return new CopyOptions(format, d, quote == null ? '"' : quote, gzip, ignoreHeader, nullAs,
          emptyAsNull, blanksAsNull, fillRecord, escape, removeQuotes, truncateColumns,
          trimBlanks, ignoreBlankLines, acceptInvChars, timeFormat);
    }
  }

  /** A recursive-descent reader over the option tokens. Not thread-safe. */
  private static final class Parser {
    private final List<Token> tokens;
    private final Builder b = new Builder();
    private final List<String> seen = new ArrayList<>();
    private int pos;

    Parser(String text) throws DeliveryException {
      this.tokens = Token.split(text);
    }

    CopyOptions parse() throws DeliveryException {
      while (pos < tokens.size()) {
        Token t = tokens.get(pos++);
        if (!t.word()) {
          throw syntax("unexpected " + t.text());
        }
        option(t.upper());
      }
      checkConflicts();
      return b.build();
    }

    private void option(String word) throws DeliveryException {
      if (!word.equals("FORMAT")) {
        seen.add(word);
      }
      switch (word) {
        case "FORMAT" -> skipAs();
        case "CSV" -> csv();
        case "JSON" -> json();
        case "QUOTE" -> b.quote = singleChar("QUOTE", string("QUOTE"));
        case "DELIMITER" -> b.delimiter = delimiter(string("DELIMITER"));
        case "GZIP" -> b.gzip = true;
        case "IGNOREHEADER" -> b.ignoreHeader = number("IGNOREHEADER");
        case "NULL" -> b.nullAs = unescape(string("NULL"));
        case "EMPTYASNULL" -> b.emptyAsNull = true;
        case "BLANKSASNULL" -> b.blanksAsNull = true;
        case "FILLRECORD" -> b.fillRecord = true;
        case "ESCAPE" -> b.escape = true;
        case "REMOVEQUOTES" -> b.removeQuotes = true;
        case "TRUNCATECOLUMNS" -> b.truncateColumns = true;
        case "TRIMBLANKS" -> b.trimBlanks = true;
        case "IGNOREBLANKLINES" -> b.ignoreBlankLines = true;
        case "ACCEPTINVCHARS" -> acceptInvChars();
        case "TIMEFORMAT" -> b.timeFormat = timeFormat(string("TIMEFORMAT"));
        case "DATEFORMAT" -> dateFormat(string("DATEFORMAT"));
        case "MAXERROR" -> maxError(number("MAXERROR"));
        case "COMPUPDATE", "STATUPDATE" -> optionalWord(Set.of("ON", "OFF", "TRUE", "FALSE",
            "PRESET"));
        case "REGION" -> string("REGION");
        default -> throw UNSUPPORTED.contains(word) ? unsupported(word) : syntax(
            "unknown COPY option " + word);
      }
    }

    private void csv() throws DeliveryException {
      setFormat(Format.CSV);
      if (peekWord("QUOTE")) {
        pos++;
        b.quote = singleChar("QUOTE", string("QUOTE"));
      }
    }

    private void json() throws DeliveryException {
      skipAs();
      String arg = pos < tokens.size() && tokens.get(pos).string() ? tokens.get(pos++).text()
          : "auto";
      String normalized = arg.trim().replaceAll("\\s+", " ").toLowerCase(Locale.ROOT);
      switch (normalized) {
        case "auto" -> setFormat(Format.JSON_AUTO);
        case "auto ignorecase" -> setFormat(Format.JSON_AUTO_IGNORECASE);
        default -> throw RedshiftError.INCORRECT_COPY_OPTIONS.failure("Rivulet's PostgreSQL"
            + " loader supports JSON 'auto' and JSON 'auto ignorecase', not JSON '" + arg
            + "' (JSONPaths files and 'noshred' are Redshift's alone).");
      }
    }

    private void setFormat(Format f) throws DeliveryException {
      if (b.format != Format.TEXT && b.format != f) {
        throw conflict("more than one data format (" + b.format + ", " + f + ")");
      }
      b.format = f;
    }

    private void acceptInvChars() throws DeliveryException {
      skipAs();
      b.acceptInvChars = '?';
      if (pos < tokens.size() && tokens.get(pos).string()) {
        b.acceptInvChars = singleChar("ACCEPTINVCHARS", tokens.get(pos++).text());
      }
    }

    private static TimeFormat timeFormat(String value) throws DeliveryException {
      return switch (value.toLowerCase(Locale.ROOT)) {
        case "auto" -> TimeFormat.AUTO;
        case "epochsecs" -> TimeFormat.EPOCH_SECS;
        case "epochmillisecs" -> TimeFormat.EPOCH_MILLIS;
        default -> throw RedshiftError.INCORRECT_COPY_OPTIONS.failure("Rivulet's PostgreSQL"
            + " loader supports TIMEFORMAT 'auto', 'epochsecs' and 'epochmillisecs', not '"
            + value + "'.");
      };
    }

    private static void dateFormat(String value) throws DeliveryException {
      if (!value.equalsIgnoreCase("auto")) {
        throw RedshiftError.INCORRECT_COPY_OPTIONS.failure("Rivulet's PostgreSQL loader"
            + " supports DATEFORMAT 'auto' only, not '" + value + "'.");
      }
    }

    private static void maxError(int n) throws DeliveryException {
      if (n != 0) {
        throw RedshiftError.INCORRECT_COPY_OPTIONS.failure("Rivulet's PostgreSQL loader loads a"
            + " batch whole or not at all: MAXERROR " + n + " is not supported (MAXERROR 0 is).");
      }
    }

    private void checkConflicts() throws DeliveryException {
      if (b.format == Format.CSV && (b.escape || b.removeQuotes)) {
        throw conflict("CSV cannot be used with ESCAPE or REMOVEQUOTES");
      }
      if (b.quote != null && b.format != Format.CSV) {
        throw conflict("QUOTE can be used only with CSV");
      }
      if (b.format != Format.TEXT && b.format != Format.CSV
          && (b.delimiter != null || b.escape || b.removeQuotes || b.ignoreHeader > 0)) {
        throw conflict("JSON cannot be used with DELIMITER, ESCAPE, REMOVEQUOTES or"
            + " IGNOREHEADER");
      }
      long distinct = seen.stream().distinct().count();
      if (distinct != seen.size()) {
        throw conflict("an option is given more than once");
      }
    }

    private void skipAs() {
      if (peekWord("AS")) {
        pos++;
      }
    }

    private boolean peekWord(String w) {
      return pos < tokens.size() && tokens.get(pos).word() && tokens.get(pos).upper().equals(w);
    }

    private void optionalWord(Set<String> allowed) {
      if (pos < tokens.size() && tokens.get(pos).word()
          && allowed.contains(tokens.get(pos).upper())) {
        pos++;
      }
    }

    private String string(String option) throws DeliveryException {
      skipAs();
      if (pos >= tokens.size() || !tokens.get(pos).string()) {
        throw syntax(option + " needs a quoted value");
      }
      return tokens.get(pos++).text();
    }

    private int number(String option) throws DeliveryException {
      skipAs();
      if (pos >= tokens.size() || !tokens.get(pos).number()) {
        throw syntax(option + " needs a number");
      }
      try {
        return Integer.parseInt(tokens.get(pos++).text());
      } catch (NumberFormatException e) {
        throw syntax(option + " needs a number");
      }
    }

    private static char singleChar(String option, String value) throws DeliveryException {
      String v = unescape(value);
      if (v.length() != 1) {
        throw RedshiftError.INCORRECT_COPY_OPTIONS.failure(option + " must be a single"
            + " character, not '" + value + "'.");
      }
      return v.charAt(0);
    }

    private static String delimiter(String value) throws DeliveryException {
      String v = unescape(value);
      if (v.isEmpty()) {
        throw RedshiftError.INCORRECT_COPY_OPTIONS.failure("DELIMITER must not be empty.");
      }
      return v;
    }

    private DeliveryException syntax(String detail) {
      return RedshiftError.SYNTAX_ERROR.failure("CopyOptions: " + detail + ".");
    }

    private static DeliveryException conflict(String detail) {
      return RedshiftError.INCORRECT_COPY_OPTIONS.failure("CopyOptions: " + detail + ".");
    }

    private static DeliveryException unsupported(String word) {
      return RedshiftError.INCORRECT_COPY_OPTIONS.failure("Rivulet's PostgreSQL loader does not"
          + " support the COPY option " + word + "; it supports " + SUPPORTED + ".");
    }
  }

  /**
   * Resolves the escapes Redshift reads in option strings: {@code \t}, {@code \n}, {@code \\} and
   * octal {@code \ddd}; any other backslash stays as it is.
   */
  static String unescape(String s) {
    StringBuilder out = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c != '\\' || i + 1 >= s.length()) {
        out.append(c);
        continue;
      }
      char n = s.charAt(i + 1);
      if (n == 't' || n == 'n' || n == '\\') {
        out.append(n == 't' ? '\t' : n == 'n' ? '\n' : '\\');
        i++;
      } else if (isOctal(s, i + 1)) {
        out.append((char) Integer.parseInt(s.substring(i + 1, i + 4), 8));
        i += 3;
      } else {
        out.append(c);
      }
    }
    return out.toString();
  }

  private static boolean isOctal(String s, int from) {
    if (from + 3 > s.length()) {
      return false;
    }
    for (int i = from; i < from + 3; i++) {
      if (s.charAt(i) < '0' || s.charAt(i) > '7') {
        return false;
      }
    }
    return true;
  }

  /** One token of the option text: a word, a number, or a quoted string (quotes removed). */
  private record Token(Kind kind, String text) {
    enum Kind { WORD, NUMBER, STRING }

    boolean word() {
      return kind == Kind.WORD;
    }

    boolean number() {
      return kind == Kind.NUMBER;
    }

    boolean string() {
      return kind == Kind.STRING;
    }

    String upper() {
      return text.toUpperCase(Locale.ROOT);
    }

    static List<Token> split(String text) throws DeliveryException {
      List<Token> out = new ArrayList<>();
      int i = 0;
      while (i < text.length()) {
        char c = text.charAt(i);
        if (Character.isWhitespace(c)) {
          i++;
        } else if (c == '\'') {
          i = quoted(text, i, out);
        } else if (Character.isLetter(c) || c == '_') {
          int end = i;
          while (end < text.length()
              && (Character.isLetterOrDigit(text.charAt(end)) || text.charAt(end) == '_')) {
            end++;
          }
          out.add(new Token(Kind.WORD, text.substring(i, end)));
          i = end;
        } else if (Character.isDigit(c)) {
          int end = i;
          while (end < text.length() && Character.isDigit(text.charAt(end))) {
            end++;
          }
          out.add(new Token(Kind.NUMBER, text.substring(i, end)));
          i = end;
        } else {
          throw RedshiftError.SYNTAX_ERROR.failure("CopyOptions: unexpected '" + c + "'.");
        }
      }
      return out;
    }

    /** Reads a '...' string from {@code start} ('' and \' stand for a quote); the next index. */
    private static int quoted(String text, int start, List<Token> out) throws DeliveryException {
      StringBuilder value = new StringBuilder();
      int i = start + 1;
      while (i < text.length()) {
        char c = text.charAt(i);
        if (c == '\'' && i + 1 < text.length() && text.charAt(i + 1) == '\'') {
          value.append('\'');
          i += 2;
        } else if (c == '\\' && i + 1 < text.length() && text.charAt(i + 1) == '\'') {
          value.append('\'');
          i += 2;
        } else if (c == '\'') {
          out.add(new Token(Kind.STRING, value.toString()));
          return i + 1;
        } else {
          value.append(c);
          i++;
        }
      }
      throw RedshiftError.SYNTAX_ERROR.failure("CopyOptions: unterminated quoted string.");
    }
  }
}
