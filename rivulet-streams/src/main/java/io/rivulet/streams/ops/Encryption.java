package io.rivulet.streams.ops;

import io.rivulet.protocol.RequestContext;
import io.rivulet.streams.KinesisError;
import io.rivulet.streams.engine.DataPlane;
import io.rivulet.streams.engine.StreamKey;
import io.rivulet.streams.engine.StreamMeta;
import io.rivulet.streams.engine.StreamsEngine;
import java.util.regex.Pattern;

/**
 * Start- and StopStreamEncryption: EncryptionType must be KMS, the KeyId a key id, key ARN, alias
 * ARN or alias name; at most 25 of each per stream in 24 hours. StartStreamEncryption's KeyId must
 * name an enabled key of the local key store (KMSNotFoundException, KMSDisabledException; {@code
 * alias/aws/kinesis} is created on first use). Both leave the stream UPDATING for the update
 * delay. Thread-safe.
 */
public abstract class Encryption extends KinesisOperation<Encryption.Input, KinesisOperation.Empty> {
  static final int CHANGES_PER_DAY = 25;
  private static final String KEY = "([0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}"
      + "-[0-9a-fA-F]{12}|mrk-[0-9a-fA-F]{32})";
  private static final Pattern KEY_ID = Pattern.compile(KEY);
  private static final Pattern ALIAS = Pattern.compile("alias/[a-zA-Z0-9:/_-]+");
  private static final Pattern ARN =
      Pattern.compile("arn:aws[a-z-]*:kms:[a-z0-9-]+:\\d{12}:(key/" + KEY + "|alias/[a-zA-Z0-9:/_-]+)");

  private final boolean start;

  public record Input(String streamName, String encryptionType, String keyId, String streamARN,
      String streamId) {}

  Encryption(StreamsEngine engine, DataPlane data, boolean start) {
    super(engine, data, Input.class);
    this.start = start;
  }

  @Override
  protected Empty call(Input in, RequestContext ctx) {
    change(StreamRefs.resolve(in.streamName(), in.streamARN(), ctx), name(), in.encryptionType(),
        in.keyId());
    return new Empty();
  }

  /** Starts or stops encryption after the checks. */
  private void change(StreamKey key, String operation, String encryptionType, String keyId) {
    if (!encryptionType.equals(StreamMeta.KMS)) {
      throw KinesisError.INVALID_ARGUMENT.with(
          "KMS is the only valid EncryptionType for this request");
    }
    if (keyId.startsWith("arn:")) {
      if (!ARN.matcher(keyId).matches()) {
        throw KinesisError.INVALID_ARGUMENT.with(
            "Received KeyId ARN is not a properly formatted ARN");
      }
    } else if (!KEY_ID.matcher(keyId).matches() && !ALIAS.matcher(keyId).matches()) {
      throw KinesisError.INVALID_ARGUMENT.with(
          "Received KeyId is not a properly formatted Alias or GUID");
    }
    engine.updateWithDelay(key, m -> {
      long now = engine.clock().millis();
      if (m.recentUpdates(operation, now - 86_400_000L) >= CHANGES_PER_DAY) {
        throw KinesisError.LIMIT_EXCEEDED.with("Stream " + key.name() + " under account "
            + key.account() + " has reached the limit of " + CHANGES_PER_DAY + " " + operation
            + " requests in a rolling 24-hour period.");
      }
      if (start) {
        data.cipher().checkKey(keyId, key.account(), key.region());
      }
      return m.withEncryption(start ? keyId : null).withRecentUpdate(operation, now);
    });
  }
}
