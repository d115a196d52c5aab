package io.rivulet.firehose.processing;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.rivulet.firehose.pipeline.FirehoseRecord;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * Decompression ({@code CompressionFormat} GZIP, the only format Firehose offers): replaces each
 * record by its gunzipped bytes. Firehose's decompression exists for CloudWatch Logs subscription
 * payloads, which are gzipped JSON, and it checks that the result is JSON; so does this. A record
 * that is not gzip, inflates past {@value #MAX_INFLATED_BYTES} bytes, or is not JSON once
 * inflated fails with {@link ProcessingErrors#DECOMPRESSION_FAILED} (error output type
 * {@code decompression-failed}, with the original compressed bytes). Thread-safe (immutable).
 */
final class Decompression extends PerRecordProcessor {
  /** The most one record may inflate to; more is treated as a failure, not buffered. */
  static final int MAX_INFLATED_BYTES = 16 * 1024 * 1024;
  static final ObjectMapper JSON =
      new ObjectMapper().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

  Decompression() {
    super(ProcessingErrors.DECOMPRESSION_FAILED);
  }

  @Override
  void apply(FirehoseRecord r, List<FirehoseRecord> out) throws RecordFailure {
    try {
      byte[] inflated = gunzip(r.data());
      readJson(inflated);
      out.add(r.withData(inflated));
    } catch (IOException e) {
      throw new RecordFailure("Decompression failed: " + e.getMessage());
    }
  }

  static byte[] gunzip(byte[] data) throws IOException {
    try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(data))) {
      ByteArrayOutputStream out = new ByteArrayOutputStream(data.length * 4);
      byte[] buffer = new byte[8192];
      for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
        if (out.size() + n > MAX_INFLATED_BYTES) {
          throw new IOException("the record inflates past " + MAX_INFLATED_BYTES + " bytes");
        }
        out.write(buffer, 0, n);
      }
      return out.toByteArray();
    } catch (ZipException | EOFException e) {
      throw new IOException("the record is not valid GZIP data (" + e.getMessage() + ")", e);
    }
  }

  static JsonNode readJson(byte[] data) throws IOException {
    try {
      JsonNode node = JSON.readTree(data);
      if (node == null || node.isMissingNode()) {
        throw new IOException("the decompressed record is empty, not JSON");
      }
      return node;
    } catch (JsonProcessingException e) {
      throw new IOException("the decompressed record is not JSON (" + e.getOriginalMessage()
          + ")", e);
    }
  }
}
