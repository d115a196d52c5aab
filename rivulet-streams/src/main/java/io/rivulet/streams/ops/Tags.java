package io.rivulet.streams.ops;

import io.rivulet.streams.KinesisError;
import java.util.Collection;
import java.util.regex.Pattern;

/** Tag character rules shared by the tag operations. Stateless. */
final class Tags {
  private static final Pattern INVALID = Pattern.compile("[^\\u00C0-\\u1FFF\\u2C00-\\uD7FF\\w./\\-=+_ @%]");

  private Tags() {}

  /** InvalidArgumentException when any text has a character AWS does not allow in tags. */
  static void checkCharacters(Collection<String> texts, String verb, String streamName, String account) {
    for (String t : texts) {
      if (INVALID.matcher(t).find()) {
        throw KinesisError.INVALID_ARGUMENT.with("Some tags contain invalid characters. Valid"
            + " characters: Unicode letters, digits, white space, _ . / = + - % @.");
      }
    }
    for (String t : texts) {
      if (t.indexOf('%') >= 0) {
        throw KinesisError.INVALID_ARGUMENT.with("Failed to " + verb + " stream " + streamName
            + " under account " + account + " because some tags contained illegal characters. The"
            + " allowed characters are Unicode letters, white-spaces, '_',',','/','=','+','-','@'.");
      }
    }
  }
}
