package io.rivulet.dynamodb.ops;

import io.rivulet.dynamodb.AttributeValue;
import io.rivulet.dynamodb.engine.ItemKey;
import io.rivulet.dynamodb.engine.Table;
import io.rivulet.dynamodb.engine.TableDef;
import io.rivulet.dynamodb.engine.TableDef.IndexDef;
import io.rivulet.dynamodb.engine.TableDef.KeyElement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code TableDescription} and its parts as wire maps (member name to value). Stateless. */
final class Descriptions {
  private Descriptions() {}

  static Map<String, Object> table(Table table, String status) {
    TableDef def = table.def();
    Map<String, Object> d = new LinkedHashMap<>();
    List<Map<String, Object>> attrs = new ArrayList<>();
    for (Map.Entry<String, String> e : new java.util.TreeMap<>(def.attributeTypes()).entrySet()) {
      attrs.add(Map.of("AttributeName", e.getKey(), "AttributeType", e.getValue()));
    }
    d.put("AttributeDefinitions", attrs);
    d.put("TableName", def.name());
    d.put("KeySchema", keySchema(def.keySchema()));
    d.put("TableStatus", status);
    d.put("CreationDateTime", Instant.ofEpochMilli(def.createdMillis()));
    d.put("ProvisionedThroughput", throughput(def.readCapacity(), def.writeCapacity()));
    d.put("TableSizeBytes", table.sizeBytes());
    d.put("ItemCount", table.itemCount());
    d.put("TableArn", def.arn());
    d.put("TableId", def.id());
    Map<String, Object> billing = new LinkedHashMap<>();
    billing.put("BillingMode", def.billingMode());
    if ("PAY_PER_REQUEST".equals(def.billingMode())) {
      billing.put("LastUpdateToPayPerRequestDateTime", Instant.ofEpochMilli(def.createdMillis()));
    }
    d.put("BillingModeSummary", billing);
    if (!def.globalIndexes().isEmpty()) {
      d.put("GlobalSecondaryIndexes", indexes(table, def.globalIndexes(), true));
    }
    if (!def.localIndexes().isEmpty()) {
      d.put("LocalSecondaryIndexes", indexes(table, def.localIndexes(), false));
    }
    d.put("DeletionProtectionEnabled", def.deletionProtection());
    return d;
  }

  private static List<Map<String, Object>> indexes(Table table, List<IndexDef> indexes, boolean global) {
    List<Map<String, Object>> out = new ArrayList<>();
    for (IndexDef i : indexes) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("IndexName", i.name());
      m.put("KeySchema", keySchema(i.keySchema()));
      Map<String, Object> projection = new LinkedHashMap<>();
      projection.put("ProjectionType", i.projectionType());
      if (!i.nonKeyAttributes().isEmpty()) {
        projection.put("NonKeyAttributes", i.nonKeyAttributes());
      }
      m.put("Projection", projection);
      long count = 0;
      long size = 0;
      for (Map<String, AttributeValue> item : table.items().values()) {
        if (inIndex(i, item)) {
          count++;
          size += io.rivulet.dynamodb.Attributes.itemSize(projectItem(table.def(), i, item));
        }
      }
      if (global) {
        m.put("IndexStatus", "ACTIVE");
        m.put("ProvisionedThroughput", throughput(i.readCapacity(), i.writeCapacity()));
      }
      m.put("IndexSizeBytes", size);
      m.put("ItemCount", count);
      m.put("IndexArn", table.def().arn() + "/index/" + i.name());
      out.add(m);
    }
    return out;
  }

  static List<Map<String, Object>> keySchema(List<KeyElement> schema) {
    List<Map<String, Object>> out = new ArrayList<>();
    for (KeyElement k : schema) {
      out.add(Map.of("AttributeName", k.attributeName(), "KeyType", k.keyType()));
    }
    return out;
  }

  private static Map<String, Object> throughput(long read, long write) {
    Map<String, Object> t = new LinkedHashMap<>();
    t.put("NumberOfDecreasesToday", 0L);
    t.put("ReadCapacityUnits", read);
    t.put("WriteCapacityUnits", write);
    return t;
  }

  /** Whether an item appears in an index (it has all the index's key attributes: indexes are sparse). */
  static boolean inIndex(IndexDef index, Map<String, AttributeValue> item) {
    for (KeyElement k : index.keySchema()) {
      if (!item.containsKey(k.attributeName())) {
        return false;
      }
    }
    return true;
  }

  /** The item as the index projects it: keys only, keys and included attributes, or all. */
  static Map<String, AttributeValue> projectItem(TableDef def, IndexDef index, Map<String, AttributeValue> item) {
    if ("ALL".equals(index.projectionType())) {
      return item;
    }
    Map<String, AttributeValue> out = new LinkedHashMap<>();
    for (String k : def.keyNames()) {
      out.put(k, item.get(k));
    }
    for (KeyElement k : index.keySchema()) {
      out.put(k.attributeName(), item.get(k.attributeName()));
    }
    if ("INCLUDE".equals(index.projectionType())) {
      for (String a : index.nonKeyAttributes()) {
        if (item.containsKey(a)) {
          out.put(a, item.get(a));
        }
      }
    }
    return out;
  }

  /** The key attributes of an item for a LastEvaluatedKey: the table's keys, plus the index's when reading one. */
  static Map<String, AttributeValue> lastKey(TableDef def, IndexDef index, Map<String, AttributeValue> item) {
    Map<String, AttributeValue> out = new LinkedHashMap<>();
    for (String k : def.keyNames()) {
      out.put(k, item.get(k));
    }
    if (index != null) {
      for (KeyElement k : index.keySchema()) {
        out.put(k.attributeName(), item.get(k.attributeName()));
      }
    }
    return out;
  }

  /** The table key of an item. */
  static ItemKey key(TableDef def, Map<String, AttributeValue> item) {
    return def.keyOf(item, false);
  }
}
