package io.rivulet.video.hls;

import io.rivulet.video.VideoException;

/**
 * The archived-media errors playback raises, with the statuses of the
 * kinesis-video-archived-media model. Stateless.
 */
final class PlaybackErrors {
  private PlaybackErrors() {}

  static VideoException invalidArgument(String message) {
    return VideoException.invalidArgument(message);
  }

  static VideoException notFound(String message) {
    return VideoException.notFound(message);
  }

  static VideoException notAuthorized(String message) {
    return new VideoException("NotAuthorizedException", 401, message);
  }

  static VideoException noDataRetention(String message) {
    return new VideoException("NoDataRetentionException", 400, message);
  }

  static VideoException missingCodecPrivateData(String message) {
    return new VideoException("MissingCodecPrivateDataException", 400, message);
  }

  static VideoException invalidCodecPrivateData(String message) {
    return new VideoException("InvalidCodecPrivateDataException", 400, message);
  }

  static VideoException unsupportedMediaType(String message) {
    return new VideoException("UnsupportedStreamMediaTypeException", 400, message);
  }

  static VideoException invalidMediaFrame(String message) {
    return new VideoException("InvalidMediaFrameException", 400, message);
  }
}
