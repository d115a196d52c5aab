package io.rivulet.analytics.flink.sql;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Translates the query of one pump ({@code SELECT STREAM ...}, possibly several joined by
 * {@code UNION ALL}) into a Flink SQL query whose first column is the rowtime of the row produced
 * (the hidden ROWTIME of the target stream) followed by the selected columns. Plain queries keep
 * the input's ROWTIME; {@code GROUP BY STEP/FLOOR(ROWTIME ...)} becomes a TUMBLE window table
 * function (the row's ROWTIME is the window's end); {@code OVER} windows (sliding) become Flink
 * OVER aggregations ordered by ROWTIME. One instance per pump; not thread-safe.
 */
final class SelectTranslator {
  /** SQL-1_0 functions with no Flink counterpart here: using one is an error naming it. */
  static final Set<String> UNSUPPORTED_FUNCTIONS = Set.of(
      "RANDOM_CUT_FOREST", "RANDOM_CUT_FOREST_WITH_EXPLANATION", "HOTSPOTS",
      "COUNT_DISTINCT_ITEMS_TUMBLING", "TOP_K_ITEMS_TUMBLING", "MONOTONIC", "TSDIFF",
      "CHAR_TO_TIMESTAMP", "TIMESTAMP_TO_CHAR", "CHAR_TO_DATE", "CHAR_TO_TIME",
      "REGEX_LOG_PARSE", "FAST_REGEX_LOG_PARSER", "FIXED_COLUMN_LOG_PARSE", "SYS_LOG_PARSE",
      "VARIABLE_COLUMN_LOG_PARSE", "W3C_LOG_PARSE", "EXP_AVG", "INSTR");
  private static final Set<String> JOIN_WORDS = Set.of("JOIN", "INNER", "LEFT", "RIGHT", "FULL",
      "CROSS", "ON", "NATURAL", "USING", "OUTER", "WHERE");
  private static final Set<String> AGGREGATES = Set.of("COUNT", "SUM", "AVG", "MIN", "MAX",
      "STDDEV_POP", "STDDEV_SAMP", "VAR_POP", "VAR_SAMP", "FIRST_VALUE", "LAST_VALUE");
  private static final List<String> CLAUSES =
      List.of("WHERE", "GROUP", "HAVING", "WINDOW", "WINDOWED", "ORDER", "LIMIT");

  /** The result: Flink SQL, how many columns follow the rowtime, and the streams read. */
  record Query(String sql, int columns, Set<String> streamsRead) {}

  private final Map<String, List<String>> streams;
  private final Map<String, List<String>> tables;
  private final String stepFunction;
  private final Set<String> streamsRead = new LinkedHashSet<>();

  /**
   * @param streams in-application streams: name to column names (without ROWTIME)
   * @param tables reference tables: name to column names
   * @param stepFunction the registered name of {@link StepFunction}
   */
  SelectTranslator(Map<String, List<String>> streams, Map<String, List<String>> tables,
      String stepFunction) {
    this.streams = streams;
    this.tables = tables;
    this.stepFunction = stepFunction;
  }

  Query translate(List<Token> query) throws TranslationException {
    checkFunctions(query);
    List<String> parts = new ArrayList<>();
    int columns = -1;
    int start = 0;
    List<Integer> cuts = new ArrayList<>();
    for (int i : Tokens.topLevel(query)) {
      if (query.get(i).is("UNION")) {
        if (i + 1 >= query.size() || !query.get(i + 1).is("ALL")) {
          throw TranslationException.unsupported("UNION without ALL");
        }
        cuts.add(i);
      }
    }
    cuts.add(query.size());
    for (int cut : cuts) {
      Part p = select(query.subList(start, cut));
      if (columns >= 0 && p.columns != columns) {
        throw new TranslationException(
            "the SELECTs of a UNION ALL select different numbers of columns");
      }
      columns = p.columns;
      parts.add(p.sql);
      start = cut + 2;
    }
    return new Query(String.join(" UNION ALL ", parts), columns, Set.copyOf(streamsRead));
  }

  private record Part(String sql, int columns) {}

  /**
   * A relation in FROM: its name, whether it is a stream, how it is referred to (alias or name),
   * where its name token is, whether an alias follows, and whether JOIN precedes it.
   */
  private record Relation(String name, boolean stream, String ref, int at, boolean aliased,
      boolean joined) {}

  /** The processing-time column a stream gets for lookup joins with reference tables. */
  static final String PROCTIME = "$proctime";

  private Part select(List<Token> t) throws TranslationException {
    if (t.isEmpty() || !t.get(0).is("SELECT")) {
      throw new TranslationException("a pump's query must be SELECT STREAM ..., found: "
          + (t.isEmpty() ? "nothing" : Tokens.near(t, 0)));
    }
    int i = 1;
    if (i < t.size() && t.get(i).is("STREAM")) {
      i++;
    }
    if (i < t.size() && t.get(i).is("DISTINCT")) {
      throw TranslationException.unsupported("SELECT DISTINCT");
    }
    int from = Tokens.find(t, "FROM", i);
    if (from < 0) {
      throw new TranslationException("SELECT without FROM: " + Tokens.near(t, 0));
    }
    Map<String, List<Token>> clauses = clauses(t, from);
    List<Token> fromTokens = clauses.get("FROM");
    List<Relation> relations = relations(fromTokens);
    Relation stream = relations.stream().filter(Relation::stream).findFirst().orElseThrow(
        () -> new TranslationException("a pump must read an in-application stream: "
            + SqlText.render(fromTokens)));
    List<Token> selectList = expandStars(t.subList(i, from), relations);
    int columns = Tokens.split(selectList, ",").size();
    for (List<Token> item : Tokens.split(selectList, ",")) {
      int n = item.size();
      if (n >= 2 && item.get(n - 1).is("ROWTIME") && item.get(n - 2).is("AS")) {
        throw TranslationException.unsupported(
            "ROWTIME as a column alias (overriding a row's timestamp): " + SqlText.render(item));
      }
    }
    List<Token> group = clauses.get("GROUP");
    boolean sliding = Tokens.contains(selectList, "OVER");
    if (group != null && sliding) {
      throw TranslationException.unsupported("GROUP BY and OVER (sliding windows) in one SELECT");
    }
    if (group != null) {
      return tumbling(selectList, clauses, relations, stream, columns);
    }
    if (!sliding) {
      for (int k = 0; k + 1 < selectList.size(); k++) {
        if (selectList.get(k).kind() == Token.Kind.WORD
            && AGGREGATES.contains(selectList.get(k).text()) && selectList.get(k + 1).isSymbol("(")) {
          throw TranslationException.unsupported("aggregate " + selectList.get(k).text()
              + " without GROUP BY STEP/FLOOR(ROWTIME ...) or OVER: over the whole stream it "
              + "never ends");
        }
      }
    }
    String rt = stream.ref + ".ROWTIME";
    List<Token> items = sliding ? sliding(selectList, clauses.get("WINDOW"), rt) : selectList;
    if (!sliding && clauses.containsKey("WINDOW")) {
      throw new TranslationException("a WINDOW clause that no OVER uses");
    }
    StringBuilder sql = new StringBuilder("SELECT ").append(rt).append(", ")
        .append(render(items, false)).append(" FROM ")
        .append(render(lookupJoins(fromTokens, relations), false));
    appendClause(sql, "WHERE", clauses.get("WHERE"), false);
    return new Part(sql.toString(), columns);
  }

  private Map<String, List<Token>> clauses(List<Token> t, int from) throws TranslationException {
    List<Integer> starts = new ArrayList<>();
    starts.add(from);
    for (String c : CLAUSES) {
      int at = Tokens.find(t, c, from);
      if (at >= 0) {
        starts.add(at);
      }
    }
    starts.sort(null);
    Map<String, List<Token>> out = new java.util.HashMap<>();
    for (int k = 0; k < starts.size(); k++) {
      int s = starts.get(k);
      int e = k + 1 < starts.size() ? starts.get(k + 1) : t.size();
      String name = t.get(s).text();
      int body = s + 1;
      if ((name.equals("GROUP") || name.equals("ORDER") || name.equals("WINDOWED"))
          && body < e && t.get(body).is("BY")) {
        body++;
      }
      out.put(name, t.subList(body, e));
    }
    if (out.containsKey("WINDOWED")) {
      throw TranslationException.unsupported("stagger windows (WINDOWED BY STAGGER ...): "
          + SqlText.render(out.get("WINDOWED")));
    }
    if (out.containsKey("ORDER")) {
      throw TranslationException.unsupported("ORDER BY in a streaming SELECT");
    }
    if (out.containsKey("LIMIT")) {
      throw TranslationException.unsupported("LIMIT in a streaming SELECT");
    }
    return out;
  }

  /** The relations a FROM clause names: one in-application stream and reference tables. */
  private List<Relation> relations(List<Token> from) throws TranslationException {
    if (Tokens.find(from, "OVER", 0) >= 0) {
      throw TranslationException.unsupported(
          "windowed JOIN of streams (JOIN ... OVER (RANGE ...)): " + SqlText.render(from));
    }
    for (String outer : List.of("RIGHT", "FULL", "CROSS", "NATURAL")) {
      if (Tokens.find(from, outer, 0) >= 0) {
        throw TranslationException.unsupported(outer + " JOIN: " + SqlText.render(from));
      }
    }
    List<Relation> out = new ArrayList<>();
    boolean expectName = true;
    boolean joined = false;
    for (int i = 0; i < from.size(); i++) {
      Token k = from.get(i);
      if (k.isSymbol("(")) {
        if (expectName) {
          throw TranslationException.unsupported("a subquery in FROM: " + Tokens.near(from, i));
        }
        i = Tokens.closing(from, i);
        continue;
      }
      if (k.is("JOIN") || k.isSymbol(",")) {
        expectName = true;
        joined = k.is("JOIN");
        continue;
      }
      if (expectName && k.isIdentifier() && !JOIN_WORDS.contains(k.text())) {
        expectName = false;
        String ref = k.flink();
        int a = i + 1;
        if (a < from.size() && from.get(a).is("AS")) {
          a++;
        }
        boolean aliased = a < from.size() && from.get(a).isIdentifier() && !JOIN_WORDS.contains(
            from.get(a).kind() == Token.Kind.WORD ? from.get(a).text() : "");
        if (aliased) {
          ref = from.get(a).flink();
        }
        boolean isStream = streams.containsKey(k.name());
        if (!isStream && !tables.containsKey(k.name())) {
          throw new TranslationException("unknown in-application stream or reference table "
              + k.name() + " (names are case-sensitive; unquoted names are upper-cased)");
        }
        if (!isStream && !joined) {
          throw TranslationException.unsupported("reference table " + k.name()
              + " not joined with JOIN ... ON (a comma join or a reference table first in FROM)");
        }
        out.add(new Relation(k.name(), isStream, ref, i, aliased, joined));
        if (isStream) {
          streamsRead.add(k.name());
        }
      }
    }
    if (out.stream().filter(Relation::stream).count() > 1) {
      throw TranslationException.unsupported("a JOIN of two in-application streams: "
          + SqlText.render(from));
    }
    return out;
  }

  /**
   * FROM with reference tables joined by lookup: the stream gets a processing-time column and
   * each reference table is read {@code FOR SYSTEM_TIME AS OF} it, so the stream's ROWTIME
   * survives the join and no join state is kept.
   */
  private static List<Token> lookupJoins(List<Token> from, List<Relation> relations) {
    if (relations.size() == 1) {
      return from;
    }
    Relation stream = relations.stream().filter(Relation::stream).findFirst().orElseThrow();
    List<Token> out = new ArrayList<>(from);
    for (int r = relations.size() - 1; r >= 0; r--) {
      Relation rel = relations.get(r);
      int at = rel.at;
      if (rel.stream) {
        String sub = "(SELECT *, PROCTIME() AS " + SqlText.quote(PROCTIME) + " FROM "
            + SqlText.quote(rel.name) + ")" + (rel.aliased ? "" : " AS " + rel.ref);
        out.set(at, new Token(Token.Kind.SYMBOL, sub, from.get(at).offset()));
      } else {
        out.add(at + 1, new Token(Token.Kind.SYMBOL, "FOR SYSTEM_TIME AS OF " + stream.ref + "."
            + SqlText.quote(PROCTIME), from.get(at).offset()));
      }
    }
    return out;
  }

  private List<Token> expandStars(List<Token> list, List<Relation> relations)
      throws TranslationException {
    List<Token> out = new ArrayList<>();
    for (List<Token> item : Tokens.split(list, ",")) {
      List<Relation> of = new ArrayList<>();
      if (item.size() == 1 && item.get(0).isSymbol("*")) {
        of.addAll(relations);
      } else if (item.size() == 3 && item.get(2).isSymbol("*") && item.get(1).isSymbol(".")) {
        for (Relation r : relations) {
          if (r.ref.equals(item.get(0).flink())) {
            of.add(r);
          }
        }
        if (of.isEmpty()) {
          throw new TranslationException("unknown relation in " + SqlText.render(item));
        }
      }
      if (!out.isEmpty()) {
        out.add(new Token(Token.Kind.SYMBOL, ",", item.isEmpty() ? 0 : item.get(0).offset()));
      }
      if (of.isEmpty()) {
        out.addAll(item);
        continue;
      }
      int offset = item.get(0).offset();
      boolean first = true;
      for (Relation r : of) {
        for (String c : r.stream ? streams.get(r.name) : tables.get(r.name)) {
          if (!first) {
            out.add(new Token(Token.Kind.SYMBOL, ",", offset));
          }
          first = false;
          out.add(new Token(Token.Kind.SYMBOL, r.ref + "." + SqlText.quote(c), offset));
        }
      }
    }
    return out;
  }

  private Part tumbling(List<Token> selectList, Map<String, List<Token>> clauses,
      List<Relation> relations, Relation stream, int columns) throws TranslationException {
    if (relations.size() != 1) {
      throw TranslationException.unsupported(
          "a tumbling window (GROUP BY STEP/FLOOR of ROWTIME) over a JOIN");
    }
    List<Token> window = null;
    List<String> keys = new ArrayList<>();
    for (List<Token> item : Tokens.split(clauses.get("GROUP"), ",")) {
      List<Token> size = rowtimeWindow(item);
      if (size == null) {
        keys.add(render(item, false));
      } else if (window != null) {
        throw TranslationException.unsupported("two ROWTIME windows in one GROUP BY");
      } else {
        window = size;
      }
    }
    if (window == null) {
      throw TranslationException.unsupported("GROUP BY without STEP(ROWTIME BY INTERVAL ...) or "
          + "FLOOR(ROWTIME TO ...): an aggregate over the whole stream never ends");
    }
    if (clauses.containsKey("WINDOW")) {
      throw new TranslationException("a WINDOW clause in a GROUP BY query");
    }
    keys.add("window_start");
    keys.add("window_end");
    keys.add("window_time");
    String alias = stream.ref;
    StringBuilder sql = new StringBuilder("SELECT window_time, ")
        .append(render(selectList, true))
        .append(" FROM TABLE(TUMBLE(TABLE ").append(SqlText.quote(stream.name))
        .append(", DESCRIPTOR(ROWTIME), ").append(SqlText.render(normalizeIntervals(window)))
        .append(")) AS ").append(alias);
    appendClause(sql, "WHERE", clauses.get("WHERE"), false);
    sql.append(" GROUP BY ").append(String.join(", ", keys));
    appendClause(sql, "HAVING", clauses.get("HAVING"), true);
    return new Part(sql.toString(), columns);
  }

  /** For STEP(ROWTIME BY INTERVAL ...) or FLOOR(ROWTIME TO unit): the interval; else null. */
  private static List<Token> rowtimeWindow(List<Token> e) {
    int n = e.size();
    if (n < 6 || !(e.get(0).is("STEP") || e.get(0).is("FLOOR")) || !e.get(1).isSymbol("(")
        || !e.get(n - 1).isSymbol(")")) {
      return null;
    }
    int k = 2;
    if (n > 5 && e.get(3).isSymbol(".") && e.get(4).is("ROWTIME")) {
      k = 5;
    } else if (e.get(2).is("ROWTIME")) {
      k = 3;
    } else {
      return null;
    }
    if (e.get(0).is("STEP") && e.get(k).is("BY") && e.get(k + 1).is("INTERVAL")) {
      return new ArrayList<>(e.subList(k + 1, n - 1));
    }
    if (e.get(0).is("FLOOR") && e.get(k).is("TO") && k + 2 == n - 1) {
      List<Token> one = new ArrayList<>();
      one.add(Token.word("INTERVAL", 0));
      one.add(new Token(Token.Kind.STRING, "'1'", 0));
      one.add(e.get(k + 1));
      return one;
    }
    return null;
  }

  private List<Token> sliding(List<Token> list, List<Token> windowClause, String rt)
      throws TranslationException {
    Map<String, List<Token>> named = new java.util.HashMap<>();
    if (windowClause != null) {
      for (List<Token> w : Tokens.split(windowClause, ",")) {
        if (w.size() < 4 || !w.get(0).isIdentifier() || !w.get(1).is("AS")
            || !w.get(2).isSymbol("(") || Tokens.closing(w, 2) != w.size() - 1) {
          throw new TranslationException("bad WINDOW definition: " + SqlText.render(w));
        }
        named.put(w.get(0).name(), w.subList(3, w.size() - 1));
      }
    }
    List<Token> out = new ArrayList<>();
    Set<String> specs = new LinkedHashSet<>();
    for (int i = 0; i < list.size(); i++) {
      Token k = list.get(i);
      out.add(k);
      if (!k.is("OVER") || i + 1 >= list.size()) {
        continue;
      }
      Token next = list.get(i + 1);
      List<Token> spec;
      if (next.isSymbol("(")) {
        int close = Tokens.closing(list, i + 1);
        spec = list.subList(i + 2, close);
        i = close;
      } else {
        spec = named.get(next.name());
        if (spec == null) {
          throw new TranslationException("OVER names an undefined window " + next.name());
        }
        i++;
      }
      String flink = windowSpec(spec, rt);
      specs.add(flink);
      out.add(new Token(Token.Kind.SYMBOL, "(" + flink + ")", next.offset()));
    }
    if (specs.size() > 1) {
      throw TranslationException.unsupported("different sliding windows in one SELECT (" 
          + String.join("; ", specs) + "): Flink computes one OVER window per query; "
          + "use one pump per window");
    }
    return out;
  }

  /** A SQL-1_0 window specification as a Flink OVER window ordered by ROWTIME. */
  static String windowSpec(List<Token> spec, String rt) throws TranslationException {
    if (Tokens.find(spec, "ORDER", 0) >= 0) {
      throw TranslationException.unsupported("ORDER BY in a sliding window specification");
    }
    if (Tokens.contains(spec, "FOLLOWING")) {
      throw TranslationException.unsupported("a window that ends after the current row (FOLLOWING)");
    }
    int frame = Math.max(Tokens.find(spec, "RANGE", 0), Tokens.find(spec, "ROWS", 0));
    List<Token> partition = frame < 0 ? spec : spec.subList(0, frame);
    StringBuilder out = new StringBuilder();
    if (!partition.isEmpty()) {
      if (!partition.get(0).is("PARTITION")) {
        throw TranslationException.unsupported("window specification " + SqlText.render(spec));
      }
      out.append(SqlText.render(partition)).append(' ');
    }
    out.append("ORDER BY ").append(rt).append(' ');
    if (frame < 0) {
      return out.append("RANGE BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW").toString();
    }
    String mode = spec.get(frame).text();
    List<Token> bound = normalizeIntervals(spec.subList(frame + 1, spec.size()));
    if (!bound.isEmpty() && bound.get(0).is("BETWEEN")) {
      return out.append(mode).append(' ').append(SqlText.render(bound)).toString();
    }
    String text = SqlText.render(bound);
    if (!text.equals("CURRENT ROW") && !text.endsWith("PRECEDING")) {
      throw TranslationException.unsupported("window frame " + mode + " " + text);
    }
    return out.append(mode).append(" BETWEEN ").append(text).append(" AND CURRENT ROW").toString();
  }

  private void appendClause(StringBuilder sql, String word, List<Token> body, boolean windowed)
      throws TranslationException {
    if (body != null) {
      sql.append(' ').append(word).append(' ').append(render(body, windowed));
    }
  }

  /**
   * Renders tokens as Flink SQL: STREAM after SELECT dropped, long intervals given a precision,
   * STEP on other values through {@link StepFunction}; in a tumbling query, STEP/FLOOR of ROWTIME
   * becomes window_start and ROWTIME the window's end.
   */
  private String render(List<Token> tokens, boolean windowed) throws TranslationException {
    List<Token> out = new ArrayList<>();
    for (int i = 0; i < tokens.size(); i++) {
      Token k = tokens.get(i);
      if (k.is("STREAM") && i > 0 && tokens.get(i - 1).is("SELECT")) {
        continue;
      }
      if ((k.is("STEP") || k.is("FLOOR")) && i + 1 < tokens.size()
          && tokens.get(i + 1).isSymbol("(")) {
        int close = Tokens.closing(tokens, i + 1);
        List<Token> call = tokens.subList(i, close + 1);
        if (windowed && rowtimeWindow(call) != null) {
          out.add(new Token(Token.Kind.SYMBOL, "window_start", k.offset()));
          i = close;
          continue;
        }
        if (k.is("STEP")) {
          out.add(new Token(Token.Kind.SYMBOL, step(call), k.offset()));
          i = close;
          continue;
        }
      }
      if (windowed && k.is("ROWTIME")) {
        if (!out.isEmpty() && out.get(out.size() - 1).isSymbol(".")) {
          out.remove(out.size() - 1);
          out.remove(out.size() - 1);
        }
        out.add(new Token(Token.Kind.SYMBOL, "window_end", k.offset()));
        continue;
      }
      out.add(k);
    }
    return SqlText.render(normalizeIntervals(out));
  }

  /** STEP(x BY INTERVAL 'n' unit) on a value that is not ROWTIME, or STEP(i BY n) on integers. */
  private String step(List<Token> call) throws TranslationException {
    List<Token> inner = call.subList(2, call.size() - 1);
    int by = Tokens.find(inner, "BY", 0);
    if (by < 0) {
      throw new TranslationException("STEP without BY: " + SqlText.render(call));
    }
    String value = render(inner.subList(0, by), false);
    List<Token> size = inner.subList(by + 1, inner.size());
    if (size.size() == 1 && size.get(0).kind() == Token.Kind.NUMBER) {
      return "((" + value + ") / " + size.get(0).text() + " * " + size.get(0).text() + ")";
    }
    if (size.size() == 3 && size.get(0).is("INTERVAL") && size.get(1).kind() == Token.Kind.STRING) {
      long n = Long.parseLong(size.get(1).text().replace("'", "").trim());
      long unit = switch (size.get(2).text()) {
        case "SECOND" -> 1000L;
        case "MINUTE" -> 60_000L;
        case "HOUR" -> 3_600_000L;
        case "DAY" -> 86_400_000L;
        default -> throw TranslationException.unsupported("STEP by " + SqlText.render(size));
      };
      return stepFunction + "(" + value + ", CAST(" + (n * unit) + " AS BIGINT))";
    }
    throw TranslationException.unsupported("STEP by " + SqlText.render(size));
  }

  /** INTERVAL 'n' unit with more than two digits gets a precision (Flink's default is 2). */
  static List<Token> normalizeIntervals(List<Token> t) {
    List<Token> out = new ArrayList<>(t);
    for (int i = 0; i + 2 < out.size(); i++) {
      if (out.get(i).is("INTERVAL") && out.get(i + 1).kind() == Token.Kind.STRING
          && Set.of("SECOND", "MINUTE", "HOUR", "DAY").contains(out.get(i + 2).text())
          && (i + 3 >= out.size() || !(out.get(i + 3).isSymbol("(") || out.get(i + 3).is("TO")))) {
        String digits = out.get(i + 1).text().replace("'", "").trim();
        if (digits.matches("\\d{3,10}")) {
          Token unit = out.get(i + 2);
          out.set(i + 2, new Token(Token.Kind.SYMBOL,
              unit.text() + "(" + digits.length() + ")", unit.offset()));
        }
      }
    }
    return out;
  }

  private static void checkFunctions(List<Token> t) throws TranslationException {
    for (int i = 0; i < t.size(); i++) {
      Token k = t.get(i);
      if (k.kind() == Token.Kind.WORD && UNSUPPORTED_FUNCTIONS.contains(k.text())) {
        throw TranslationException.unsupported("function " + k.text());
      }
      if (k.is("CURRENT_ROW_TIMESTAMP")) {
        throw TranslationException.unsupported("CURRENT_ROW_TIMESTAMP");
      }
    }
  }
}
