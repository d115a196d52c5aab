package io.rivulet.dynamodb.ops;

import io.rivulet.dynamodb.DynamoDbError;
import io.rivulet.dynamodb.engine.Database;
import io.rivulet.dynamodb.engine.Table;
import io.rivulet.dynamodb.engine.TableDef;
import io.rivulet.dynamodb.engine.TableDef.IndexDef;
import io.rivulet.dynamodb.engine.TableDef.KeyElement;
import io.rivulet.dynamodb.ops.Shapes.AttributeDefinition;
import io.rivulet.dynamodb.ops.Shapes.ProvisionedThroughput;
import io.rivulet.dynamodb.ops.Shapes.SecondaryIndex;
import io.rivulet.protocol.RequestContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * UpdateTable: global secondary index creation and deletion (new indexes are ACTIVE at once),
 * billing mode, throughput and deletion protection. Creating an index identical to an existing
 * one (same name, keys and projection) answers success with the current description: KCL 3.5's
 * workers race to create their lease-owner index, and a worker whose request fails never starts
 * its lease assignment (see the project's notes on KCL).
 */
public final class UpdateTable extends DynamoOperation<UpdateTable.Input, UpdateTable.Output> {

  public record IndexName(String indexName, ProvisionedThroughput provisionedThroughput) {}

  public record IndexUpdate(IndexName update, SecondaryIndex create, IndexName delete) {}

  public record Input(List<AttributeDefinition> attributeDefinitions, String tableName, String billingMode,
      ProvisionedThroughput provisionedThroughput, List<IndexUpdate> globalSecondaryIndexUpdates,
      Boolean deletionProtectionEnabled) {}

  public record Output(Map<String, Object> tableDescription) {}

  public UpdateTable(Database db) {
    super(db, Input.class);
  }

  @Override
  protected Output call(Input in, RequestContext ctx) {
    Table table = table(ctx, in.tableName());
    Map<String, String> newTypes = CreateTable.attributeTypes(in.attributeDefinitions());
    db.updateTable(table, def -> apply(def, in, newTypes));
    return new Output(Descriptions.table(table, "ACTIVE"));
  }

  private static TableDef apply(TableDef def, Input in, Map<String, String> newTypes) {
    TableDef next = def;
    for (Map.Entry<String, String> e : newTypes.entrySet()) {
      String existing = def.attributeTypes().get(e.getKey());
      if (existing != null && !existing.equals(e.getValue())) {
        throw DynamoDbError.invalidParameter("Cannot change the type of attribute " + e.getKey());
      }
    }
    if (in.globalSecondaryIndexUpdates() != null) {
      List<IndexDef> indexes = new ArrayList<>(def.globalIndexes());
      for (IndexUpdate u : in.globalSecondaryIndexUpdates()) {
        if (u.create() != null) {
          IndexDef created = Shapes.index(u.create());
          IndexDef existing = def.index(created.name());
          if (existing != null) {
            if (existing.sameShape(created)) {
              continue;
            }
            throw DynamoDbError.invalidParameter("Index already exists: " + created.name());
          }
          for (KeyElement k : created.keySchema()) {
            if (!newTypes.containsKey(k.attributeName()) && !def.attributeTypes().containsKey(k.attributeName())) {
              throw DynamoDbError.invalidParameter("Global Secondary Index key attribute " + k.attributeName()
                  + " is not defined in AttributeDefinitions");
            }
          }
          indexes.add(created);
        } else if (u.delete() != null) {
          if (!indexes.removeIf(i -> i.name().equals(u.delete().indexName()))) {
            throw DynamoDbError.RESOURCE_NOT_FOUND.with("Requested resource not found: Index: "
                + u.delete().indexName() + " not found");
          }
        } else if (u.update() != null && def.index(u.update().indexName()) == null) {
          throw DynamoDbError.RESOURCE_NOT_FOUND.with("Requested resource not found: Index: "
              + u.update().indexName() + " not found");
        }
      }
      if (!indexes.equals(def.globalIndexes()) || !newTypes.isEmpty()) {
        next = next.withGlobalIndexes(indexes, newTypes);
      }
    }
    if (in.billingMode() != null || in.provisionedThroughput() != null) {
      String mode = in.billingMode() == null ? def.billingMode() : in.billingMode();
      ProvisionedThroughput t = in.provisionedThroughput();
      if ("PAY_PER_REQUEST".equals(mode) && t != null) {
        CreateTable.checkBilling(mode, t);
      }
      next = next.withBilling(mode, t == null || "PAY_PER_REQUEST".equals(mode) ? 0 : t.readCapacityUnits(),
          t == null || "PAY_PER_REQUEST".equals(mode) ? 0 : t.writeCapacityUnits());
    }
    if (in.deletionProtectionEnabled() != null) {
      next = next.withDeletionProtection(in.deletionProtectionEnabled());
    }
    return next.equals(def) ? def : next;
  }
}
