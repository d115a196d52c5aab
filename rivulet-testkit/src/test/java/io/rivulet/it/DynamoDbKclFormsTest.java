package io.rivulet.it;

import static io.rivulet.it.DynamoDbSdk.n;
import static io.rivulet.it.DynamoDbSdk.s;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.rivulet.testkit.RivuletExtension;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbEnhancedClient;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbTable;
import software.amazon.awssdk.enhanced.dynamodb.Expression;
import software.amazon.awssdk.enhanced.dynamodb.Key;
import software.amazon.awssdk.enhanced.dynamodb.TableSchema;
import software.amazon.awssdk.enhanced.dynamodb.mapper.annotations.DynamoDbAttribute;
import software.amazon.awssdk.enhanced.dynamodb.mapper.annotations.DynamoDbBean;
import software.amazon.awssdk.enhanced.dynamodb.mapper.annotations.DynamoDbPartitionKey;
import software.amazon.awssdk.enhanced.dynamodb.model.ScanEnhancedRequest;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.ScanResponse;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

/**
 * The expression forms of KCL 3.x: its leader lock (dynamodb-lock-client), the enhanced client's
 * worker-metrics update, filtered scan and conditional delete, parallel scan segments, the
 * lease-owner GSI query, and TransactWriteItems (table migration).
 */
class DynamoDbKclFormsTest {
  @RegisterExtension static RivuletExtension rivulet = new RivuletExtension();
  static final String TABLE = "forms-app";
  static DynamoDbClient ddb;

  @BeforeAll
  static void table() {
    ddb = DynamoDbSdk.client(rivulet.endpoint());
    ddb.createTable(b -> b.tableName(TABLE).billingMode(BillingMode.PAY_PER_REQUEST)
        .keySchema(key("leaseKey", KeyType.HASH))
        .attributeDefinitions(attr("leaseKey"), attr("leaseOwner"))
        .globalSecondaryIndexes(GlobalSecondaryIndex.builder().indexName("LeaseOwnerToLeaseKeyIndex")
            .keySchema(key("leaseOwner", KeyType.HASH), key("leaseKey", KeyType.RANGE))
            .projection(p -> p.projectionType(ProjectionType.KEYS_ONLY)).build()));
  }

  @AfterAll
  static void close() {
    ddb.deleteTable(b -> b.tableName(TABLE));
    ddb.close();
  }

  @Test
  void leaderLockForms() {
    Map<String, AttributeValue> lock = new HashMap<>(Map.of("leaseKey", s("Leader"), "ownerName", s("w1"),
        "leaseDuration", s("120000"), "recordVersionNumber", s("rvn-1"), "entityType", s("LEADER")));
    ddb.putItem(b -> b.tableName(TABLE).item(lock).conditionExpression("attribute_not_exists(#pk)")
        .expressionAttributeNames(Map.of("#pk", "leaseKey")));
    assertThat(catchThrowableOfType(ConditionalCheckFailedException.class, () -> ddb.putItem(b -> b.tableName(TABLE)
        .item(lock).conditionExpression("attribute_not_exists(#pk)").expressionAttributeNames(Map.of("#pk", "leaseKey")))))
        .isNotNull();
    Map<String, String> names = Map.of("#pk", "leaseKey", "#rvn", "recordVersionNumber", "#on", "ownerName",
        "#ld", "leaseDuration", "#d", "data");
    ddb.updateItem(b -> b.tableName(TABLE).key(Map.of("leaseKey", s("Leader")))
        .updateExpression("SET #ld = :ld, #rvn = :newRvn REMOVE #d")
        .conditionExpression("attribute_exists(#pk) AND #rvn = :rvn AND #on = :on")
        .expressionAttributeNames(names)
        .expressionAttributeValues(Map.of(":ld", s("120000"), ":newRvn", s("rvn-2"), ":rvn", s("rvn-1"), ":on", s("w1"))));
    Map<String, AttributeValue> read = ddb.getItem(b -> b.tableName(TABLE).key(Map.of("leaseKey", s("Leader")))
        .consistentRead(true)).item();
    assertThat(read.get("recordVersionNumber").s()).isEqualTo("rvn-2");
    // an expired lock is taken over with a condition on the old version number
    lock.put("ownerName", s("w2"));
    lock.put("recordVersionNumber", s("rvn-3"));
    ddb.putItem(b -> b.tableName(TABLE).item(lock).conditionExpression("attribute_exists(#pk) AND #rvn = :rvn")
        .expressionAttributeNames(Map.of("#pk", "leaseKey", "#rvn", "recordVersionNumber"))
        .expressionAttributeValues(Map.of(":rvn", s("rvn-2"))));
    // release: delete with the owner's condition; a stale owner fails
    assertThat(catchThrowableOfType(ConditionalCheckFailedException.class, () -> ddb.deleteItem(b -> b.tableName(TABLE)
        .key(Map.of("leaseKey", s("Leader"))).conditionExpression("attribute_exists(#pk) AND #rvn = :rvn AND #on = :on")
        .expressionAttributeNames(Map.of("#pk", "leaseKey", "#rvn", "recordVersionNumber", "#on", "ownerName"))
        .expressionAttributeValues(Map.of(":rvn", s("rvn-3"), ":on", s("w1")))))).isNotNull();
    ddb.deleteItem(b -> b.tableName(TABLE).key(Map.of("leaseKey", s("Leader")))
        .conditionExpression("attribute_exists(#pk) AND #rvn = :rvn AND #on = :on")
        .expressionAttributeNames(Map.of("#pk", "leaseKey", "#rvn", "recordVersionNumber", "#on", "ownerName"))
        .expressionAttributeValues(Map.of(":rvn", s("rvn-3"), ":on", s("w2"))));
  }

  /** The shape of KCL's LeaseTableWorkerMetricStats bean (3.5). */
  @DynamoDbBean
  public static class WorkerMetrics {
    private String leaseKey;
    private Long lut;
    private Map<String, List<Double>> sts;
    private String entityType;

    @DynamoDbPartitionKey
    @DynamoDbAttribute("leaseKey")
    public String getLeaseKey() {
      return leaseKey;
    }

    public void setLeaseKey(String v) {
      leaseKey = v;
    }

    @DynamoDbAttribute("lut")
    public Long getLut() {
      return lut;
    }

    public void setLut(Long v) {
      lut = v;
    }

    @DynamoDbAttribute("sts")
    public Map<String, List<Double>> getSts() {
      return sts;
    }

    public void setSts(Map<String, List<Double>> v) {
      sts = v;
    }

    @DynamoDbAttribute("entityType")
    public String getEntityType() {
      return entityType;
    }

    public void setEntityType(String v) {
      entityType = v;
    }
  }

  @Test
  @SuppressWarnings("deprecation") // ignoreNulls(true) is what KCL's WorkerMetricStatsDAODelegate calls
  void enhancedClientWorkerMetrics() {
    DynamoDbEnhancedClient enhanced = DynamoDbEnhancedClient.builder().dynamoDbClient(ddb).build();
    DynamoDbTable<WorkerMetrics> table = enhanced.table(TABLE, TableSchema.fromBean(WorkerMetrics.class));
    WorkerMetrics m = new WorkerMetrics();
    m.setLeaseKey("worker-1");
    m.setLut(1_700_000_000L);
    m.setSts(Map.of("T", List.of(12.5, -1.0)));
    m.setEntityType("WORKER_METRIC_STATS");
    WorkerMetrics written = table.updateItem(r -> r.item(m).ignoreNulls(true));
    assertThat(written.getSts()).isEqualTo(Map.of("T", List.of(12.5, -1.0)));
    ddb.putItem(b -> b.tableName(TABLE).item(Map.of("leaseKey", s("shardId-x"), "entityType", s("LEASE"))));

    List<WorkerMetrics> found = new ArrayList<>();
    table.scan(ScanEnhancedRequest.builder().filterExpression(Expression.builder().expression("#et = :etVal")
        .putExpressionName("#et", "entityType").putExpressionValue(":etVal", s("WORKER_METRIC_STATS")).build()).build())
        .items().forEach(found::add);
    assertThat(found).extracting(WorkerMetrics::getLeaseKey).containsExactly("worker-1");

    Expression stale = Expression.builder().expression("#key = :value AND attribute_exists (leaseKey)")
        .putExpressionName("#key", "lut").putExpressionValue(":value", n("1700000000")).build();
    table.deleteItem(r -> r.key(Key.builder().partitionValue("worker-1").build()).conditionExpression(stale));
    assertThat(table.getItem(Key.builder().partitionValue("worker-1").build())).isNull();
    ddb.deleteItem(b -> b.tableName(TABLE).key(Map.of("leaseKey", s("shardId-x"))));
  }

  @Test
  void parallelScanSegmentsPartitionTheItemsAndGsiQueryIsSparse() {
    Set<String> all = new HashSet<>();
    for (int i = 0; i < 120; i++) {
      Map<String, AttributeValue> item = new HashMap<>(Map.of("leaseKey", s("p-" + i), "leaseCounter", n(Integer.toString(i))));
      if (i % 3 == 0) {
        item.put("leaseOwner", s("worker-" + (i % 2)));
      }
      ddb.putItem(b -> b.tableName(TABLE).item(item));
      all.add("p-" + i);
    }
    Set<String> union = new HashSet<>();
    int total = 0;
    for (int segment = 0; segment < 4; segment++) {
      Map<String, AttributeValue> start = null;
      do {
        Map<String, AttributeValue> from = start;
        int seg = segment;
        ScanResponse page = ddb.scan(b -> b.tableName(TABLE).segment(seg).totalSegments(4).limit(7).exclusiveStartKey(from));
        for (Map<String, AttributeValue> item : page.items()) {
          union.add(item.get("leaseKey").s());
          total++;
        }
        start = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null;
      } while (start != null);
    }
    assertThat(total).as("segments are disjoint").isEqualTo(120);
    assertThat(union).isEqualTo(all);

    List<String> owned = new ArrayList<>();
    Map<String, AttributeValue> start = null;
    do {
      Map<String, AttributeValue> from = start;
      QueryResponse page = ddb.query(b -> b.tableName(TABLE).indexName("LeaseOwnerToLeaseKeyIndex")
          .keyConditionExpression("leaseOwner = :leaseOwner")
          .expressionAttributeValues(Map.of(":leaseOwner", s("worker-0"))).limit(5).exclusiveStartKey(from));
      for (Map<String, AttributeValue> item : page.items()) {
        assertThat(item.keySet()).as("KEYS_ONLY").containsExactlyInAnyOrder("leaseKey", "leaseOwner");
        owned.add(item.get("leaseKey").s());
      }
      start = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null;
    } while (start != null);
    assertThat(owned).hasSize(20).isSorted();
  }

  @Test
  void transactWriteItemsAllOrNothing() {
    ddb.putItem(b -> b.tableName(TABLE).item(Map.of("leaseKey", s("old-0"), "v", n("1"))));
    TransactWriteItem put = TransactWriteItem.builder().put(p -> p.tableName(TABLE)
        .item(Map.of("leaseKey", s("new-0"), "v", n("1"))).conditionExpression("attribute_not_exists(leaseKey)")).build();
    TransactWriteItem delete = TransactWriteItem.builder().delete(d -> d.tableName(TABLE)
        .key(Map.of("leaseKey", s("old-0")))).build();
    ddb.transactWriteItems(b -> b.transactItems(put, delete));
    assertThat(ddb.getItem(b -> b.tableName(TABLE).key(Map.of("leaseKey", s("old-0")))).hasItem()).isFalse();

    TransactWriteItem again = TransactWriteItem.builder().put(p -> p.tableName(TABLE)
        .item(Map.of("leaseKey", s("new-0"), "v", n("2"))).conditionExpression("attribute_not_exists(leaseKey)")
        .returnValuesOnConditionCheckFailure("ALL_OLD")).build();
    TransactWriteItem other = TransactWriteItem.builder().put(p -> p.tableName(TABLE)
        .item(Map.of("leaseKey", s("new-1"), "v", n("1")))).build();
    TransactionCanceledException e = catchThrowableOfType(TransactionCanceledException.class,
        () -> ddb.transactWriteItems(b -> b.transactItems(again, other)));
    assertThat(e.cancellationReasons()).extracting(CancellationReason::code).containsExactly("ConditionalCheckFailed", "None");
    assertThat(e.cancellationReasons().get(0).item().get("v").n()).isEqualTo("1");
    assertThat(ddb.getItem(b -> b.tableName(TABLE).key(Map.of("leaseKey", s("new-1")))).hasItem()).isFalse();
  }

  static AttributeDefinition attr(String name) {
    return AttributeDefinition.builder().attributeName(name).attributeType(ScalarAttributeType.S).build();
  }

  static KeySchemaElement key(String name, KeyType type) {
    return KeySchemaElement.builder().attributeName(name).keyType(type).build();
  }
}
