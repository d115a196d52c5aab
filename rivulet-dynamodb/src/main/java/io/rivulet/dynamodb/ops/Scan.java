package io.rivulet.dynamodb.ops;

import io.rivulet.dynamodb.AttributeValue;
import io.rivulet.dynamodb.Attributes;
import io.rivulet.dynamodb.DynamoDbError;
import io.rivulet.dynamodb.engine.Database;
import io.rivulet.dynamodb.engine.ItemKey;
import io.rivulet.dynamodb.engine.Table;
import io.rivulet.dynamodb.engine.TableDef;
import io.rivulet.dynamodb.engine.TableDef.IndexDef;
import io.rivulet.dynamodb.expr.Condition;
import io.rivulet.protocol.RequestContext;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Scan: items in primary-key order, paginated by Limit, 1 MB and ExclusiveStartKey; parallel scan
 * segments split the items by a stable hash of their partition key, so segments are disjoint and
 * together hold every item.
 */
public final class Scan extends DynamoOperation<Scan.Input, Page.Output> {

  public record Input(String tableName, String indexName, List<String> attributesToGet, Integer limit,
      String select, Map<String, Object> scanFilter, String conditionalOperator,
      Map<String, Object> exclusiveStartKey, String returnConsumedCapacity, Integer totalSegments,
      Integer segment, String projectionExpression, String filterExpression,
      Map<String, String> expressionAttributeNames, Map<String, Object> expressionAttributeValues,
      Boolean consistentRead) {}

  public Scan(Database db) {
    super(db, Input.class);
  }

  @Override
  protected Page.Output call(Input in, RequestContext ctx) {
    Table table = table(ctx, in.tableName());
    TableDef def = table.def();
    IndexDef index = index(def, in.indexName());
    if ((in.segment() == null) != (in.totalSegments() == null)) {
      throw DynamoDbError.invalid(in.segment() == null
          ? "The Segment parameter is required but was not present in the request when parameter TotalSegments is present"
          : "The TotalSegments parameter is required but was not present in the request when Segment parameter is present");
    }
    if (in.segment() != null && in.segment() >= in.totalSegments()) {
      throw DynamoDbError.invalid("The Segment parameter is zero-based and must be less than parameter TotalSegments: Segment: "
          + in.segment() + " is not less than TotalSegments: " + in.totalSegments());
    }
    Expressions ex = Expressions.of(in.expressionAttributeNames(), in.expressionAttributeValues());
    Condition filter = ex.filter(in.filterExpression(), in.scanFilter(), "ScanFilter", in.conditionalOperator());
    Page page = new Page(def, index, filter, ex.projection(in.projectionExpression(), in.attributesToGet()),
        in.select(), in.limit());
    Map<ItemKey, Map<String, AttributeValue>> items = table.items();
    if (in.exclusiveStartKey() != null) {
      ItemKey start = def.keyOf(Attributes.fromWireMap(in.exclusiveStartKey()), false);
      items = table.items().tailMap(start, false);
    }
    Iterator<Map.Entry<ItemKey, Map<String, AttributeValue>>> it = items.entrySet().iterator();
    boolean more = false;
    while (it.hasNext()) {
      Map.Entry<ItemKey, Map<String, AttributeValue>> e = it.next();
      if (in.segment() != null && e.getKey().segment(in.totalSegments()) != in.segment()) {
        continue;
      }
      if (index != null && !Descriptions.inIndex(index, e.getValue())) {
        continue;
      }
      if (!page.offer(e.getValue())) {
        more = true;
        break;
      }
    }
    return page.finish(more, Expressions.capacity(in.returnConsumedCapacity(), def.name(), page.units()));
  }
}
