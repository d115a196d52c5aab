package io.rivulet.it;

import static io.rivulet.it.DynamoDbSdk.n;
import static io.rivulet.it.DynamoDbSdk.s;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.rivulet.testkit.RivuletExtension;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeAction;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.AttributeValueUpdate;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.CreateTableResponse;
import software.amazon.awssdk.services.dynamodb.model.ExpectedAttributeValue;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndexDescription;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndexUpdate;
import software.amazon.awssdk.services.dynamodb.model.IndexStatus;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;
import software.amazon.awssdk.services.dynamodb.model.ResourceInUseException;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;
import software.amazon.awssdk.services.dynamodb.model.ReturnValuesOnConditionCheckFailure;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;
import software.amazon.awssdk.services.dynamodb.model.TableStatus;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemResponse;
import software.amazon.awssdk.services.dynamodb.model.UpdateTableResponse;

/**
 * The lease-table requests of the Kinesis Client Library 3.x, in the exact forms it sends them
 * (see the project's notes on KCL): table and index creation, the legacy {@code Expected} /
 * {@code AttributeUpdates} lease operations, ALL_OLD on a failed condition, persistence across a
 * restart.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DynamoDbLeaseTableTest {
  @RegisterExtension static RivuletExtension rivulet = new RivuletExtension();
  static final String TABLE = "lease-app";
  static final String INDEX = "LeaseOwnerToLeaseKeyIndex";
  static DynamoDbClient ddb;

  @BeforeAll
  static void client() {
    ddb = DynamoDbSdk.client(rivulet.endpoint());
  }

  @AfterAll
  static void close() {
    ddb.close();
  }

  @Test
  @Order(1)
  void createsTheLeaseTableThenItsIndexLikeKcl() {
    assertThat(catchThrowableOfType(ResourceNotFoundException.class,
        () -> ddb.describeTable(b -> b.tableName(TABLE + "-CoordinatorState"))).statusCode()).isEqualTo(400);
    CreateTableResponse created = ddb.createTable(b -> b.tableName(TABLE)
        .keySchema(key("leaseKey", KeyType.HASH))
        .attributeDefinitions(attr("leaseKey"))
        .billingMode(BillingMode.PAY_PER_REQUEST).deletionProtectionEnabled(false));
    assertThat(created.tableDescription().tableStatus()).isEqualTo(TableStatus.ACTIVE);
    assertThat(catchThrowableOfType(ResourceInUseException.class, () -> ddb.createTable(b -> b.tableName(TABLE)
        .keySchema(key("leaseKey", KeyType.HASH))
        .attributeDefinitions(attr("leaseKey"))
        .billingMode(BillingMode.PAY_PER_REQUEST)))).isNotNull();

    TableDescription d = ddb.describeTable(b -> b.tableName(TABLE)).table();
    assertThat(d.tableStatus()).isEqualTo(TableStatus.ACTIVE);
    assertThat(d.billingModeSummary().billingMode()).isEqualTo(BillingMode.PAY_PER_REQUEST);
    assertThat(d.tableArn()).isEqualTo("arn:aws:dynamodb:us-east-1:000000000000:table/" + TABLE);
    assertThat(d.tableSizeBytes()).isZero();
    assertThat(d.deletionProtectionEnabled()).isFalse();
    assertThat(d.globalSecondaryIndexes()).isEmpty();

    for (int attempt = 0; attempt < 2; attempt++) { // the second is KCL's race: same index again
      UpdateTableResponse u = ddb.updateTable(b -> b.tableName(TABLE)
          .attributeDefinitions(attr("leaseOwner"), attr("leaseKey"))
          .globalSecondaryIndexUpdates(GlobalSecondaryIndexUpdate.builder().create(c -> c.indexName(INDEX)
              .keySchema(key("leaseOwner", KeyType.HASH), key("leaseKey", KeyType.RANGE))
              .projection(p -> p.projectionType(ProjectionType.KEYS_ONLY))).build()));
      GlobalSecondaryIndexDescription gsi = u.tableDescription().globalSecondaryIndexes().get(0);
      assertThat(gsi.indexName()).isEqualTo(INDEX);
      assertThat(gsi.indexStatus()).isEqualTo(IndexStatus.ACTIVE);
    }
    assertThat(ddb.describeTable(b -> b.tableName(TABLE)).table().globalSecondaryIndexes()).hasSize(1);
    assertThat(ddb.listTables().tableNames()).contains(TABLE);
  }

  @Test
  @Order(2)
  void leaseLifecycleWithLegacyParameters() {
    Map<String, AttributeValue> lease = new HashMap<>();
    lease.put("leaseKey", s("shardId-000000000000"));
    lease.put("leaseCounter", n("0"));
    lease.put("checkpoint", s("TRIM_HORIZON"));
    lease.put("checkpointSubSequenceNumber", n("0"));
    lease.put("ownerSwitchesSinceCheckpoint", n("0"));
    lease.put("parentShardId", AttributeValue.fromSs(List.of("shardId-parent")));
    lease.put("startingHashKey", s("0"));
    lease.put("endingHashKey", s("340282366920938463463374607431768211455"));
    lease.put("entityType", s("LEASE"));
    Map<String, ExpectedAttributeValue> absent = Map.of("leaseKey", ExpectedAttributeValue.builder().exists(false).build());
    ddb.putItem(b -> b.tableName(TABLE).item(lease).expected(absent));
    assertThat(catchThrowableOfType(ConditionalCheckFailedException.class,
        () -> ddb.putItem(b -> b.tableName(TABLE).item(lease).expected(absent)))).isNotNull();

    // take: counter PUT, owner PUT, checkpointOwner DELETE (absent: fine), switches ADD 1
    ddb.updateItem(b -> b.tableName(TABLE).key(key()).attributeUpdates(Map.of(
            "leaseCounter", put(n("1")), "leaseOwner", put(s("worker-a")),
            "checkpointOwner", AttributeValueUpdate.builder().action(AttributeAction.DELETE).build(),
            "ownerSwitchesSinceCheckpoint", AttributeValueUpdate.builder().action(AttributeAction.ADD).value(n("1")).build()))
        .expected(Map.of("leaseCounter", ExpectedAttributeValue.builder().value(n("0")).build())));

    // renew with the right counter, then with a stale one: the failure carries the old item
    ddb.updateItem(b -> b.tableName(TABLE).key(key())
        .attributeUpdates(Map.of("leaseCounter", put(n("2")), "throughputKBps", put(n("12.50"))))
        .expected(Map.of("leaseCounter", ExpectedAttributeValue.builder().value(n("1")).build(),
            "checkpointOwner", ExpectedAttributeValue.builder().exists(false).build()))
        .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD));
    ConditionalCheckFailedException stale = catchThrowableOfType(ConditionalCheckFailedException.class,
        () -> ddb.updateItem(b -> b.tableName(TABLE).key(key())
            .attributeUpdates(Map.of("leaseCounter", put(n("2"))))
            .expected(Map.of("leaseCounter", ExpectedAttributeValue.builder().value(n("1")).build()))
            .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD)));
    assertThat(stale.statusCode()).isEqualTo(400);
    assertThat(stale.awsErrorDetails().errorCode()).isEqualTo("ConditionalCheckFailedException");
    assertThat(stale.item().get("leaseCounter").n()).isEqualTo("2");
    assertThat(stale.item().get("throughputKBps").n()).isEqualTo("12.5");
    assertThat(stale.item().get("parentShardId").ss()).containsExactly("shardId-parent");

    // the leader's assignment: Exists:true WITH Value, ADD to the counter, ALL_NEW
    UpdateItemResponse assigned = ddb.updateItem(b -> b.tableName(TABLE).key(key())
        .attributeUpdates(Map.of("leaseOwner", put(s("worker-b")),
            "checkpointOwner", AttributeValueUpdate.builder().action(AttributeAction.DELETE).build(),
            "ownerSwitchesSinceCheckpoint", AttributeValueUpdate.builder().action(AttributeAction.ADD).value(n("1")).build(),
            "leaseCounter", AttributeValueUpdate.builder().action(AttributeAction.ADD).value(n("1")).build()))
        .expected(Map.of("leaseOwner", ExpectedAttributeValue.builder().value(s("worker-a")).build(),
            "checkpointOwner", ExpectedAttributeValue.builder().exists(false).build(),
            "leaseKey", ExpectedAttributeValue.builder().exists(true).value(s("shardId-000000000000")).build()))
        .returnValues(ReturnValue.ALL_NEW)
        .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD));
    assertThat(assigned.attributes().get("leaseOwner").s()).isEqualTo("worker-b");
    assertThat(assigned.attributes().get("leaseCounter").n()).isEqualTo("3");
    assertThat(assigned.attributes().get("ownerSwitchesSinceCheckpoint").n()).isEqualTo("2");

    // checkpoint: sequence number, SS children, B pending state, a DELETE of an absent attribute
    byte[] state = {1, 2, 3, (byte) 0xff};
    ddb.updateItem(b -> b.tableName(TABLE).key(key()).attributeUpdates(Map.of(
            "leaseCounter", put(n("4")),
            "checkpoint", put(s("49590338271490256608559692538361571095921575989136588898")),
            "checkpointSubSequenceNumber", put(n("0")),
            "ownerSwitchesSinceCheckpoint", put(n("0")),
            "pendingCheckpointState", put(AttributeValue.fromB(SdkBytes.fromByteArray(state))),
            "pendingCheckpoint", AttributeValueUpdate.builder().action(AttributeAction.DELETE).build(),
            "childShardIds", put(AttributeValue.fromSs(List.of("shardId-000000000002", "shardId-000000000003")))))
        .expected(Map.of("leaseCounter", ExpectedAttributeValue.builder().value(n("3")).build())));
    Map<String, AttributeValue> item = ddb.getItem(b -> b.tableName(TABLE).key(key())).item();
    assertThat(item.get("checkpoint").s()).isEqualTo("49590338271490256608559692538361571095921575989136588898");
    assertThat(item.get("pendingCheckpointState").b().asByteArray()).isEqualTo(state);
    assertThat(item.get("childShardIds").ss()).containsExactlyInAnyOrder("shardId-000000000002", "shardId-000000000003");
    assertThat(item).doesNotContainKey("pendingCheckpoint");

    // evict: owner DELETE, counter ADD 1, owner must still be the one we read
    UpdateItemResponse evicted = ddb.updateItem(b -> b.tableName(TABLE).key(key())
        .attributeUpdates(Map.of("leaseOwner", AttributeValueUpdate.builder().action(AttributeAction.DELETE).build(),
            "checkpointOwner", AttributeValueUpdate.builder().action(AttributeAction.DELETE).build(),
            "leaseCounter", AttributeValueUpdate.builder().action(AttributeAction.ADD).value(n("1")).build()))
        .expected(Map.of("leaseOwner", ExpectedAttributeValue.builder().value(s("worker-b")).build(),
            "leaseKey", ExpectedAttributeValue.builder().exists(true).value(s("shardId-000000000000")).build()))
        .returnValues(ReturnValue.ALL_NEW));
    assertThat(evicted.attributes()).doesNotContainKey("leaseOwner");
    assertThat(evicted.attributes().get("leaseCounter").n()).isEqualTo("5");
  }

  @Test
  @Order(3)
  void leasesSurviveARestart() {
    rivulet.restart();
    try (DynamoDbClient again = DynamoDbSdk.client(rivulet.endpoint())) {
      Map<String, AttributeValue> item = again.getItem(b -> b.tableName(TABLE).key(key()).consistentRead(true)).item();
      assertThat(item.get("leaseCounter").n()).isEqualTo("5");
      assertThat(item.get("throughputKBps").n()).isEqualTo("12.5");
      assertThat(again.describeTable(b -> b.tableName(TABLE)).table().globalSecondaryIndexes().get(0).indexStatus())
          .isEqualTo(IndexStatus.ACTIVE);
      again.deleteItem(b -> b.tableName(TABLE).key(key()));
      assertThat(again.getItem(b -> b.tableName(TABLE).key(key())).hasItem()).isFalse();
    }
    ddb.close();
    ddb = DynamoDbSdk.client(rivulet.endpoint());
  }

  static Map<String, AttributeValue> key() {
    return Map.of("leaseKey", s("shardId-000000000000"));
  }

  static AttributeDefinition attr(String name) {
    return AttributeDefinition.builder().attributeName(name).attributeType(ScalarAttributeType.S).build();
  }

  static KeySchemaElement key(String name, KeyType type) {
    return KeySchemaElement.builder().attributeName(name).keyType(type).build();
  }

  static AttributeValueUpdate put(AttributeValue v) {
    return AttributeValueUpdate.builder().action(AttributeAction.PUT).value(v).build();
  }
}
