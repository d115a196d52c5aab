package io.rivulet.dynamodb;

import io.rivulet.dynamodb.engine.Database;
import io.rivulet.dynamodb.ops.BatchGetItem;
import io.rivulet.dynamodb.ops.BatchWriteItem;
import io.rivulet.dynamodb.ops.CreateTable;
import io.rivulet.dynamodb.ops.DeleteItem;
import io.rivulet.dynamodb.ops.DeleteTable;
import io.rivulet.dynamodb.ops.DescribeContinuousBackups;
import io.rivulet.dynamodb.ops.DescribeTable;
import io.rivulet.dynamodb.ops.DescribeTimeToLive;
import io.rivulet.dynamodb.ops.DynamoDbAccess;
import io.rivulet.dynamodb.ops.GetItem;
import io.rivulet.dynamodb.ops.ListTables;
import io.rivulet.dynamodb.ops.PutItem;
import io.rivulet.dynamodb.ops.Query;
import io.rivulet.dynamodb.ops.Scan;
import io.rivulet.dynamodb.ops.TransactWriteItems;
import io.rivulet.dynamodb.ops.UpdateContinuousBackups;
import io.rivulet.dynamodb.ops.UpdateItem;
import io.rivulet.dynamodb.ops.UpdateTable;
import io.rivulet.protocol.OperationTable;
import io.rivulet.protocol.ServiceDefinition;
import io.rivulet.protocol.ServiceModel;
import java.io.Closeable;
import java.nio.file.Path;
import java.time.Clock;

/**
 * The DynamoDB subset the Kinesis Client Library uses for its lease, coordinator-state and
 * worker-metrics tables (AWS JSON 1.0, {@code X-Amz-Target: DynamoDB_20120810.<Op>}): its store,
 * its operation table (one line per operation) and its service definition. Thread-safe.
 */
public final class DynamoDbService implements Closeable {
  public static final String TARGET_PREFIX = "DynamoDB_20120810";
  public static final String MODEL_RESOURCE = "/io/rivulet/dynamodb/dynamodb-2012-08-10.shapes.json";

  private final Database db;
  private final ServiceDefinition definition;

  /**
   * @param stateDir where the journal lives, or null to keep tables in memory only
   * @param clock read for creation times and restore windows
   */
  public DynamoDbService(Path stateDir, Clock clock) {
    this.db = new Database(stateDir, clock);
    OperationTable table = OperationTable.builder()
        .add(new BatchGetItem(db))
        .add(new BatchWriteItem(db))
        .add(new CreateTable(db))
        .add(new DeleteItem(db))
        .add(new DeleteTable(db))
        .add(new DescribeContinuousBackups(db))
        .add(new DescribeTable(db))
        .add(new DescribeTimeToLive(db))
        .add(new GetItem(db))
        .add(new ListTables(db))
        .add(new PutItem(db))
        .add(new Query(db))
        .add(new Scan(db))
        .add(new TransactWriteItems(db))
        .add(new UpdateContinuousBackups(db))
        .add(new UpdateItem(db))
        .add(new UpdateTable(db))
        .build();
    this.definition = new ServiceDefinition(TARGET_PREFIX, ServiceModel.fromResource(MODEL_RESOURCE), table,
        DynamoDbAccess.rules());
  }

  public ServiceDefinition definition() {
    return definition;
  }

  public Database database() {
    return db;
  }

  @Override
  public void close() {
    db.close();
  }
}
