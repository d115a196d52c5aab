package io.rivulet.streams.ops;

import io.rivulet.streams.engine.DataPlane;
import io.rivulet.streams.engine.StreamsEngine;

/**
 * StartStreamEncryption: records written from now on are encrypted at rest under data keys wrapped
 * by the key KeyId names in the local key store ({@link io.rivulet.streams.engine.RecordCipher});
 * a started stream may change its key.
 */
public final class StartStreamEncryption extends Encryption {

  public StartStreamEncryption(StreamsEngine engine, DataPlane data) {
    super(engine, data, true);
  }
}
