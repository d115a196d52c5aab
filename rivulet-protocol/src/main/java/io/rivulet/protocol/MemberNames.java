package io.rivulet.protocol;

import java.util.Collection;
import java.util.Locale;

/**
 * Maps record component names to model member names: {@code streamName} is {@code StreamName},
 * {@code streamARN} is {@code StreamARN}, {@code kmsOptInRequired} is {@code KMSOptInRequired}
 * (an exact lower-first match wins, then a case-insensitive one, else the name capitalised).
 * Stateless and thread-safe.
 */
final class MemberNames {
  private MemberNames() {}

  static String memberName(String component, Collection<String> members) {
    for (String m : members) {
      if (ShapeValidator.lowerFirst(m).equals(component)) {
        return m;
      }
    }
    String lower = component.toLowerCase(Locale.ROOT);
    for (String m : members) {
      if (m.toLowerCase(Locale.ROOT).equals(lower)) {
        return m;
      }
    }
    return component.isEmpty() ? component : Character.toUpperCase(component.charAt(0)) + component.substring(1);
  }
}
