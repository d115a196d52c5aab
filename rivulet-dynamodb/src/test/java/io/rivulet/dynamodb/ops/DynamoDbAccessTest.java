package io.rivulet.dynamodb.ops;

import static org.assertj.core.api.Assertions.assertThat;

import io.rivulet.dynamodb.DynamoDbService;
import io.rivulet.protocol.auth.AccessRules;
import io.rivulet.protocol.auth.AccessRules.Access;
import io.rivulet.protocol.auth.AccessRules.Scope;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Every DynamoDB operation has its line, and the lines name AWS's actions and table/index ARNs. */
class DynamoDbAccessTest {
  private static final String T = "arn:aws:dynamodb:us-east-1:111122223333:table/";
  private final Scope scope = new Scope("111122223333", "us-east-1");

  @Test
  void everyOperationHasALine() {
    DynamoDbService service = new DynamoDbService(null, Clock.systemUTC());
    try {
      AccessRules rules = service.definition().access();
      assertThat(rules.operations()).containsExactlyInAnyOrderElementsOf(service.definition().operations().names());
      assertThat(rules.signingName()).isEqualTo("dynamodb");
    } finally {
      service.close();
    }
  }

  @Test
  void tablesIndexesBatchesAndTransactions() {
    AccessRules rules = DynamoDbAccess.rules();
    assertThat(rules.accessFor("GetItem", Map.of("TableName", "leases"), scope))
        .containsExactly(new Access("dynamodb:GetItem", T + "leases"));
    assertThat(rules.accessFor("GetItem", Map.of("TableName", T + "x"), scope))
        .containsExactly(new Access("dynamodb:GetItem", T + "x"));
    assertThat(rules.accessFor("Query", Map.of("TableName", "leases", "IndexName", "by-owner"), scope))
        .containsExactly(new Access("dynamodb:Query", T + "leases/index/by-owner"));
    assertThat(rules.accessFor("BatchWriteItem", Map.of("RequestItems", Map.of("a", List.of(), "b", List.of())), scope))
        .extracting(Access::resource).containsExactlyInAnyOrder(T + "a", T + "b");
    assertThat(rules.accessFor("TransactWriteItems", Map.of("TransactItems", List.of(
        Map.of("Put", Map.of("TableName", "a")), Map.of("ConditionCheck", Map.of("TableName", "b")))), scope))
        .containsExactly(new Access("dynamodb:PutItem", T + "a"), new Access("dynamodb:ConditionCheckItem", T + "b"));
    assertThat(rules.accessFor("ListTables", Map.of(), scope)).containsExactly(new Access("dynamodb:ListTables", "*"));
  }
}
