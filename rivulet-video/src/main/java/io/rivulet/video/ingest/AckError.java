package io.rivulet.video.ingest;

/**
 * The ErrorIds of PutMedia's ERROR acknowledgements, as AWS numbers them. Whether the session goes
 * on after one: {@code fatal} errors end it (the rest of the upload is not read), the others only
 * drop the fragment they concern. Immutable.
 */
public enum AckError {
  STREAM_READ_ERROR(4000, true),
  MAX_FRAGMENT_SIZE_REACHED(4001, false),
  MAX_FRAGMENT_DURATION_REACHED(4002, false),
  MAX_CONNECTION_DURATION_REACHED(4003, true),
  FRAGMENT_TIMECODE_LESSER_THAN_PREVIOUS(4004, false),
  INVALID_MKV_DATA(4006, true),
  INVALID_PRODUCER_TIMESTAMP(4007, false),
  STREAM_NOT_ACTIVE(4008, true),
  FRAGMENT_METADATA_LIMIT_REACHED(4009, false),
  TRACK_NUMBER_MISMATCH(4010, false),
  MORE_THAN_ALLOWED_TRACKS_FOUND(4012, true),
  INTERNAL_ERROR(5000, true),
  ARCHIVAL_ERROR(5001, false);

  private final int id;
  private final boolean fatal;

  AckError(int id, boolean fatal) {
    this.id = id;
    this.fatal = fatal;
  }

  /** The wire ErrorId. */
  public int id() {
    return id;
  }

  /** Whether the session ends after this error. */
  public boolean fatal() {
    return fatal;
  }
}
