package io.rivulet.firehose.format;

import java.io.IOException;

/**
 * The output side of record format conversion: Firehose's {@code ParquetSerDe} or
 * {@code OrcSerDe}, writing rows (as {@link JsonValues} makes them) into one file in memory.
 * Implementations are immutable and thread-safe; each {@link Sink} belongs to one thread.
 */
interface ColumnarSerializer {

  /** The extension Firehose gives the objects: {@code .parquet} or {@code .orc}. */
  String fileExtension();

  /** A new file for rows of {@code schema}. */
  Sink open(TableSchema schema) throws IOException;

  /** One file being written. */
  interface Sink {
    void write(Object[] row) throws IOException;

    /** Ends the file and returns its bytes. */
    byte[] finish() throws IOException;
  }
}
