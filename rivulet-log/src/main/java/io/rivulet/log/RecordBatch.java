package io.rivulet.log;

import java.nio.ByteBuffer;
import java.util.List;
import java.util.zip.CRC32C;

/**
 * The on-disk record-batch format: one batch per {@link ShardLog#append} call. All integers are
 * big-endian; field offsets are relative to the start of the batch.
 *
 * <pre>
 * Batch
 *   BaseOffset    int64   offset of the first record                       BASE_OFFSET_OFFSET   = 0
 *   Length        int32   bytes after this field (batch size = Length+12)  LENGTH_OFFSET        = 8
 *   Magic         int8    format version, {@value #MAGIC}                  MAGIC_OFFSET         = 12
 *   Crc           uint32  CRC32C of every byte after this field            CRC_OFFSET           = 13
 *   RecordCount   int32   number of records, at least 1                    RECORD_COUNT_OFFSET  = 17
 *   MaxTimestamp  int64   largest record timestamp in this batch           MAX_TIMESTAMP_OFFSET = 21
 *   Records       RecordCount x Record                                     RECORDS_OFFSET       = 29
 * Record
 *   Attributes    int32   caller's flags
 *   Timestamp     int64   epoch millis, exactly as appended (not clamped)
 *   KeyLength     int32   -1 for a null key
 *   Key           KeyLength bytes
 *   ValueLength   int32   -1 for a null value
 *   Value         ValueLength bytes
 * </pre>
 *
 * <p>The base offset is outside the CRC so that a batch can be encoded (and checksummed) before the
 * log's lock is taken and get its offset afterwards; recovery checks it by continuity instead (each
 * batch must start where the previous one ended). The record offset is {@code BaseOffset + i}.
 *
 * <p>Stateless and thread-safe.
 */
final class RecordBatch {
  static final int BASE_OFFSET_OFFSET = 0;
  static final int BASE_OFFSET_LENGTH = 8;
  static final int LENGTH_OFFSET = BASE_OFFSET_OFFSET + BASE_OFFSET_LENGTH;
  static final int LENGTH_LENGTH = 4;
  static final int MAGIC_OFFSET = LENGTH_OFFSET + LENGTH_LENGTH;
  static final int MAGIC_LENGTH = 1;
  static final int CRC_OFFSET = MAGIC_OFFSET + MAGIC_LENGTH;
  static final int CRC_LENGTH = 4;
  static final int RECORD_COUNT_OFFSET = CRC_OFFSET + CRC_LENGTH;
  static final int RECORD_COUNT_LENGTH = 4;
  static final int MAX_TIMESTAMP_OFFSET = RECORD_COUNT_OFFSET + RECORD_COUNT_LENGTH;
  static final int MAX_TIMESTAMP_LENGTH = 8;
  static final int RECORDS_OFFSET = MAX_TIMESTAMP_OFFSET + MAX_TIMESTAMP_LENGTH;
  /** Bytes before the part that {@code Length} counts. */
  static final int LOG_OVERHEAD = LENGTH_OFFSET + LENGTH_LENGTH;
  static final int HEADER_SIZE = RECORDS_OFFSET;
  /** Attributes, timestamp, key length and value length of one record. */
  static final int RECORD_OVERHEAD = 4 + 8 + 4 + 4;
  static final byte MAGIC = 1;

  private RecordBatch() {}

  /** The fixed fields of a batch. */
  record Header(long baseOffset, int length, byte magic, int crc, int recordCount, long maxTimestamp) {
    int totalSize() {
      return length + LOG_OVERHEAD;
    }

    long nextOffset() {
      return baseOffset + recordCount;
    }

    /** Why this header cannot start a valid batch, or null if it can. */
    String structuralProblem() {
      if (magic != MAGIC) {
        return "unknown magic " + magic;
      }
      if (recordCount < 1) {
        return "record count " + recordCount;
      }
      if (length > Integer.MAX_VALUE - LOG_OVERHEAD) { // totalSize() would overflow (found by fuzzing)
        return "batch length " + length + " too large";
      }
      if (length < HEADER_SIZE - LOG_OVERHEAD + (long) recordCount * RECORD_OVERHEAD) {
        return "batch length " + length + " too small for " + recordCount + " records";
      }
      return null;
    }
  }

  /** The encoded size of a batch of these records. */
  static int sizeInBytes(List<LogRecord> records) {
    long size = HEADER_SIZE;
    for (LogRecord r : records) {
      size += recordSize(r.key(), r.value());
    }
    if (size > Integer.MAX_VALUE) {
      throw new LogException("batch too large: " + size + " bytes");
    }
    return (int) size;
  }

  static int recordSize(byte[] key, byte[] value) {
    return RECORD_OVERHEAD + (key == null ? 0 : key.length) + (value == null ? 0 : value.length);
  }

  /**
   * Encodes a batch with base offset 0 (patch it with {@link #setBaseOffset}) and its CRC set.
   *
   * @return a buffer positioned at 0 with the batch as its remaining bytes
   */
  static ByteBuffer encode(List<LogRecord> records) {
    int size = sizeInBytes(records);
    ByteBuffer buf = ByteBuffer.allocate(size);
    long maxTimestamp = Long.MIN_VALUE;
    buf.position(RECORDS_OFFSET);
    for (LogRecord r : records) {
      maxTimestamp = Math.max(maxTimestamp, r.timestamp());
      buf.putInt(r.attributes());
      buf.putLong(r.timestamp());
      putBytes(buf, r.key());
      putBytes(buf, r.value());
    }
    buf.putLong(BASE_OFFSET_OFFSET, 0L);
    buf.putInt(LENGTH_OFFSET, size - LOG_OVERHEAD);
    buf.put(MAGIC_OFFSET, MAGIC);
    buf.putInt(RECORD_COUNT_OFFSET, records.size());
    buf.putLong(MAX_TIMESTAMP_OFFSET, maxTimestamp);
    buf.putInt(CRC_OFFSET, computeCrc(buf, 0, size));
    buf.position(0);
    return buf;
  }

  private static void putBytes(ByteBuffer buf, byte[] bytes) {
    if (bytes == null) {
      buf.putInt(-1);
    } else {
      buf.putInt(bytes.length);
      buf.put(bytes);
    }
  }

  static void setBaseOffset(ByteBuffer batch, long baseOffset) {
    batch.putLong(batch.position() + BASE_OFFSET_OFFSET, baseOffset);
  }

  /** Reads the header of the batch starting at {@code at} (absolute index into {@code buf}). */
  static Header readHeader(ByteBuffer buf, int at) {
    return new Header(
        buf.getLong(at + BASE_OFFSET_OFFSET),
        buf.getInt(at + LENGTH_OFFSET),
        buf.get(at + MAGIC_OFFSET),
        buf.getInt(at + CRC_OFFSET),
        buf.getInt(at + RECORD_COUNT_OFFSET),
        buf.getLong(at + MAX_TIMESTAMP_OFFSET));
  }

  static int computeCrc(ByteBuffer buf, int batchStart, int batchSize) {
    CRC32C crc = new CRC32C();
    ByteBuffer slice = buf.duplicate();
    slice.limit(batchStart + batchSize).position(batchStart + CRC_OFFSET + CRC_LENGTH);
    crc.update(slice);
    return (int) crc.getValue();
  }

  /**
   * Checks a whole batch held in {@code buf} from index 0 to its limit: CRC and that the records
   * parse to exactly the batch's end.
   *
   * @return why it is invalid, or null if it is valid
   */
  static String validate(ByteBuffer buf, Header header) {
    int size = header.totalSize();
    if (computeCrc(buf, 0, size) != header.crc()) {
      return "CRC32C mismatch";
    }
    int pos = RECORDS_OFFSET;
    for (int i = 0; i < header.recordCount(); i++) {
      if (size - pos < RECORD_OVERHEAD) {
        return "record " + i + " truncated";
      }
      int keyLength = buf.getInt(pos + 12);
      if (keyLength < -1 || keyLength > size - pos - RECORD_OVERHEAD) {
        return "record " + i + " key length " + keyLength;
      }
      pos += 16 + Math.max(keyLength, 0);
      int valueLength = buf.getInt(pos);
      if (valueLength < -1 || valueLength > size - pos - 4) {
        return "record " + i + " value length " + valueLength;
      }
      pos += 4 + Math.max(valueLength, 0);
    }
    return pos == size ? null : "records end at " + pos + " but batch at " + size;
  }

  /**
   * Decodes the records of the batch held in {@code buf} (from index 0) whose offset is at least
   * {@code fromOffset} into {@code budget}, stopping when the budget is spent.
   */
  static void decode(ByteBuffer buf, long fromOffset, ReadBudget budget) {
    Header header = readHeader(buf, 0);
    ByteBuffer in = buf.duplicate();
    in.position(RECORDS_OFFSET);
    for (int i = 0; i < header.recordCount(); i++) {
      long offset = header.baseOffset() + i;
      int attributes = in.getInt();
      long timestamp = in.getLong();
      int keyLength = in.getInt();
      if (offset < fromOffset) {
        in.position(in.position() + Math.max(keyLength, 0));
        in.position(in.position() + 4 + Math.max(in.getInt(in.position()), 0));
        continue;
      }
      int valueLength = in.getInt(in.position() + Math.max(keyLength, 0));
      if (!budget.admits(Math.max(keyLength, 0) + (long) Math.max(valueLength, 0))) {
        return;
      }
      byte[] key = getBytes(in, keyLength);
      byte[] value = getBytes(in, in.getInt());
      budget.add(new LogEntry(offset, timestamp, key, value, attributes));
    }
  }

  private static byte[] getBytes(ByteBuffer in, int length) {
    if (length < 0) {
      return null;
    }
    byte[] bytes = new byte[length];
    in.get(bytes);
    return bytes;
  }

  /**
   * The offset of the first record in the batch (held from index 0) with a timestamp at least
   * {@code epochMillis}, or -1 if none.
   */
  static long firstOffsetAtOrAfter(ByteBuffer buf, long epochMillis) {
    Header header = readHeader(buf, 0);
    int pos = RECORDS_OFFSET;
    for (int i = 0; i < header.recordCount(); i++) {
      if (buf.getLong(pos + 4) >= epochMillis) {
        return header.baseOffset() + i;
      }
      int keyLength = buf.getInt(pos + 12);
      pos += 16 + Math.max(keyLength, 0);
      pos += 4 + Math.max(buf.getInt(pos), 0);
    }
    return -1;
  }
}
