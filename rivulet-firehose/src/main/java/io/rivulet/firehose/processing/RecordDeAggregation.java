package io.rivulet.firehose.processing;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import io.rivulet.firehose.pipeline.FirehoseRecord;
import io.rivulet.firehose.pipeline.KinesisRecordMetadata;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * RecordDeAggregation: splits each record into the records aggregated in it. A KPL aggregated
 * record (see {@link KplAggregation}) is first split into its user records; then each piece is
 * split by {@code SubRecordType}: {@code JSON} (consecutive JSON objects, optionally separated by
 * whitespace or newlines, as in {@code {"a":1}{"a":2}} or JSON Lines; an array is not accepted)
 * or {@code DELIMITED} (by the base64-decoded {@code Delimiter}; an empty piece after a final
 * delimiter is not a record). At most 500 records come out of one record, as in Firehose.
 *
 * <p>A record that yields exactly one record keeps its record id; otherwise the i-th yielded
 * record (from 0) gets the id {@code <recordId>.<i>}, stable across redeliveries. A record that
 * cannot be split fails with {@link ProcessingErrors#DEAGGREGATION_FAILED}. Thread-safe
 * (immutable).
 */
final class RecordDeAggregation extends PerRecordProcessor {
  static final int MAX_SUB_RECORDS = 500;
  private static final JsonFactory JSON = new JsonFactory();

  private final boolean json;
  private final byte[] delimiter;

  /** {@code delimiter} is used for DELIMITED only. */
  RecordDeAggregation(String subRecordType, byte[] delimiter) {
    super(ProcessingErrors.DEAGGREGATION_FAILED);
    this.json = "JSON".equals(subRecordType);
    this.delimiter = delimiter;
  }

  @Override
  void apply(FirehoseRecord r, List<FirehoseRecord> out) throws RecordFailure {
    List<FirehoseRecord> pieces = split(r);
    if (pieces.size() == 1) {
      out.add(pieces.get(0));
      return;
    }
    for (int i = 0; i < pieces.size(); i++) {
      FirehoseRecord p = pieces.get(i);
      out.add(new FirehoseRecord(r.recordId() + "." + i, p.arrivalMillis(), p.data(),
          p.partitionKeys(), p.kinesisRecordMetadata()));
    }
  }

  /**
   * The records aggregated in {@code r}, still with its id. A KPL user record's Kinesis metadata
   * (when {@code r} has some) names its own partition key and its index as subsequence number.
   */
  List<FirehoseRecord> split(FirehoseRecord r) throws RecordFailure {
    List<FirehoseRecord> outer = new ArrayList<>();
    List<KplAggregation.UserRecord> users = KplAggregation.deaggregate(r.data());
    if (users == null) {
      outer.add(r);
    } else {
      KinesisRecordMetadata m = r.kinesisRecordMetadata();
      for (int i = 0; i < users.size(); i++) {
        KplAggregation.UserRecord u = users.get(i);
        outer.add(r.withData(u.data()).withKinesisRecordMetadata(m == null ? null
            : new KinesisRecordMetadata(m.shardId(), u.partitionKey(), m.sequenceNumber(), i,
                m.approximateArrivalTimestamp())));
      }
    }
    List<FirehoseRecord> out = new ArrayList<>();
    for (FirehoseRecord piece : outer) {
      for (byte[] data : json ? splitJson(piece.data()) : splitDelimited(piece.data())) {
        out.add(piece.withData(data));
      }
      if (out.size() > MAX_SUB_RECORDS) {
        throw new RecordFailure("The record holds more than " + MAX_SUB_RECORDS
            + " sub-records, the most Firehose de-aggregates from one record.");
      }
    }
    return out;
  }

  private static List<byte[]> splitJson(byte[] data) throws RecordFailure {
    List<byte[]> out = new ArrayList<>();
    try (JsonParser p = JSON.createParser(data)) {
      for (JsonToken t = p.nextToken(); t != null; t = p.nextToken()) {
        if (t != JsonToken.START_OBJECT) {
          throw new RecordFailure("Expected consecutive JSON objects but found "
              + (t == JsonToken.START_ARRAY ? "an array" : "a JSON " + t.name().toLowerCase(
                  Locale.ROOT)) + " at byte " + p.currentTokenLocation().getByteOffset() + ".");
        }
        int start = (int) p.currentTokenLocation().getByteOffset();
        p.skipChildren();
        int end = (int) p.currentLocation().getByteOffset();
        out.add(Arrays.copyOfRange(data, start, end));
        if (out.size() > MAX_SUB_RECORDS) {
          break;
        }
      }
    } catch (IOException e) {
      throw new RecordFailure("The record is not a sequence of JSON objects: "
          + (e instanceof JsonProcessingException j ? j.getOriginalMessage() : e.getMessage()));
    }
    if (out.isEmpty()) {
      throw new RecordFailure("The record holds no JSON object.");
    }
    return out;
  }

  private List<byte[]> splitDelimited(byte[] data) {
    List<byte[]> out = new ArrayList<>();
    int start = 0;
    for (int i = 0; i + delimiter.length <= data.length; ) {
      if (Arrays.equals(data, i, i + delimiter.length, delimiter, 0, delimiter.length)) {
        out.add(Arrays.copyOfRange(data, start, i));
        i += delimiter.length;
        start = i;
      } else {
        i++;
      }
    }
    if (start < data.length || out.isEmpty()) {
      out.add(Arrays.copyOfRange(data, start, data.length));
    }
    return out;
  }
}
