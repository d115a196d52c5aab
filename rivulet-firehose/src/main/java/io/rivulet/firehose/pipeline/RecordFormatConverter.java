package io.rivulet.firehose.pipeline;

import java.util.List;

/**
 * Record format conversion (DataFormatConversionConfiguration): turns a batch of JSON records into
 * one columnar file (Parquet or ORC) from a schema. Thread-safe.
 */
public interface RecordFormatConverter {

  /** The converted file, and the records that could not be converted (format-conversion-failed). */
  record Converted(byte[] file, int recordCount, List<FailedRecord> failed) {
    public Converted {
      failed = List.copyOf(failed);
    }
  }

  Converted convert(List<FirehoseRecord> records) throws DeliveryException;

  /** The file extension Firehose gives converted objects (".parquet", ".orc"). */
  String fileExtension();
}
