package io.rivulet.firehose.redshift;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The columns a load fills, in order, as the server describes them: DataTableColumns when given,
 * else every column of DataTableName. Asking the server ({@code SELECT cols FROM table WHERE
 * false}) both resolves the names as SQL does (unquoted names fold to lower case) and fails as the
 * COPY would for a missing table or column. Immutable.
 */
record TableShape(List<Column> columns) {

  private static final Set<String> CHAR_TYPES =
      Set.of("varchar", "text", "bpchar", "char", "name", "citext");

  /** One target column: its name, java.sql.Types code, server type name and declared length. */
  record Column(String name, int jdbcType, String typeName, int length) {

    /** CHAR/VARCHAR/text: empty fields stay empty strings (unless EMPTYASNULL). */
    boolean charLike() {
      return CHAR_TYPES.contains(typeName.toLowerCase(Locale.ROOT));
    }

    boolean timestamp() {
      return jdbcType == Types.TIMESTAMP || jdbcType == Types.TIMESTAMP_WITH_TIMEZONE
          || typeName.toLowerCase(Locale.ROOT).startsWith("timestamp");
    }

    /** The name as a quoted SQL identifier. */
    String quoted() {
      return "\"" + name.replace("\"", "\"\"") + "\"";
    }
  }

  TableShape {
    columns = List.copyOf(columns);
  }

  static TableShape describe(Connection c, String table, String columnList) throws SQLException {
    String select = columnList.isBlank() ? "*" : columnList;
    try (Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT " + select + " FROM " + table + " WHERE false")) {
      ResultSetMetaData md = rs.getMetaData();
      List<Column> out = new ArrayList<>(md.getColumnCount());
      for (int i = 1; i <= md.getColumnCount(); i++) {
        out.add(new Column(md.getColumnName(i), md.getColumnType(i), md.getColumnTypeName(i),
            md.getPrecision(i)));
      }
      return new TableShape(out);
    }
  }

  int size() {
    return columns.size();
  }

  Column get(int i) {
    return columns.get(i);
  }

  /** The column list of a COPY command, quoted. */
  String quotedList() {
    StringBuilder sb = new StringBuilder();
    for (Column c : columns) {
      sb.append(sb.length() == 0 ? "" : ", ").append(c.quoted());
    }
    return sb.toString();
  }
}
