package io.rivulet.dynamodb.ops;

import io.rivulet.dynamodb.DynamoDbError;
import io.rivulet.dynamodb.engine.Database;
import io.rivulet.dynamodb.engine.Table;
import io.rivulet.dynamodb.engine.TableDef;
import io.rivulet.dynamodb.engine.TableDef.IndexDef;
import io.rivulet.protocol.Operation;
import io.rivulet.protocol.RequestContext;
import java.util.concurrent.CompletableFuture;

/**
 * Base of the DynamoDB operations: the AWS name is the class's simple name; synchronous operations
 * implement {@link #call}, those that wait for the journal override {@link #handle}. Thread-safe.
 */
abstract class DynamoOperation<I, O> implements Operation<I, O> {
  protected final Database db;
  private final Class<I> inputType;

  DynamoOperation(Database db, Class<I> inputType) {
    this.db = db;
    this.inputType = inputType;
  }

  @Override
  public String name() {
    return getClass().getSimpleName();
  }

  @Override
  public Class<I> inputType() {
    return inputType;
  }

  @Override
  public CompletableFuture<O> handle(I input, RequestContext context) {
    return CompletableFuture.completedFuture(call(input, context));
  }

  /** The synchronous body; throws {@link io.rivulet.protocol.AwsException} for AWS errors. */
  protected O call(I input, RequestContext context) {
    throw new IllegalStateException(name() + " is asynchronous");
  }

  protected Table table(RequestContext ctx, String name) {
    return db.table(ctx.accountId(), ctx.region(), tableName(name));
  }

  /** The named secondary index of the table (null name: none), or ValidationException. */
  static IndexDef index(TableDef def, String name) {
    if (name == null) {
      return null;
    }
    IndexDef index = def.index(name);
    if (index == null) {
      throw DynamoDbError.invalid("The table does not have the specified index: " + name);
    }
    return index;
  }

  /** ReturnValues of PutItem and DeleteItem: NONE or ALL_OLD only. */
  static void checkAllOldOrNone(String returnValues) {
    if (returnValues != null && !returnValues.equals("NONE") && !returnValues.equals("ALL_OLD")) {
      throw DynamoDbError.invalid("ReturnValues can only be ALL_OLD or NONE");
    }
  }

  /** A table name, or the name in a table ARN ({@code arn:aws:dynamodb:r:a:table/Name}). */
  static String tableName(String nameOrArn) {
    int slash = nameOrArn.indexOf(":table/");
    return nameOrArn.startsWith("arn:") && slash >= 0 ? nameOrArn.substring(slash + 7) : nameOrArn;
  }
}
