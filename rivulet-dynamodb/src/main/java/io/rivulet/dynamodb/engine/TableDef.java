package io.rivulet.dynamodb.engine;

import io.rivulet.dynamodb.AttributeValue;
import io.rivulet.dynamodb.DynamoDbError;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A table's definition as created and updated: identity, key schema, attribute types, secondary
 * indexes and settings. Serialised as JSON in the journal. Immutable.
 *
 * @param keySchema one HASH element, optionally one RANGE element
 * @param attributeTypes attribute name to S, N or B, for the key attributes of the table and its indexes
 * @param billingMode PAY_PER_REQUEST or PROVISIONED
 */
public record TableDef(
    String account,
    String region,
    String name,
    String id,
    long createdMillis,
    List<KeyElement> keySchema,
    Map<String, String> attributeTypes,
    List<IndexDef> globalIndexes,
    List<IndexDef> localIndexes,
    String billingMode,
    long readCapacity,
    long writeCapacity,
    boolean deletionProtection,
    boolean pointInTimeRecovery,
    Map<String, String> tags) {

  public TableDef {
    keySchema = List.copyOf(keySchema);
    attributeTypes = Map.copyOf(attributeTypes);
    globalIndexes = List.copyOf(globalIndexes);
    localIndexes = List.copyOf(localIndexes);
    tags = tags == null ? Map.of() : Map.copyOf(tags);
  }

  /** One key schema element: an attribute name and HASH or RANGE. */
  public record KeyElement(String attributeName, String keyType) {
    public boolean hashType() {
      return "HASH".equals(keyType);
    }
  }

  /** A secondary index: name, key schema, projection (ALL, KEYS_ONLY or INCLUDE). */
  public record IndexDef(String name, List<KeyElement> keySchema, String projectionType,
      List<String> nonKeyAttributes, long readCapacity, long writeCapacity) {
    public IndexDef {
      keySchema = List.copyOf(keySchema);
      nonKeyAttributes = nonKeyAttributes == null ? List.of() : List.copyOf(nonKeyAttributes);
    }

    public String hashKey() {
      return TableDef.hashOf(keySchema);
    }

    public String rangeKey() {
      return TableDef.rangeOf(keySchema);
    }

    /** Same name, keys and projection (what decides whether a re-create is a no-op). */
    public boolean sameShape(IndexDef other) {
      return name.equals(other.name) && keySchema.equals(other.keySchema)
          && projectionType.equals(other.projectionType)
          && new java.util.HashSet<>(nonKeyAttributes).equals(new java.util.HashSet<>(other.nonKeyAttributes));
    }
  }

  /** The key of the table in its service: account, region and name. */
  public String qualifiedName() {
    return qualify(account, region, name);
  }

  public static String qualify(String account, String region, String name) {
    return account + "/" + region + "/" + name;
  }

  public String arn() {
    return "arn:aws:dynamodb:" + region + ":" + account + ":table/" + name;
  }

  public String hashKey() {
    return hashOf(keySchema);
  }

  /** The sort key's name, or null. */
  public String rangeKey() {
    return rangeOf(keySchema);
  }

  /** The HASH attribute of a key schema. */
  public static String hashOfKeys(List<KeyElement> schema) {
    return hashOf(schema);
  }

  static String hashOf(List<KeyElement> schema) {
    for (KeyElement k : schema) {
      if (k.hashType()) {
        return k.attributeName();
      }
    }
    throw new IllegalStateException("no HASH key in " + schema);
  }

  static String rangeOf(List<KeyElement> schema) {
    for (KeyElement k : schema) {
      if (!k.hashType()) {
        return k.attributeName();
      }
    }
    return null;
  }

  /** The index by name among global and local indexes, or null. */
  public IndexDef index(String indexName) {
    for (IndexDef i : globalIndexes) {
      if (i.name().equals(indexName)) {
        return i;
      }
    }
    for (IndexDef i : localIndexes) {
      if (i.name().equals(indexName)) {
        return i;
      }
    }
    return null;
  }

  /** The declared type of a key attribute. */
  public AttributeValue.Type typeOf(String attribute) {
    return AttributeValue.Type.valueOf(attributeTypes.get(attribute));
  }

  /** The item's primary key, checked against the schema (for items and for {@code Key} parameters). */
  public ItemKey keyOf(Map<String, AttributeValue> item, boolean exactKey) {
    if (exactKey && item.size() != keySchema.size()) {
      throw DynamoDbError.invalid("The provided key element does not match the schema");
    }
    AttributeValue hash = keyPart(item, hashKey(), exactKey);
    String range = rangeKey();
    return new ItemKey(hash, range == null ? null : keyPart(item, range, exactKey));
  }

  private AttributeValue keyPart(Map<String, AttributeValue> item, String attribute, boolean exactKey) {
    AttributeValue v = item.get(attribute);
    if (v == null) {
      throw exactKey ? DynamoDbError.invalid("The provided key element does not match the schema")
          : DynamoDbError.invalidParameter("Missing the key " + attribute + " in the item");
    }
    AttributeValue.Type expected = typeOf(attribute);
    if (v.type() != expected) {
      throw exactKey ? DynamoDbError.invalid("The provided key element does not match the schema")
          : DynamoDbError.invalidParameter("Type mismatch for key " + attribute + " expected: " + expected
              + " actual: " + v.type());
    }
    if ((v.type() == AttributeValue.Type.S && v.s().isEmpty()) || (v.type() == AttributeValue.Type.B && v.b().length() == 0)) {
      throw DynamoDbError.invalid("One or more parameter values are not valid. The AttributeValue for a key attribute "
          + "cannot contain an empty " + (v.type() == AttributeValue.Type.S ? "string" : "binary") + " value. Key: " + attribute);
    }
    return v;
  }

  /** Checks the types of index key attributes an item carries (absent ones keep it out of the index). */
  public void checkIndexKeys(Map<String, AttributeValue> item) {
    for (IndexDef index : allIndexes()) {
      for (KeyElement k : index.keySchema()) {
        AttributeValue v = item.get(k.attributeName());
        AttributeValue.Type expected = typeOf(k.attributeName());
        if (v != null && v.type() != expected) {
          throw DynamoDbError.invalidParameter("Type mismatch for Index Key " + k.attributeName() + " Expected: "
              + expected + " Actual: " + v.type() + " IndexName: " + index.name());
        }
      }
    }
  }

  public List<IndexDef> allIndexes() {
    List<IndexDef> all = new ArrayList<>(globalIndexes);
    all.addAll(localIndexes);
    return all;
  }

  /** The names of the table's key attributes (HASH first). */
  public List<String> keyNames() {
    List<String> names = new ArrayList<>();
    names.add(hashKey());
    if (rangeKey() != null) {
      names.add(rangeKey());
    }
    return names;
  }

  public TableDef withGlobalIndexes(List<IndexDef> indexes, Map<String, String> types) {
    Map<String, String> merged = new LinkedHashMap<>(attributeTypes);
    merged.putAll(types);
    return new TableDef(account, region, name, id, createdMillis, keySchema, merged, indexes, localIndexes,
        billingMode, readCapacity, writeCapacity, deletionProtection, pointInTimeRecovery, tags);
  }

  public TableDef withBilling(String mode, long read, long write) {
    return new TableDef(account, region, name, id, createdMillis, keySchema, attributeTypes, globalIndexes,
        localIndexes, mode, read, write, deletionProtection, pointInTimeRecovery, tags);
  }

  public TableDef withDeletionProtection(boolean on) {
    return new TableDef(account, region, name, id, createdMillis, keySchema, attributeTypes, globalIndexes,
        localIndexes, billingMode, readCapacity, writeCapacity, on, pointInTimeRecovery, tags);
  }

  public TableDef withPointInTimeRecovery(boolean on) {
    return new TableDef(account, region, name, id, createdMillis, keySchema, attributeTypes, globalIndexes,
        localIndexes, billingMode, readCapacity, writeCapacity, deletionProtection, on, tags);
  }
}
