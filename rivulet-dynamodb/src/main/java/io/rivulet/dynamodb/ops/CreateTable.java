package io.rivulet.dynamodb.ops;

import io.rivulet.dynamodb.DynamoDbError;
import io.rivulet.dynamodb.engine.Database;
import io.rivulet.dynamodb.engine.Table;
import io.rivulet.dynamodb.engine.TableDef;
import io.rivulet.dynamodb.engine.TableDef.IndexDef;
import io.rivulet.dynamodb.engine.TableDef.KeyElement;
import io.rivulet.dynamodb.ops.Shapes.AttributeDefinition;
import io.rivulet.dynamodb.ops.Shapes.KeySchemaElement;
import io.rivulet.dynamodb.ops.Shapes.ProvisionedThroughput;
import io.rivulet.dynamodb.ops.Shapes.SecondaryIndex;
import io.rivulet.dynamodb.ops.Shapes.Tag;
import io.rivulet.protocol.RequestContext;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * CreateTable: the table (and its indexes) is ACTIVE at once; the description says ACTIVE too,
 * so clients that wait for the table find it ready on their first DescribeTable.
 */
public final class CreateTable extends DynamoOperation<CreateTable.Input, CreateTable.Output> {

  public record Input(List<AttributeDefinition> attributeDefinitions, String tableName,
      List<KeySchemaElement> keySchema, List<SecondaryIndex> localSecondaryIndexes,
      List<SecondaryIndex> globalSecondaryIndexes, String billingMode,
      ProvisionedThroughput provisionedThroughput, List<Tag> tags, Boolean deletionProtectionEnabled) {}

  public record Output(Map<String, Object> tableDescription) {}

  public CreateTable(Database db) {
    super(db, Input.class);
  }

  @Override
  protected Output call(Input in, RequestContext ctx) {
    List<KeyElement> keys = Shapes.keySchema(in.keySchema(), "table");
    Map<String, String> types = attributeTypes(in.attributeDefinitions());
    List<IndexDef> gsis = indexes(in.globalSecondaryIndexes());
    List<IndexDef> lsis = indexes(in.localSecondaryIndexes());
    Set<String> used = new HashSet<>();
    keys.forEach(k -> used.add(k.attributeName()));
    for (IndexDef i : gsis) {
      i.keySchema().forEach(k -> used.add(k.attributeName()));
    }
    for (IndexDef i : lsis) {
      i.keySchema().forEach(k -> used.add(k.attributeName()));
      if (!i.hashKey().equals(TableDef.hashOfKeys(keys)) || i.rangeKey() == null) {
        throw DynamoDbError.invalidParameter("Table KeySchema does not have a range key, which is required when "
            + "specifying a LocalSecondaryIndex");
      }
    }
    for (String u : used) {
      if (!types.containsKey(u)) {
        throw DynamoDbError.invalidParameter("Some index key attributes are not defined in AttributeDefinitions. "
            + "Keys: " + used + ", AttributeDefinitions: " + types.keySet());
      }
    }
    if (!used.containsAll(types.keySet())) {
      throw DynamoDbError.invalidParameter("Number of attributes in KeySchema does not exactly match number of "
          + "attributes defined in AttributeDefinitions");
    }
    String billing = in.billingMode() == null ? "PROVISIONED" : in.billingMode();
    ProvisionedThroughput t = in.provisionedThroughput();
    checkBilling(billing, t);
    Map<String, String> tags = new LinkedHashMap<>();
    if (in.tags() != null) {
      in.tags().forEach(tag -> tags.put(tag.key(), tag.value()));
    }
    TableDef def = new TableDef(ctx.accountId(), ctx.region(), in.tableName(), UUID.randomUUID().toString(),
        db.clock().millis(), keys, types, gsis, lsis, billing,
        t == null ? 0 : t.readCapacityUnits(), t == null ? 0 : t.writeCapacityUnits(),
        Boolean.TRUE.equals(in.deletionProtectionEnabled()), false, tags);
    Table table = db.createTable(def);
    return new Output(Descriptions.table(table, "ACTIVE"));
  }

  static void checkBilling(String billing, ProvisionedThroughput t) {
    if ("PROVISIONED".equals(billing) && (t == null || t.readCapacityUnits() == null || t.writeCapacityUnits() == null)) {
      throw DynamoDbError.invalidParameter(
          "ReadCapacityUnits and WriteCapacityUnits must both be specified when BillingMode is PROVISIONED");
    }
    if ("PAY_PER_REQUEST".equals(billing) && t != null) {
      throw DynamoDbError.invalidParameter(
          "Neither ReadCapacityUnits nor WriteCapacityUnits can be specified when BillingMode is PAY_PER_REQUEST");
    }
  }

  static Map<String, String> attributeTypes(List<AttributeDefinition> defs) {
    Map<String, String> types = new LinkedHashMap<>();
    if (defs != null) {
      for (AttributeDefinition d : defs) {
        if (types.put(d.attributeName(), d.attributeType()) != null) {
          throw DynamoDbError.invalid("Cannot have two attributes with the same name. Attribute name: " + d.attributeName());
        }
      }
    }
    return types;
  }

  private static List<IndexDef> indexes(List<SecondaryIndex> in) {
    List<IndexDef> out = new ArrayList<>();
    Set<String> names = new HashSet<>();
    if (in != null) {
      for (SecondaryIndex i : in) {
        if (!names.add(i.indexName())) {
          throw DynamoDbError.invalidParameter("Duplicate index name: " + i.indexName());
        }
        out.add(Shapes.index(i));
      }
    }
    return out;
  }
}
