package io.rivulet.firehose.redshift;

import io.rivulet.firehose.pipeline.DeliveryException;
import java.sql.SQLException;
import org.postgresql.util.PSQLException;
import org.postgresql.util.ServerErrorMessage;

/**
 * Maps a server's SQLSTATE (Redshift and PostgreSQL share the codes) to Firehose's Redshift error
 * code, keeping the server's own message as the detail. Stateless.
 */
final class SqlErrors {
  private SqlErrors() {}

  /**
   * The Firehose failure for {@code e}; {@code loadedColumns} (or null) tells a NOT NULL column
   * left out of the column list (Redshift.MissingColumn) from a NULL in the data.
   */
  static DeliveryException classify(SQLException e, TableShape loadedColumns) {
    String state = e.getSQLState() == null ? "" : e.getSQLState();
    return error(state, e, loadedColumns).failure("The server said: " + oneLine(e) + " (SQLSTATE "
        + (state.isEmpty() ? "none" : state) + ")", e);
  }

  private static RedshiftError error(String state, SQLException e, TableShape loaded) {
    switch (state) {
      case "28P01", "28000":
        return RedshiftError.AUTHENTICATION_FAILED;
      case "3D000":
        return RedshiftError.DATABASE_NOT_FOUND;
      case "42P01", "3F000":
        return RedshiftError.TABLE_NOT_FOUND;
      case "42703":
        return RedshiftError.COLUMN_NOT_FOUND;
      case "42601":
        return RedshiftError.SYNTAX_ERROR;
      case "42501":
        return RedshiftError.INSUFFICIENT_PRIVILEGE;
      case "25006":
        return RedshiftError.READ_ONLY_CLUSTER;
      case "53100":
        return RedshiftError.DISK_FULL;
      case "53300", "57P01", "57P02", "57P03":
        return RedshiftError.CONNECTION_FAILED;
      case "23502":
        return notLoaded(column(e), loaded) ? RedshiftError.MISSING_COLUMN
            : RedshiftError.DATA_LOAD_FAILED;
      default:
        break;
    }
    if (state.startsWith("08")) {
      return RedshiftError.CONNECTION_FAILED;
    }
    if (state.startsWith("22") || state.startsWith("23")) {
      return RedshiftError.DATA_LOAD_FAILED;
    }
    return RedshiftError.INTERNAL_ERROR;
  }

  private static boolean notLoaded(String column, TableShape loaded) {
    if (column == null || loaded == null) {
      return false;
    }
    return loaded.columns().stream().noneMatch(c -> c.name().equals(column));
  }

  private static String column(SQLException e) {
    if (e instanceof PSQLException p) {
      ServerErrorMessage m = p.getServerErrorMessage();
      return m == null ? null : m.getColumn();
    }
    return null;
  }

  private static String oneLine(SQLException e) {
    String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    return m.replaceAll("\\s*\\R\\s*", " ").trim();
  }
}
