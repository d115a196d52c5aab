package io.rivulet.dynamodb.ops;

import io.rivulet.dynamodb.AttributeValue;
import io.rivulet.dynamodb.Attributes;
import io.rivulet.dynamodb.DynamoDbError;
import io.rivulet.dynamodb.engine.TableDef;
import io.rivulet.dynamodb.engine.TableDef.IndexDef;
import io.rivulet.dynamodb.expr.Condition;
import io.rivulet.dynamodb.expr.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One page of a Scan or Query: items are evaluated in order until Limit items or 1 MB have been
 * read; the filter then drops some; the projection shapes the rest. {@code LastEvaluatedKey} is
 * set when evaluation stopped before the end. Not thread-safe (one per request).
 */
final class Page {
  static final long MAX_PAGE_BYTES = 1024 * 1024;

  private final TableDef def;
  private final IndexDef index;
  private final Condition filter;
  private final List<Path> projection;
  private final boolean count;
  private final Integer limit;
  private final List<Map<String, Object>> items = new ArrayList<>();
  private int matched;
  private int scanned;
  private long bytes;
  private Map<String, AttributeValue> lastEvaluated;

  /** Output of Scan and Query. */
  record Output(List<Map<String, Object>> items, int count, int scannedCount,
      Map<String, Object> lastEvaluatedKey, Map<String, Object> consumedCapacity) {}

  Page(TableDef def, IndexDef index, Condition filter, List<Path> projection, String select, Integer limit) {
    this.def = def;
    this.index = index;
    this.filter = filter;
    this.projection = projection;
    this.count = "COUNT".equals(select);
    this.limit = limit;
    if ("SPECIFIC_ATTRIBUTES".equals(select) && projection == null) {
      throw DynamoDbError.invalid("1 validation error detected: Select SPECIFIC_ATTRIBUTES requires "
          + "ProjectionExpression or AttributesToGet");
    }
    if (select != null && !"SPECIFIC_ATTRIBUTES".equals(select) && projection != null) {
      throw DynamoDbError.invalid("Cannot specify the ProjectionExpression or AttributesToGet when choosing to get "
          + select);
    }
  }

  /** Offers the next item in order; false once the page is full (the item was not taken). */
  boolean offer(Map<String, AttributeValue> item) {
    if ((limit != null && scanned >= limit) || bytes >= MAX_PAGE_BYTES) {
      return false;
    }
    Map<String, AttributeValue> visible = index == null ? item : Descriptions.projectItem(def, index, item);
    scanned++;
    bytes += Attributes.itemSize(visible);
    lastEvaluated = Descriptions.lastKey(def, index, item);
    if (filter.test(visible)) {
      matched++;
      if (!count) {
        items.add(Attributes.toWireMap(Expressions.project(visible, projection)));
      }
    }
    return true;
  }

  /** The page; {@code more} says whether items remained after the last one offered. */
  Output finish(boolean more, Map<String, Object> capacity) {
    Map<String, Object> last = more && lastEvaluated != null ? Attributes.toWireMap(lastEvaluated) : null;
    return new Output(count ? null : items, matched, scanned, last, capacity);
  }

  /** The capacity a page consumed: 0.5 unit per 4 KB read (eventually consistent), at least 0.5. */
  double units() {
    return Math.max(0.5, Math.ceil(bytes / 4096.0) * 0.5);
  }
}
