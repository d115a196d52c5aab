package io.rivulet.video;

/**
 * Every Kinesis Video Streams wire error, with its HTTP status as the service models give it
 * (kinesisvideo, kinesis-video-media and kinesis-video-archived-media). Each name is written here
 * once; {@link #with(String)} makes the exception the video router renders. Immutable.
 */
public enum VideoError {
  ACCESS_DENIED("AccessDeniedException", 401),
  ACCOUNT_CHANNEL_LIMIT_EXCEEDED("AccountChannelLimitExceededException", 400),
  ACCOUNT_STREAM_LIMIT_EXCEEDED("AccountStreamLimitExceededException", 400),
  CLIENT_LIMIT_EXCEEDED("ClientLimitExceededException", 400),
  CONNECTION_LIMIT_EXCEEDED("ConnectionLimitExceededException", 400),
  DEVICE_STREAM_LIMIT_EXCEEDED("DeviceStreamLimitExceededException", 400),
  INVALID_ARGUMENT("InvalidArgumentException", 400),
  INVALID_CODEC_PRIVATE_DATA("InvalidCodecPrivateDataException", 400),
  INVALID_DEVICE("InvalidDeviceException", 400),
  INVALID_ENDPOINT("InvalidEndpointException", 400),
  INVALID_MEDIA_FRAME("InvalidMediaFrameException", 400),
  INVALID_RESOURCE_FORMAT("InvalidResourceFormatException", 400),
  MISSING_CODEC_PRIVATE_DATA("MissingCodecPrivateDataException", 400),
  NO_DATA_RETENTION("NoDataRetentionException", 400),
  NOT_AUTHORIZED("NotAuthorizedException", 401),
  RESOURCE_IN_USE("ResourceInUseException", 400),
  RESOURCE_NOT_FOUND("ResourceNotFoundException", 404),
  STREAM_EDGE_CONFIGURATION_NOT_FOUND("StreamEdgeConfigurationNotFoundException", 404),
  TAGS_PER_RESOURCE_EXCEEDED_LIMIT("TagsPerResourceExceededLimitException", 400),
  UNSUPPORTED_STREAM_MEDIA_TYPE("UnsupportedStreamMediaTypeException", 400),
  VERSION_MISMATCH("VersionMismatchException", 400),
  /** A body that is not one JSON object, or a member of the wrong JSON type. */
  SERIALIZATION("SerializationException", 400),
  /** What a request the server cannot serve gets (never a client's fault). */
  INTERNAL_FAILURE("InternalFailure", 500);

  private final String type;
  private final int status;

  VideoError(String type, int status) {
    this.type = type;
    this.status = status;
  }

  /** The exception name sent in {@code x-amzn-ErrorType}. */
  public String type() {
    return type;
  }

  public int status() {
    return status;
  }

  /** This error with a message, ready to throw. */
  public VideoException with(String message) {
    return new VideoException(type, status, message);
  }
}
