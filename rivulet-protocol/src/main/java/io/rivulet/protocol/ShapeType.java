package io.rivulet.protocol;

import java.util.Locale;

/** The shape types of the AWS service models (botocore's {@code type} values). */
public enum ShapeType {
  STRUCTURE,
  LIST,
  MAP,
  STRING,
  INTEGER,
  LONG,
  SHORT,
  BYTE,
  FLOAT,
  DOUBLE,
  BOOLEAN,
  BLOB,
  TIMESTAMP;

  /** The type named as in the model, e.g. {@code "structure"}. */
  public static ShapeType of(String modelName) {
    return valueOf(modelName.toUpperCase(Locale.ROOT));
  }

  /** Whether values of this type are whole numbers. */
  public boolean isWholeNumber() {
    return this == INTEGER || this == LONG || this == SHORT || this == BYTE;
  }

  /** Whether values of this type are numbers. */
  public boolean isNumber() {
    return isWholeNumber() || this == FLOAT || this == DOUBLE;
  }
}
