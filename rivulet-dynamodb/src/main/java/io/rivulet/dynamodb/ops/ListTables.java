package io.rivulet.dynamodb.ops;

import io.rivulet.dynamodb.engine.Database;
import io.rivulet.protocol.RequestContext;
import java.util.ArrayList;
import java.util.List;

/** ListTables: names in order, paged by Limit (at most 100) and ExclusiveStartTableName. */
public final class ListTables extends DynamoOperation<ListTables.Input, ListTables.Output> {
  static final int MAX_LIMIT = 100;

  public record Input(String exclusiveStartTableName, Integer limit) {}

  public record Output(List<String> tableNames, String lastEvaluatedTableName) {}

  public ListTables(Database db) {
    super(db, Input.class);
  }

  @Override
  protected Output call(Input in, RequestContext ctx) {
    int limit = in.limit() == null ? MAX_LIMIT : Math.min(in.limit(), MAX_LIMIT);
    List<String> names = new ArrayList<>();
    String last = null;
    for (String name : db.tableNames(ctx.accountId(), ctx.region())) {
      if (in.exclusiveStartTableName() != null && name.compareTo(in.exclusiveStartTableName()) <= 0) {
        continue;
      }
      if (names.size() == limit) {
        last = names.get(names.size() - 1);
        break;
      }
      names.add(name);
    }
    return new Output(names, last);
  }
}
