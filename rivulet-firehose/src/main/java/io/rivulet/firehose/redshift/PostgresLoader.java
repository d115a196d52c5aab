package io.rivulet.firehose.redshift;

import io.rivulet.firehose.pipeline.DeliveryBatch;
import io.rivulet.firehose.pipeline.DeliveryException;
import java.io.BufferedWriter;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;
import org.postgresql.copy.PGCopyOutputStream;

/**
 * Loads a staged batch into PostgreSQL, the self-hosted stand-in for Redshift: reads the manifest
 * and the files it names back from S3, turns them into rows as Redshift's COPY would read them under
 * the CopyOptions ({@link CopyOptions}, {@link RowSource}, {@link FieldRules}), and streams the
 * rows to {@code COPY table (columns) FROM STDIN} (PostgreSQL's text format) through the driver's
 * CopyManager.
 *
 * <p>Exactly once: in the same transaction as the COPY, a row of the marker table
 * {@value #MARKER_TABLE} claims the batch (delivery stream ARN, target table, buffer range and
 * the oldest record's arrival time; the last tells a re-created stream's range from its
 * predecessor's). A redelivered batch finds its claim committed and loads nothing; a load that
 * failed rolled its claim back with its rows. The table is created on first use in the first
 * schema of the user's search_path. Not thread-safe: one delivery thread uses it.
 */
final class PostgresLoader {
  static final String MARKER_TABLE = "firehose_loads";

  private static final String CREATE_MARKER_TABLE = "CREATE TABLE IF NOT EXISTS " + MARKER_TABLE
      + " (delivery_stream text NOT NULL, data_table text NOT NULL, first_offset bigint NOT NULL,"
      + " last_offset bigint NOT NULL, oldest_arrival_ms bigint NOT NULL,"
      + " loaded_at timestamptz NOT NULL DEFAULT now(), PRIMARY KEY (delivery_stream, data_table,"
      + " first_offset, last_offset, oldest_arrival_ms))";
  private static final String CLAIM = "INSERT INTO " + MARKER_TABLE
      + " (delivery_stream, data_table, first_offset, last_offset, oldest_arrival_ms)"
      + " VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING";
  private static final int BUFFER = 1 << 16;

  private final RedshiftConfig config;
  private final Staging staging;
  private boolean markerTableReady;

  PostgresLoader(RedshiftConfig config, Staging staging) {
    this.config = config;
    this.staging = staging;
  }

  /**
   * Loads the staged batch; false when the marker table says it was loaded before. A failure is a
   * Firehose Redshift error; the transaction is rolled back.
   */
  boolean load(Connection c, DeliveryBatch batch, Staging.Staged staged)
      throws DeliveryException {
    CopyOptions options = CopyOptions.parse(config.copyOptions());
    TableShape shape = null;
    try {
      ensureMarkerTable(c);
      c.setAutoCommit(false);
      shape = TableShape.describe(c, config.table(), config.columns());
      if (!claim(c, batch)) {
        c.rollback();
        return false;
      }
      List<Staging.Location> files = staging.readManifest(staged);
      copy(c, shape, options, files);
      c.commit();
      return true;
    } catch (SQLException e) {
      rollback(c);
      markerTableReady = false;  // dropped meanwhile, say: make sure of it next time
      throw SqlErrors.classify(e, shape);
    } catch (DeliveryException | RuntimeException e) {
      rollback(c);
      throw e;
    }
  }

  private void ensureMarkerTable(Connection c) throws SQLException {
    if (markerTableReady) {
      return;
    }
    c.setAutoCommit(true);
    try (Statement s = c.createStatement()) {
      s.execute(CREATE_MARKER_TABLE);
    } catch (SQLException e) {
      // two writers creating it at once: one loses the race on the catalog, the table is there
      if (!"23505".equals(e.getSQLState()) && !"42P07".equals(e.getSQLState())) {
        throw e;
      }
    }
    markerTableReady = true;
  }

  private boolean claim(Connection c, DeliveryBatch batch) throws SQLException {
    try (PreparedStatement p = c.prepareStatement(CLAIM)) {
      p.setString(1, batch.deliveryStreamArn());
      p.setString(2, config.table());
      p.setLong(3, batch.firstOffset());
      p.setLong(4, batch.lastOffset());
      p.setLong(5, batch.oldestArrivalMillis());
      return p.executeUpdate() == 1;
    }
  }

  private void copy(Connection c, TableShape shape, CopyOptions options,
      List<Staging.Location> files) throws SQLException, DeliveryException {
    String sql = "COPY " + config.table() + " (" + shape.quotedList() + ") FROM STDIN";
    CopyIn copy = c.unwrap(PGConnection.class).getCopyAPI().copyIn(sql);
    try {
      Writer out = new BufferedWriter(new OutputStreamWriter(
          new PGCopyOutputStream(copy, BUFFER), StandardCharsets.UTF_8), BUFFER);
      FieldRules rules = new FieldRules(options, shape);
      for (Staging.Location file : files) {
        copyFile(file, options, shape, rules, out);
      }
      try {
        out.close();
      } catch (IOException e) {
        throw sqlException(e);
      }
    } finally {
      if (copy.isActive()) {
        copy.cancelCopy();
      }
    }
  }

  private void copyFile(Staging.Location file, CopyOptions options, TableShape shape,
      FieldRules rules, Writer out) throws SQLException, DeliveryException {
    try (Reader in = open(file, options)) {
      RowSource rows = RowSource.of(in, options, shape);
      String[] row;
      while ((row = next(rows, file)) != null) {
        write(out, rules.apply(row));
      }
    } catch (IOException e) {
      // closing what was read; nothing is lost
    }
  }

  private Reader open(Staging.Location file, CopyOptions options) throws DeliveryException {
    InputStream raw = staging.open(file);
    try {
      InputStream data = options.gzip() ? new GZIPInputStream(raw, BUFFER) : raw;
      CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder();
      if (options.acceptInvChars() != null) {
        decoder.onMalformedInput(CodingErrorAction.REPLACE)
            .onUnmappableCharacter(CodingErrorAction.REPLACE)
            .replaceWith(String.valueOf(options.acceptInvChars()));
      } else {
        decoder.onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
      }
      return new InputStreamReader(data, decoder);
    } catch (IOException e) {
      closeQuietly(raw);
      throw readFailure(file, e);
    }
  }

  private static String[] next(RowSource rows, Staging.Location file) throws DeliveryException {
    try {
      return rows.next();
    } catch (IOException e) {
      throw readFailure(file, e);
    }
  }

  /** A staged file that cannot be read as COPY reads it (not GZIP, not UTF-8, cut short). */
  private static DeliveryException readFailure(Staging.Location file, IOException e) {
    String where = "s3://" + file.bucket() + "/" + file.key();
    if (e instanceof ZipException || e instanceof EOFException) {
      return RedshiftError.DATA_LOAD_FAILED.failure(where + " is not valid GZIP data (CopyOptions"
          + " say GZIP): " + e.getMessage(), e);
    }
    if (e instanceof CharacterCodingException) {
      return RedshiftError.DATA_LOAD_FAILED.failure(where + " holds invalid UTF-8 (ACCEPTINVCHARS"
          + " replaces it).", e);
    }
    return RedshiftError.INTERNAL_ERROR.failure("Reading " + where + " failed: " + e.getMessage(),
        e);
  }

  /** One row in PostgreSQL's COPY text format: tab-separated, \N for NULL, backslash escapes. */
  private static void write(Writer out, String[] row) throws SQLException {
    try {
      for (int i = 0; i < row.length; i++) {
        if (i > 0) {
          out.write('\t');
        }
        String v = row[i];
        if (v == null) {
          out.write("\\N");
          continue;
        }
        for (int j = 0; j < v.length(); j++) {
          char ch = v.charAt(j);
          switch (ch) {
            case '\\' -> out.write("\\\\");
            case '\t' -> out.write("\\t");
            case '\n' -> out.write("\\n");
            case '\r' -> out.write("\\r");
            default -> out.write(ch);
          }
        }
      }
      out.write('\n');
    } catch (IOException e) {
      throw sqlException(e);
    }
  }

  /** The server's error behind a failed write to the COPY stream. */
  private static SQLException sqlException(IOException e) {
    return e.getCause() instanceof SQLException s ? s
        : new SQLException("COPY stream failed: " + e.getMessage(), "08006", e);
  }

  private static void rollback(Connection c) {
    try {
      if (!c.isClosed() && !c.getAutoCommit()) {
        c.rollback();
      }
    } catch (SQLException ignored) {
      // the connection is closed after a failed attempt anyway
    }
  }

  private static void closeQuietly(InputStream in) {
    try {
      in.close();
    } catch (IOException ignored) {
      // best effort
    }
  }
}
