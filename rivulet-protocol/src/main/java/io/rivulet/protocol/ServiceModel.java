package io.rivulet.protocol;

/**
 * A service's shapes (names, types and constraints derived from the AWS service model, without
 * documentation), loaded from a classpath resource. Immutable and thread-safe.
 */
public final class ServiceModel {
  private ServiceModel() {}

  /** Loads a derived model, e.g. {@code /io/rivulet/streams/kinesis-2013-12-02.shapes.json}. */
  public static ServiceModel fromResource(String classpathResource) {
    throw new UnsupportedOperationException("ServiceModel is being written: " + classpathResource);
  }
}
