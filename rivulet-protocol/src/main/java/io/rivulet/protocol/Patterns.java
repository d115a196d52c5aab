package io.rivulet.protocol;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/** A cache of compiled model patterns. Thread-safe. */
final class Patterns {
  private static final Pattern NEVER = Pattern.compile("(?!)");
  private static final Map<String, Pattern> CACHE = new ConcurrentHashMap<>();

  private Patterns() {}

  /** The compiled pattern, or null when {@code regex} is null or not a valid Java pattern. */
  static Pattern compile(String regex) {
    if (regex == null) {
      return null;
    }
    Pattern p = CACHE.computeIfAbsent(regex, Patterns::tryCompile);
    return p == NEVER ? null : p;
  }

  private static Pattern tryCompile(String regex) {
    try {
      return Pattern.compile(regex);
    } catch (PatternSyntaxException e) {
      return NEVER;
    }
  }
}
