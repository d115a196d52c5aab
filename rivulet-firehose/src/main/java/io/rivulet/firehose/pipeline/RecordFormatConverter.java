package io.rivulet.firehose.pipeline;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

/**
 * Record format conversion (DataFormatConversionConfiguration): turns a batch of JSON records into
 * one columnar file (Parquet or ORC) from a schema. Thread-safe.
 */
public interface RecordFormatConverter {

  /**
   * The converted file, and the records that could not be converted (format-conversion-failed).
   * {@code recordCount} counts the input records in the file (one record may hold several JSON
   * objects, each a row); when it is 0 the file is empty (no bytes) and no object should be
   * written.
   */
  record Converted(byte[] file, int recordCount, List<FailedRecord> failed) {
    public Converted {
      failed = List.copyOf(failed);
    }
  }

  Converted convert(List<FirehoseRecord> records) throws DeliveryException;

  /** The file extension Firehose gives converted objects (".parquet", ".orc"). */
  String fileExtension();

  /**
   * One line (without its line break) of the format-conversion-failed error output for a record
   * this converter returned as failed, in Firehose's JSON; implementations add the
   * {@code dataCatalogTable} they read.
   */
  default byte[] errorOutputLine(FailedRecord failed, long attemptEndingMillis) {
    return errorOutputFields(failed, attemptEndingMillis).toString()
        .getBytes(StandardCharsets.UTF_8);
  }

  /**
   * The members every format-conversion-failed line has, in Firehose's order: attemptsMade,
   * arrivalTimestamp, lastErrorCode, lastErrorMessage, attemptEndingTimestamp, rawData (base64),
   * sequenceNumber and subSequenceNumber (a Kinesis source's, else null).
   */
  static ObjectNode errorOutputFields(FailedRecord failed, long attemptEndingMillis) {
    ObjectNode line = JsonNodeFactory.instance.objectNode();
    line.put("attemptsMade", failed.attemptsMade());
    line.put("arrivalTimestamp", failed.record().arrivalMillis());
    line.put("lastErrorCode", failed.errorCode());
    line.put("lastErrorMessage", failed.errorMessage());
    line.put("attemptEndingTimestamp", attemptEndingMillis);
    line.put("rawData", Base64.getEncoder().encodeToString(failed.record().data()));
    KinesisRecordMetadata kinesis = failed.record().kinesisRecordMetadata();
    if (kinesis == null) {
      line.putNull("sequenceNumber");
      line.putNull("subSequenceNumber");
    } else {
      line.put("sequenceNumber", kinesis.sequenceNumber());
      line.put("subSequenceNumber", kinesis.subsequenceNumber());
    }
    return line;
  }
}
