package io.rivulet.server.http;

import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Request ids: random version-4 UUID strings. They identify a request in logs and in {@code
 * x-amzn-RequestId}; they need to be unique, not unpredictable, so they come from {@link
 * ThreadLocalRandom} rather than the contended {@code SecureRandom} behind {@link
 * UUID#randomUUID()}. Thread-safe.
 */
final class RequestIds {
  private RequestIds() {}

  static String next() {
    ThreadLocalRandom random = ThreadLocalRandom.current();
    long msb = (random.nextLong() & ~0xF000L) | 0x4000L; // version 4
    long lsb = (random.nextLong() & ~(0xC000_0000_0000_0000L)) | 0x8000_0000_0000_0000L; // IETF
    return new UUID(msb, lsb).toString();
  }
}
