package io.rivulet.protocol;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * One shape of a service model with its constraints. Immutable and thread-safe.
 *
 * @param name the shape's name in the model, e.g. {@code PutRecordsRequestEntry}
 * @param type its type
 * @param members a structure's members in model order: member name to shape name (empty otherwise)
 * @param required a structure's required member names
 * @param min the {@code min} trait (length for strings, blobs, lists and maps; value for numbers), or
 *     null
 * @param max the {@code max} trait, or null
 * @param pattern the {@code pattern} trait as written in the model, or null
 * @param enumValues a string's {@code enum} values (empty when unconstrained)
 * @param member a list's member shape name, or null
 * @param key a map's key shape name, or null
 * @param value a map's value shape name, or null
 * @param exception whether the shape is an error shape
 * @param httpStatus the {@code error.httpStatusCode} trait, or null
 * @param event whether the shape is an event of an event stream
 * @param eventStream whether the shape is an event stream (a union of events)
 */
public record Shape(
    String name,
    ShapeType type,
    Map<String, String> members,
    Set<String> required,
    BigDecimal min,
    BigDecimal max,
    String pattern,
    List<String> enumValues,
    String member,
    String key,
    String value,
    boolean exception,
    Integer httpStatus,
    boolean event,
    boolean eventStream) {

  /** The compiled {@link #pattern}, or null when there is none or Java cannot compile it. */
  public Pattern compiledPattern() {
    return Patterns.compile(pattern);
  }

  /** Whether {@code memberName} is a required member of this structure. */
  public boolean isRequired(String memberName) {
    return required.contains(memberName);
  }
}
