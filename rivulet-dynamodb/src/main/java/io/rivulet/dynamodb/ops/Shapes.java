package io.rivulet.dynamodb.ops;

import io.rivulet.dynamodb.DynamoDbError;
import io.rivulet.dynamodb.engine.TableDef.IndexDef;
import io.rivulet.dynamodb.engine.TableDef.KeyElement;
import java.util.ArrayList;
import java.util.List;

/** Input structures shared by the table operations (components named as the model's members). */
final class Shapes {
  private Shapes() {}

  record AttributeDefinition(String attributeName, String attributeType) {}

  record KeySchemaElement(String attributeName, String keyType) {}

  record Projection(String projectionType, List<String> nonKeyAttributes) {}

  record ProvisionedThroughput(Long readCapacityUnits, Long writeCapacityUnits) {}

  record SecondaryIndex(String indexName, List<KeySchemaElement> keySchema, Projection projection,
      ProvisionedThroughput provisionedThroughput) {}

  record Tag(String key, String value) {}

  /** A key schema: one HASH element first, optionally one RANGE element. */
  static List<KeyElement> keySchema(List<KeySchemaElement> in, String what) {
    if (in.isEmpty() || in.size() > 2 || !"HASH".equals(in.get(0).keyType())
        || (in.size() == 2 && !"RANGE".equals(in.get(1).keyType()))) {
      throw DynamoDbError.invalidParameter("Invalid KeySchema: " + what
          + " must have one HASH key element, optionally followed by one RANGE key element");
    }
    if (in.size() == 2 && in.get(0).attributeName().equals(in.get(1).attributeName())) {
      throw DynamoDbError.invalidParameter("Both the Hash Key and the Range Key element in the KeySchema have the same name");
    }
    List<KeyElement> out = new ArrayList<>();
    for (KeySchemaElement k : in) {
      out.add(new KeyElement(k.attributeName(), k.keyType()));
    }
    return out;
  }

  /** An index definition (throughput zero for on-demand tables). */
  static IndexDef index(SecondaryIndex in) {
    Projection p = in.projection();
    if (p == null || p.projectionType() == null) {
      throw DynamoDbError.invalidParameter("Unknown ProjectionType: null");
    }
    if (!"INCLUDE".equals(p.projectionType()) && p.nonKeyAttributes() != null && !p.nonKeyAttributes().isEmpty()) {
      throw DynamoDbError.invalidParameter("ProjectionType is " + p.projectionType()
          + ", but NonKeyAttributes is specified");
    }
    ProvisionedThroughput t = in.provisionedThroughput();
    return new IndexDef(in.indexName(), keySchema(in.keySchema(), "index " + in.indexName()), p.projectionType(),
        p.nonKeyAttributes(), t == null || t.readCapacityUnits() == null ? 0 : t.readCapacityUnits(),
        t == null || t.writeCapacityUnits() == null ? 0 : t.writeCapacityUnits());
  }
}
