package io.rivulet.firehose.http;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import io.rivulet.firehose.pipeline.DeliveryBatch;
import io.rivulet.firehose.pipeline.FirehoseRecord;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.zip.GZIPOutputStream;

/**
 * The requests of Firehose's HTTP endpoint delivery specification (protocol version 1.0). A
 * batch is cut into requests of at most 10,000 records and at most the configured body size
 * (BufferingHints.SizeInMBs, before compression; a single larger record still goes alone); each
 * request's body is
 * <pre>{"requestId":"…","timestamp":&lt;epoch millis&gt;,"records":[{"data":"&lt;base64&gt;"},…]}</pre>
 * and its id, sent in the body and in {@code X-Amz-Firehose-Request-Id}, is a name-based UUID of
 * the delivery stream ARN, the batch's buffered range and the request's place in it — so a retry,
 * or a redelivery of the same range after a restart, carries the same id and a receiver can
 * deduplicate it. Stateless and thread-safe.
 */
final class HttpEndpointRequests {
  static final int MAX_RECORDS = 10_000;
  /** {"requestId":"<36>","timestamp":<13..19>,"records":[ ... ]} with room to spare. */
  private static final int BODY_OVERHEAD = 128;
  /** {"data":""}, */
  private static final int RECORD_OVERHEAD = 12;
  private static final JsonFactory JSON = new JsonFactory();
  private static final JsonFactory ASCII_JSON =
      JsonFactory.builder().enable(JsonWriteFeature.ESCAPE_NON_ASCII).build();

  private HttpEndpointRequests() {}

  /** The batch's records cut into requests, in order. */
  static List<List<FirehoseRecord>> split(List<FirehoseRecord> records, long maxBodyBytes) {
    List<List<FirehoseRecord>> requests = new ArrayList<>();
    List<FirehoseRecord> current = new ArrayList<>();
    long size = BODY_OVERHEAD;
    for (FirehoseRecord record : records) {
      long recordSize = RECORD_OVERHEAD + base64Length(record.data().length);
      if (!current.isEmpty()
          && (current.size() == MAX_RECORDS || size + recordSize > maxBodyBytes)) {
        requests.add(current);
        current = new ArrayList<>();
        size = BODY_OVERHEAD;
      }
      current.add(record);
      size += recordSize;
    }
    if (!current.isEmpty()) {
      requests.add(current);
    }
    return requests;
  }

  static long base64Length(int bytes) {
    return 4L * ((bytes + 2) / 3);
  }

  /** The id of request {@code index} of {@code batch}, the same on every attempt and redelivery. */
  static String requestId(DeliveryBatch batch, int index) {
    String name = batch.deliveryStreamArn() + "/" + batch.firstOffset() + "-"
        + batch.lastOffset() + "/" + index;
    return UUID.nameUUIDFromBytes(name.getBytes(StandardCharsets.UTF_8)).toString();
  }

  static byte[] body(String requestId, long timestampMillis, List<FirehoseRecord> records) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (JsonGenerator g = JSON.createGenerator(out)) {
      g.writeStartObject();
      g.writeStringField("requestId", requestId);
      g.writeNumberField("timestamp", timestampMillis);
      g.writeArrayFieldStart("records");
      for (FirehoseRecord record : records) {
        g.writeStartObject();
        g.writeFieldName("data");
        g.writeBinary(record.data());
        g.writeEndObject();
      }
      g.writeEndArray();
      g.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  /**
   * The {@code X-Amz-Firehose-Common-Attributes} value: {@code {"commonAttributes":{…}}}, with
   * non-ASCII characters escaped so the header stays ASCII.
   */
  static String commonAttributesHeader(Map<String, String> attributes) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (JsonGenerator g = ASCII_JSON.createGenerator(out)) {
      g.writeStartObject();
      g.writeObjectFieldStart("commonAttributes");
      for (Map.Entry<String, String> e : attributes.entrySet()) {
        g.writeStringField(e.getKey(), e.getValue());
      }
      g.writeEndObject();
      g.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toString(StandardCharsets.US_ASCII);
  }

  static byte[] gzip(byte[] body) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(body.length / 4 + 64);
    try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
      gz.write(body);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }
}
