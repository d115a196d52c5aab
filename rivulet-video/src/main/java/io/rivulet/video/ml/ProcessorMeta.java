package io.rivulet.video.ml;

import java.util.List;
import java.util.Map;

/**
 * A stream processor as stored: its settings as the request carried them (JSON-like maps), its
 * status, and the last fragment it analysed (where a restarted server resumes). Immutable.
 *
 * @param created epoch millis
 * @param updated epoch millis
 */
public record ProcessorMeta(String name, String arn, String account, String region, String status,
    String statusMessage, long created, long updated, Map<String, Object> input,
    Map<String, Object> output, String roleArn, Map<String, Object> settings,
    Map<String, String> tags, Map<String, Object> notificationChannel, String kmsKeyId,
    List<Object> regionsOfInterest, Map<String, Object> dataSharingPreference,
    String lastFragment, String sessionId) {

  public ProcessorMeta {
    tags = tags == null ? Map.of() : Map.copyOf(tags);
  }

  /** The input video stream's ARN. */
  public String videoStreamArn() {
    return nested(input, "KinesisVideoStream", "Arn");
  }

  /** The output data stream's ARN. */
  public String dataStreamArn() {
    return nested(output, "KinesisDataStream", "Arn");
  }

  /** ConnectedHome's MinConfidence (percent), 0 when absent. */
  public double minConfidence() {
    if (settings != null && settings.get("ConnectedHome") instanceof Map<?, ?> home
        && home.get("MinConfidence") instanceof Number n) {
      return n.doubleValue();
    }
    return 0;
  }

  static String nested(Map<String, Object> map, String outer, String inner) {
    if (map != null && map.get(outer) instanceof Map<?, ?> m && m.get(inner) instanceof String s) {
      return s;
    }
    return null;
  }

  ProcessorMeta withStatus(String newStatus, String message, long now) {
    return new ProcessorMeta(name, arn, account, region, newStatus, message, created, now, input,
        output, roleArn, settings, tags, notificationChannel, kmsKeyId, regionsOfInterest,
        dataSharingPreference, lastFragment, sessionId);
  }

  ProcessorMeta withSession(String session, long now) {
    return new ProcessorMeta(name, arn, account, region, status, statusMessage, created, now,
        input, output, roleArn, settings, tags, notificationChannel, kmsKeyId, regionsOfInterest,
        dataSharingPreference, lastFragment, session);
  }

  ProcessorMeta withLastFragment(String fragment) {
    return new ProcessorMeta(name, arn, account, region, status, statusMessage, created, updated,
        input, output, roleArn, settings, tags, notificationChannel, kmsKeyId, regionsOfInterest,
        dataSharingPreference, fragment, sessionId);
  }

  ProcessorMeta withTags(Map<String, String> newTags) {
    return new ProcessorMeta(name, arn, account, region, status, statusMessage, created, updated,
        input, output, roleArn, settings, newTags, notificationChannel, kmsKeyId,
        regionsOfInterest, dataSharingPreference, lastFragment, sessionId);
  }

  ProcessorMeta withSettings(Map<String, Object> newSettings, List<Object> regions,
      Map<String, Object> sharing, long now) {
    return new ProcessorMeta(name, arn, account, region, status, statusMessage, created, now,
        input, output, roleArn, newSettings, tags, notificationChannel, kmsKeyId, regions,
        sharing, lastFragment, sessionId);
  }
}
