package io.rivulet.streams.ops;

import io.rivulet.streams.engine.DataPlane;
import io.rivulet.streams.engine.StreamsEngine;

/**
 * StopStreamEncryption: records written from now on are stored in plaintext; those written while
 * encryption was on stay encrypted and readable.
 */
public final class StopStreamEncryption extends Encryption {

  public StopStreamEncryption(StreamsEngine engine, DataPlane data) {
    super(engine, data, false);
  }
}
