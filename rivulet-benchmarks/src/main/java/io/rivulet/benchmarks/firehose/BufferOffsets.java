package io.rivulet.benchmarks.firehose;

import java.util.Arrays;

/**
 * The buffer offset of each acknowledged record, by the record's sequence number, read from the
 * RecordId PutRecordBatch returned. Rivulet's RecordId is the delivery stream's creation time and
 * the record's offset in the delivery stream's buffer, each as 20 decimal digits
 * (docs/FIREHOSE.md); a delivery stream delivers its buffer in offset order, and its
 * delivered-records counter moves right after each S3 object is written, so the record at offset
 * {@code o} is in S3 once that counter has reached {@code o + 1}. Other RecordIds (AWS's are
 * opaque) give no offset. Thread-safe.
 */
final class BufferOffsets {
  private static final int CHUNK_BITS = 20;
  private static final int CHUNK = 1 << CHUNK_BITS;
  private long[][] chunks = new long[0][];

  /** The offset a Rivulet RecordId carries, or -1 for any other RecordId. */
  static long offset(String recordId) {
    if (recordId == null || recordId.length() != 40) {
      return -1;
    }
    long offset = 0;
    for (int i = 0; i < 40; i++) {
      int d = recordId.charAt(i) - '0';
      if (d < 0 || d > 9) {
        return -1;
      }
      if (i >= 20) {
        offset = offset * 10 + d;
      }
    }
    return offset;
  }

  synchronized void put(long seq, long offset) {
    int c = (int) (seq >>> CHUNK_BITS);
    if (c >= chunks.length) {
      chunks = Arrays.copyOf(chunks, Math.max(c + 1, chunks.length * 2));
    }
    if (chunks[c] == null) {
      chunks[c] = new long[CHUNK];
      Arrays.fill(chunks[c], -1);
    }
    chunks[c][(int) (seq & (CHUNK - 1))] = offset;
  }

  /** The buffer offset of record {@code seq}, or -1 if none is known. */
  synchronized long get(long seq) {
    int c = (int) (seq >>> CHUNK_BITS);
    return c < chunks.length && chunks[c] != null ? chunks[c][(int) (seq & (CHUNK - 1))] : -1;
  }
}
