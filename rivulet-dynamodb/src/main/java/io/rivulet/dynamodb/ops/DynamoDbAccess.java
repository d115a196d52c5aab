package io.rivulet.dynamodb.ops;

import io.rivulet.protocol.auth.AccessRules;
import io.rivulet.protocol.auth.AccessRules.Access;
import io.rivulet.protocol.auth.AccessRules.Resources;
import io.rivulet.protocol.auth.AccessRules.Scope;
import io.rivulet.protocol.auth.AuthErrors;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The DynamoDB subset's authorisation table (used with {@code --auth}), one line per operation:
 * table operations act on {@code arn:aws:dynamodb:<region>:<account>:table/<TableName>} (a
 * TableName that is already an ARN is used as it is), Query and Scan on an index act on {@code
 * …/index/<IndexName>}, BatchGetItem and BatchWriteItem on every table of RequestItems, and
 * TransactWriteItems needs, as in AWS, dynamodb:PutItem, UpdateItem, DeleteItem or
 * ConditionCheckItem on each item's table (there is no TransactWriteItems action). ListTables acts
 * on {@code *}. Errors are namespaced ({@code com.amazon.coral.service#…}). Stateless.
 */
public final class DynamoDbAccess {
  private static final String TABLE = "arn:aws:dynamodb:{region}:{account}:table/";

  private DynamoDbAccess() {}

  public static AccessRules rules() {
    Resources table = (in, scope) -> table(in.get("TableName"), scope);
    Resources tableOrIndex = (in, scope) -> {
      List<String> t = table(in.get("TableName"), scope);
      return t.isEmpty() || !(in.get("IndexName") instanceof String index) ? t : List.of(t.get(0) + "/index/" + index);
    };
    Resources requestItems = (in, scope) -> {
      List<String> arns = new ArrayList<>();
      AccessRules.keysOf(in, "RequestItems").forEach(name -> arns.addAll(table(name, scope)));
      return arns;
    };
    return AccessRules.builder("dynamodb", "dynamodb", AuthErrors.Style.JSON_NAMESPACED)
        .on("BatchGetItem", requestItems)
        .on("BatchWriteItem", requestItems)
        .on("CreateTable", table)
        .on("DeleteItem", table)
        .on("DeleteTable", table)
        .on("DescribeContinuousBackups", table)
        .on("DescribeTable", table)
        .on("DescribeTimeToLive", table)
        .on("GetItem", table)
        .on("ListTables", AccessRules.none())
        .on("PutItem", table)
        .on("Query", tableOrIndex)
        .on("Scan", tableOrIndex)
        .rule("TransactWriteItems", DynamoDbAccess::transactWrite)
        .on("UpdateContinuousBackups", table)
        .on("UpdateItem", table)
        .on("UpdateTable", table)
        .build();
  }

  private static List<Access> transactWrite(Map<String, Object> in, Scope scope) {
    List<Access> out = new ArrayList<>();
    if (!(in.get("TransactItems") instanceof List<?> items)) {
      return out;
    }
    for (Object item : items) {
      if (!(item instanceof Map<?, ?> one)) {
        continue;
      }
      one.forEach((kind, request) -> {
        String action = switch (String.valueOf(kind)) {
          case "Put" -> "dynamodb:PutItem";
          case "Update" -> "dynamodb:UpdateItem";
          case "Delete" -> "dynamodb:DeleteItem";
          default -> "dynamodb:ConditionCheckItem";
        };
        Object name = request instanceof Map<?, ?> r ? r.get("TableName") : null;
        table(name, scope).forEach(arn -> out.add(new Access(action, arn)));
      });
    }
    return out;
  }

  private static List<String> table(Object name, Scope scope) {
    if (!(name instanceof String s) || s.isEmpty()) {
      return List.of();
    }
    return List.of(s.startsWith("arn:") ? s
        : TABLE.replace("{region}", scope.region()).replace("{account}", scope.account()) + s);
  }
}
