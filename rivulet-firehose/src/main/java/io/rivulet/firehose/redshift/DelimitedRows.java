package io.rivulet.firehose.redshift;

import io.rivulet.firehose.pipeline.DeliveryException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.PushbackReader;
import java.io.Reader;
import java.util.ArrayList;
import java.util.List;

/**
 * Redshift's delimited text (the default: fields split by DELIMITER, '|' unless set, one record a
 * line, no escapes unless ESCAPE, REMOVEQUOTES to strip surrounding double quotes) and CSV (fields
 * in QUOTE characters may hold delimiters, quotes doubled and newlines; blanks between a delimiter
 * and a quote are ignored; CRLF ends a line too). An unquoted field equal to NULL AS ('\N' unless
 * set) is NULL. IGNOREHEADER skips lines, IGNOREBLANKLINES skips empty ones, FILLRECORD pads
 * missing trailing fields with NULL; too few or too many fields otherwise fail the load. Not
 * thread-safe.
 */
final class DelimitedRows implements RowSource {
  private static final int EOF = -1;
  /** What {@link #quotedCsv} returns when a delimiter ends the field. */
  private static final int DELIMITER = -2;

  private final PushbackReader in;
  private final CopyOptions options;
  private final int columns;
  private final String delimiter;
  private long line;
  private boolean headerSkipped;

  DelimitedRows(Reader in, CopyOptions options, int columns) {
    this.in = new PushbackReader(new BufferedReader(in, 1 << 16),
        Math.max(2, options.delimiter().length()));
    this.options = options;
    this.columns = columns;
    this.delimiter = options.delimiter();
  }

  @Override
  public String[] next() throws IOException, DeliveryException {
    if (!headerSkipped) {
      headerSkipped = true;
      for (int i = 0; i < options.ignoreHeader(); i++) {
        if (!skipLine()) {
          return null;
        }
      }
    }
    while (true) {
      int first = in.read();
      if (first == EOF) {
        return null;
      }
      line++;
      if (options.ignoreBlankLines() && (first == '\n' || first == '\r' && peekNewline())) {
        continue;
      }
      in.unread(first);
      List<String> fields = options.format() == CopyOptions.Format.CSV ? csvRecord()
          : textRecord();
      return fit(fields);
    }
  }

  /** One line of delimited text, split into fields. */
  private List<String> textRecord() throws IOException, DeliveryException {
    List<String> fields = new ArrayList<>();
    StringBuilder value = new StringBuilder();
    StringBuilder raw = new StringBuilder();
    boolean quoted = false;
    boolean inQuotes = false;
    while (true) {
      int c = in.read();
      if (c == EOF || (c == '\n' && !inQuotes)) {
        fields.add(textField(value, raw, quoted));
        return fields;
      }
      if (inQuotes) {
        if (c == '"') {
          inQuotes = false;
        } else {
          value.append((char) c);
          raw.append((char) c);
        }
      } else if (options.escape() && c == '\\') {
        int n = in.read();
        raw.append('\\');
        if (n != EOF) {
          value.append((char) n);
          raw.append((char) n);
        }
      } else if (options.removeQuotes() && c == '"' && raw.isEmpty()) {
        inQuotes = true;
        quoted = true;
      } else if (atDelimiter(c)) {
        fields.add(textField(value, raw, quoted));
        value.setLength(0);
        raw.setLength(0);
        quoted = false;
      } else {
        value.append((char) c);
        raw.append((char) c);
      }
    }
  }

  private String textField(StringBuilder value, StringBuilder raw, boolean quoted) {
    return !quoted && raw.toString().equals(options.nullAs()) ? null : value.toString();
  }

  /** One CSV record (which may span lines inside quotes), split into fields. */
  private List<String> csvRecord() throws IOException, DeliveryException {
    List<String> fields = new ArrayList<>();
    char quote = options.quote();
    while (true) {
      StringBuilder blanks = new StringBuilder();
      int c = in.read();
      while (blank(c)) {
        blanks.append((char) c);
        c = in.read();
      }
      boolean quoted = c == quote;
      StringBuilder value = new StringBuilder();
      int end;
      if (quoted) {
        end = quotedCsv(value, quote);
      } else {
        value.append(blanks);
        while (c != EOF && c != '\n' && !atDelimiter(c)) {
          value.append((char) c);
          c = in.read();
        }
        end = c == EOF || c == '\n' ? c : DELIMITER;
        if (end != DELIMITER && !value.isEmpty() && value.charAt(value.length() - 1) == '\r') {
          value.setLength(value.length() - 1);
        }
      }
      String v = value.toString();
      fields.add(!quoted && v.equals(options.nullAs()) ? null : v);
      if (end != DELIMITER) {
        return fields;
      }
    }
  }

  /**
   * Reads a quoted CSV value after its opening quote; returns what ends the field: '\n', EOF, or
   * {@link #DELIMITER}.
   */
  private int quotedCsv(StringBuilder value, char quote) throws IOException, DeliveryException {
    long startLine = line;
    while (true) {
      int c = in.read();
      if (c == EOF) {
        throw RedshiftError.DATA_LOAD_FAILED.failure("Line " + startLine
            + ": unterminated quoted CSV field.");
      }
      if (c == '\n') {
        line++;
      }
      if (c != quote) {
        value.append((char) c);
        continue;
      }
      int n = in.read();
      if (n == quote) {
        value.append(quote);
        continue;
      }
      while (blank(n) || n == '\r') {
        n = in.read();
      }
      if (n == EOF || n == '\n') {
        return n;
      }
      if (atDelimiter(n)) {
        return DELIMITER;
      }
      throw RedshiftError.DATA_LOAD_FAILED.failure("Line " + line + ": unexpected '"
          + (char) n + "' after a quoted CSV field.");
    }
  }

  /** A blank that CSV ignores around quoted fields (unless it is the delimiter). */
  private boolean blank(int c) {
    return (c == ' ' || c == '\t') && c != delimiter.charAt(0);
  }

  /** Whether {@code c} (just read) starts the delimiter; if so the whole delimiter is consumed. */
  private boolean atDelimiter(int c) throws IOException {
    if (c != delimiter.charAt(0)) {
      return false;
    }
    int n = delimiter.length();
    if (n == 1) {
      return true;
    }
    char[] rest = new char[n - 1];
    int got = 0;
    while (got < rest.length) {
      int r = in.read();
      if (r == EOF) {
        break;
      }
      rest[got++] = (char) r;
    }
    if (got == rest.length && new String(rest).equals(delimiter.substring(1))) {
      return true;
    }
    in.unread(rest, 0, got);
    return false;
  }

  private boolean peekNewline() throws IOException {
    int n = in.read();
    if (n == '\n') {
      return true;
    }
    if (n != EOF) {
      in.unread(n);
    }
    return false;
  }

  private boolean skipLine() throws IOException {
    int c;
    while ((c = in.read()) != EOF) {
      if (c == '\n') {
        line++;
        return true;
      }
    }
    return false;
  }

  /** The fields as a row of the target's width (FILLRECORD pads), or a load failure. */
  private String[] fit(List<String> fields) throws DeliveryException {
    if (fields.size() > columns) {
      throw RedshiftError.DATA_LOAD_FAILED.failure("Line " + line + ": extra column(s) found ("
          + fields.size() + " fields for " + columns + " columns).");
    }
    if (fields.size() < columns && !options.fillRecord()) {
      throw RedshiftError.DATA_LOAD_FAILED.failure("Line " + line + ": delimiter not found ("
          + fields.size() + " fields for " + columns + " columns; FILLRECORD pads).");
    }
    String[] row = new String[columns];
    for (int i = 0; i < fields.size(); i++) {
      row[i] = fields.get(i);
    }
    return row;
  }
}
