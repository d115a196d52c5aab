package io.rivulet.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.rivulet.testkit.RivuletExtension;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.services.dynamodb.DynamoDbAsyncClient;

/**
 * DynamoDB coverage as one visible list: Rivulet serves the subset the Kinesis Client Library 3.x
 * calls (see the project's notes on KCL) plus a few cheap neighbours; this test fails when the
 * operation table and this list disagree, or when a served name is not an SDK operation.
 */
class DynamoDbOperationCoverageTest {
  @RegisterExtension static RivuletExtension rivulet = new RivuletExtension();

  static final Set<String> SERVED = Set.of("BatchGetItem", "BatchWriteItem", "CreateTable", "DeleteItem",
      "DeleteTable", "DescribeContinuousBackups", "DescribeTable", "DescribeTimeToLive", "GetItem", "ListTables",
      "PutItem", "Query", "Scan", "TransactWriteItems", "UpdateContinuousBackups", "UpdateItem", "UpdateTable");

  @Test
  void theOperationTableIsTheListedKclSubset() {
    Set<String> sdk = new TreeSet<>();
    for (Method m : DynamoDbAsyncClient.class.getMethods()) {
      if (!Modifier.isStatic(m.getModifiers()) && m.getParameterCount() >= 1
          && SdkRequest.class.isAssignableFrom(m.getParameterTypes()[0]) && !m.getName().endsWith("Paginator")) {
        sdk.add(Character.toUpperCase(m.getName().charAt(0)) + m.getName().substring(1));
      }
    }
    Set<String> served = rivulet.server().dynamodb().definition().operations().names();
    assertThat(served).isEqualTo(SERVED);
    assertThat(sdk).containsAll(served);
  }
}
