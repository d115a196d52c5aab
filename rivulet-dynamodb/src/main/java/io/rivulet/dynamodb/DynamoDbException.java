package io.rivulet.dynamodb;

import io.rivulet.protocol.AwsException;
import java.util.Map;

/**
 * A DynamoDB error whose body carries members besides the message: {@code Item} on {@code
 * ConditionalCheckFailedException} (with {@code ReturnValuesOnConditionCheckFailure=ALL_OLD}),
 * {@code CancellationReasons} on {@code TransactionCanceledException}. Immutable.
 */
public final class DynamoDbException extends AwsException {
  private final transient Map<String, Object> extra;

  public DynamoDbException(DynamoDbError code, String message, Map<String, Object> extra) {
    super(code, message);
    this.extra = extra == null ? Map.of() : Map.copyOf(extra);
  }

  /** {@code ConditionalCheckFailedException}, with the old item when one is to be returned. */
  public static DynamoDbException conditionFailed(Map<String, AttributeValue> oldItem) {
    return new DynamoDbException(DynamoDbError.CONDITIONAL_CHECK_FAILED, "The conditional request failed",
        oldItem == null ? Map.of() : Map.of("Item", Attributes.toWireMap(oldItem)));
  }

  /** The old item carried, or null. */
  @SuppressWarnings("unchecked")
  public Map<String, Object> item() {
    return (Map<String, Object>) extra.get("Item");
  }

  @Override
  public Map<String, Object> extraMembers() {
    return extra;
  }
}
