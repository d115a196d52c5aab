package io.rivulet.firehose.redshift;

import io.rivulet.firehose.pipeline.DeliveryException;
import java.io.IOException;
import java.io.Reader;

/**
 * Rows read from one staged file as Redshift's COPY reads them: one value per target column, in
 * column order, {@code null} for SQL NULL. A malformed row is a {@code Redshift.DataLoadFailed}.
 * Not thread-safe.
 */
interface RowSource {

  /** The next row, or null at the end of the file. */
  String[] next() throws IOException, DeliveryException;

  /** The reader for {@code options}' format over a decoded file. */
  static RowSource of(Reader in, CopyOptions options, TableShape shape) {
    return options.json() ? new JsonAutoRows(in, shape,
        options.format() == CopyOptions.Format.JSON_AUTO_IGNORECASE)
        : new DelimitedRows(in, options, shape.size());
  }
}
