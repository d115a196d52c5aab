package io.rivulet.streams.api;

/**
 * A data stream as another service sees it: which incarnation, its status ({@code CREATING},
 * {@code ACTIVE}, {@code UPDATING}, {@code DELETING}: records can be read and appended while
 * {@code ACTIVE} or {@code UPDATING}), its capacity mode, retention, encryption at rest
 * ({@code NONE} or {@code KMS}) and the largest record it accepts. Immutable.
 */
public record StreamInfo(StreamId id, String status, String mode, int retentionHours,
    String encryptionType, int maxRecordSizeKiB) {

  /** True when records can be read and appended ({@code ACTIVE} or {@code UPDATING}). */
  public boolean readable() {
    return status.equals("ACTIVE") || status.equals("UPDATING");
  }
}
