package io.rivulet.firehose.processing;

import io.rivulet.firehose.pipeline.FirehoseRecord;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * AppendDelimiterToRecord: appends the delimiter (parameter {@code Delimiter}, default a newline)
 * to every record. The parameter is text in which {@code \n}, {@code \r}, {@code \t},
 * {@code \\} and {@code \}{@code uXXXX} stand for the characters they name, as the Firehose
 * console writes them; any other character stands for itself. Thread-safe (immutable).
 */
final class AppendDelimiter extends PerRecordProcessor {
  private final byte[] delimiter;

  AppendDelimiter(String parameter) {
    super(null); // appending never fails
    this.delimiter = unescape(parameter == null ? "\\n" : parameter);
  }

  @Override
  void apply(FirehoseRecord r, List<FirehoseRecord> out) {
    byte[] data = new byte[r.data().length + delimiter.length];
    System.arraycopy(r.data(), 0, data, 0, r.data().length);
    System.arraycopy(delimiter, 0, data, r.data().length, delimiter.length);
    out.add(r.withData(data));
  }

  /** The UTF-8 bytes of the delimiter text with its escapes resolved. */
  static byte[] unescape(String text) {
    StringBuilder sb = new StringBuilder(text.length());
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c != '\\' || i + 1 == text.length()) {
        sb.append(c);
        continue;
      }
      char next = text.charAt(++i);
      switch (next) {
        case 'n' -> sb.append('\n');
        case 'r' -> sb.append('\r');
        case 't' -> sb.append('\t');
        case '\\' -> sb.append('\\');
        case 'u' -> {
          if (i + 4 < text.length() && text.substring(i + 1, i + 5).matches("[0-9a-fA-F]{4}")) {
            sb.append((char) Integer.parseInt(text.substring(i + 1, i + 5), 16));
            i += 4;
          } else {
            sb.append("\\u");
          }
        }
        default -> sb.append('\\').append(next);
      }
    }
    return sb.toString().getBytes(StandardCharsets.UTF_8);
  }
}
