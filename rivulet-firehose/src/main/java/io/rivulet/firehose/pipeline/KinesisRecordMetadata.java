package io.rivulet.firehose.pipeline;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * Where a record of a KinesisStreamAsSource delivery stream came from, as a Lambda processor gets
 * it in {@code kinesisRecordMetadata}: the source shard, the record's partition key and sequence
 * number, its subsequence number (0 unless a processor split a KPL-aggregated record), and when
 * the data stream received it (epoch milliseconds). Immutable.
 *
 * <p>{@link #encode()} is a compact form to keep beside the record in the delivery stream's buffer
 * (the log record's key, say), {@link #decode} reads it back:
 *
 * <pre>
 * byte    version (1)
 * UTF     shardId                       (DataOutput.writeUTF: 2-byte length, modified UTF-8)
 * UTF     partitionKey
 * UTF     sequenceNumber
 * long    subsequenceNumber             (big-endian)
 * long    approximateArrivalTimestamp   (epoch milliseconds)
 * </pre>
 */
public record KinesisRecordMetadata(String shardId, String partitionKey, String sequenceNumber,
    long subsequenceNumber, long approximateArrivalTimestamp) {
  private static final int VERSION = 1;

  public byte[] encode() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(96 + partitionKey.length());
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      out.writeByte(VERSION);
      out.writeUTF(shardId);
      out.writeUTF(partitionKey);
      out.writeUTF(sequenceNumber);
      out.writeLong(subsequenceNumber);
      out.writeLong(approximateArrivalTimestamp);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  /** The metadata {@link #encode()} wrote, or null for null or empty bytes (no metadata). */
  public static KinesisRecordMetadata decode(byte[] bytes) {
    if (bytes == null || bytes.length == 0) {
      return null;
    }
    try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes))) {
      int version = in.readUnsignedByte();
      if (version != VERSION) {
        throw new IllegalArgumentException("unknown Kinesis record metadata version " + version);
      }
      return new KinesisRecordMetadata(in.readUTF(), in.readUTF(), in.readUTF(), in.readLong(),
          in.readLong());
    } catch (IOException e) {
      throw new IllegalArgumentException("truncated Kinesis record metadata", e);
    }
  }
}
