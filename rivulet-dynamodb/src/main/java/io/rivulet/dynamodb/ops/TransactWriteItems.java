package io.rivulet.dynamodb.ops;

import io.rivulet.dynamodb.AttributeValue;
import io.rivulet.dynamodb.Attributes;
import io.rivulet.dynamodb.DynamoDbError;
import io.rivulet.dynamodb.DynamoDbException;
import io.rivulet.dynamodb.engine.Database;
import io.rivulet.dynamodb.engine.Database.Step;
import io.rivulet.dynamodb.engine.Database.TransactionFailure;
import io.rivulet.dynamodb.engine.Table;
import io.rivulet.dynamodb.expr.Condition;
import io.rivulet.dynamodb.expr.UpdateAction;
import io.rivulet.protocol.AwsException;
import io.rivulet.protocol.RequestContext;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * TransactWriteItems: ConditionCheck, Put, Update and Delete across tables, all or nothing, as one
 * journal batch. A failed condition cancels the whole transaction with {@code
 * TransactionCanceledException} and one cancellation reason per action.
 */
public final class TransactWriteItems extends DynamoOperation<TransactWriteItems.Input, TransactWriteItems.Output> {
  static final int MAX_ACTIONS = 100;

  /** The members every transactional action may have (each uses its own subset). */
  public record Action(String tableName, Map<String, Object> key, Map<String, Object> item,
      String updateExpression, String conditionExpression, Map<String, String> expressionAttributeNames,
      Map<String, Object> expressionAttributeValues, String returnValuesOnConditionCheckFailure) {}

  public record TransactItem(Action conditionCheck, Action put, Action delete, Action update) {}

  public record Input(List<TransactItem> transactItems, String clientRequestToken, String returnConsumedCapacity) {}

  public record Output() {}

  public TransactWriteItems(Database db) {
    super(db, Input.class);
  }

  @Override
  public CompletableFuture<Output> handle(Input in, RequestContext ctx) {
    if (in.transactItems().size() > MAX_ACTIONS) {
      throw DynamoDbError.invalid("Member must have length less than or equal to " + MAX_ACTIONS);
    }
    List<Step> steps = new ArrayList<>();
    Set<String> targets = new HashSet<>();
    for (TransactItem t : in.transactItems()) {
      Step step = step(t, ctx);
      if (!targets.add(step.table().def().qualifiedName() + "|" + step.key())) {
        throw DynamoDbError.invalid("Transaction request cannot include multiple operations on one item");
      }
      steps.add(step);
    }
    try {
      return db.transact(steps).thenApply(changes -> new Output());
    } catch (TransactionFailure f) {
      throw cancelled(f.failures());
    } catch (AwsException e) {
      if (steps.size() == 1 && e.code() == DynamoDbError.CONDITIONAL_CHECK_FAILED) {
        List<RuntimeException> one = new ArrayList<>();
        one.add(e);
        throw cancelled(one);
      }
      throw e;
    }
  }

  private Step step(TransactItem t, RequestContext ctx) {
    int set = (t.conditionCheck() != null ? 1 : 0) + (t.put() != null ? 1 : 0) + (t.delete() != null ? 1 : 0)
        + (t.update() != null ? 1 : 0);
    if (set != 1) {
      throw DynamoDbError.invalid("TransactItems can only contain one of Check, Put, Update or Delete");
    }
    Action a = t.conditionCheck() != null ? t.conditionCheck() : t.put() != null ? t.put()
        : t.delete() != null ? t.delete() : t.update();
    Table table = table(ctx, a.tableName());
    Expressions ex = Expressions.of(a.expressionAttributeNames(), a.expressionAttributeValues());
    Condition condition = a.conditionExpression() == null ? Condition.TRUE
        : ex.writeCondition(a.conditionExpression(), null, null);
    boolean returnOld = "ALL_OLD".equals(a.returnValuesOnConditionCheckFailure());
    if (t.put() != null) {
      Map<String, AttributeValue> item = PutItem.checkedItem(table, a.item());
      return new Step(table, table.def().keyOf(item, false), current -> {
        PutItem.checkCondition(condition, current, returnOld);
        return item;
      });
    }
    Map<String, AttributeValue> key = Attributes.fromWireMap(a.key());
    if (t.update() != null) {
      List<UpdateAction> actions = ex.update(a.updateExpression(), null, table.def());
      return new Step(table, table.def().keyOf(key, true),
          current -> UpdateItem.apply(key, current, condition, actions, returnOld));
    }
    boolean delete = t.delete() != null;
    return new Step(table, table.def().keyOf(key, true), current -> {
      PutItem.checkCondition(condition, current, returnOld);
      return delete ? null : current;
    });
  }

  private static DynamoDbException cancelled(List<RuntimeException> failures) {
    List<Map<String, Object>> reasons = new ArrayList<>();
    List<String> codes = new ArrayList<>();
    for (RuntimeException e : failures) {
      Map<String, Object> reason = new LinkedHashMap<>();
      if (e == null) {
        reason.put("Code", "None");
      } else if (e instanceof DynamoDbException d && d.code() == DynamoDbError.CONDITIONAL_CHECK_FAILED) {
        reason.put("Code", "ConditionalCheckFailed");
        reason.put("Message", "The conditional request failed");
        if (d.item() != null) {
          reason.put("Item", d.item());
        }
      } else {
        reason.put("Code", "ValidationError");
        reason.put("Message", e.getMessage());
      }
      codes.add((String) reason.get("Code"));
      reasons.add(reason);
    }
    return new DynamoDbException(DynamoDbError.TRANSACTION_CANCELED,
        "Transaction cancelled, please refer cancellation reasons for specific reasons " + codes,
        Map.of("CancellationReasons", reasons));
  }
}
