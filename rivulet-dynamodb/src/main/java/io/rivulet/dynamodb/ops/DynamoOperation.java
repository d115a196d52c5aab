package io.rivulet.dynamodb.ops;

import io.rivulet.dynamodb.DynamoDbError;
import io.rivulet.dynamodb.engine.Database;
import io.rivulet.dynamodb.engine.Table;
import io.rivulet.dynamodb.engine.TableDef;
import io.rivulet.dynamodb.engine.TableDef.IndexDef;
import io.rivulet.protocol.AbstractOperation;
import io.rivulet.protocol.RequestContext;

/** Base of the DynamoDB operations: the database they work on, and table lookups. Thread-safe. */
abstract class DynamoOperation<I, O> extends AbstractOperation<I, O> {
  protected final Database db;

  DynamoOperation(Database db, Class<I> inputType) {
    super(inputType);
    this.db = db;
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
