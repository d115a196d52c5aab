package io.rivulet.dynamodb;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.rivulet.dynamodb.expr.Condition;
import io.rivulet.dynamodb.expr.ExpressionParser;
import io.rivulet.dynamodb.expr.Path;
import io.rivulet.dynamodb.expr.UpdateAction;
import io.rivulet.fuzz.SeedSweep;
import io.rivulet.protocol.AwsException;
import io.rivulet.protocol.CommonError;
import io.rivulet.protocol.JsonRpcCodec;
import io.rivulet.protocol.ServiceModel;
import io.rivulet.protocol.WireFormat;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Fuzz targets over DynamoDB's expression parsers and attribute values (docs/SECURITY.md,
 * "Fuzzing"). Whatever the text, parsing and evaluating a ConditionExpression, KeyConditionExpression,
 * UpdateExpression or ProjectionExpression against an item returns or throws {@code
 * ValidationException}; an item read from a PutItem body converts to attribute values (or {@code
 * ValidationException}) that convert back to the same wire values and have a size.
 */
class DynamoDbFuzzTest {
  private static final String[] KINDS = {
    "ConditionExpression", "KeyConditionExpression", "UpdateExpression", "ProjectionExpression"
  };
  static final Map<String, AttributeValue> ITEM = item();
  static final Map<String, String> NAMES = Map.of("#k", "leaseKey", "#n", "count", "#l", "list", "#m", "map");
  static final Map<String, AttributeValue> VALUES = values();
  private static final ServiceModel MODEL = ServiceModel.fromResource("/io/rivulet/dynamodb/dynamodb-2012-08-10.shapes.json");
  private static final JsonRpcCodec CODEC = new JsonRpcCodec(MODEL);

  private static Map<String, AttributeValue> item() {
    Map<String, AttributeValue> m = new LinkedHashMap<>();
    m.put("leaseKey", AttributeValue.s("shardId-000000000001"));
    m.put("count", AttributeValue.n("5"));
    m.put("list", AttributeValue.l(List.of(AttributeValue.s("a"), AttributeValue.n("1"),
        AttributeValue.m(Map.of("deep", AttributeValue.l(List.of(AttributeValue.TRUE)))))));
    m.put("map", AttributeValue.m(Map.of("x", AttributeValue.NULL, "y", AttributeValue.b(new byte[] {1, 2}))));
    m.put("tags", AttributeValue.ss(Set.of("a", "b")));
    m.put("nums", AttributeValue.ns(Set.of(new BigDecimal("1.5"), new BigDecimal("-2"))));
    return m;
  }

  private static Map<String, AttributeValue> values() {
    Map<String, AttributeValue> m = new LinkedHashMap<>();
    m.put(":s", AttributeValue.s("a"));
    m.put(":n", AttributeValue.n("1"));
    m.put(":big", AttributeValue.n("9.9999999999999999999999999999999999999E+125"));
    m.put(":l", AttributeValue.l(List.of(AttributeValue.s("z"))));
    m.put(":m", AttributeValue.m(Map.of("k", AttributeValue.s("v"))));
    m.put(":ss", AttributeValue.ss(Set.of("c")));
    m.put(":ns", AttributeValue.ns(Set.of(BigDecimal.ONE)));
    m.put(":b", AttributeValue.b(new byte[] {0}));
    m.put(":t", AttributeValue.TRUE);
    m.put(":z", AttributeValue.NULL);
    return m;
  }

  /** Byte 0 picks the kind of expression; the rest is its text (UTF-8). */
  @FuzzTest(maxDuration = "5m")
  void expression(byte[] data) {
    if (data.length == 0) {
      return;
    }
    String kind = KINDS[(data[0] & 0xff) % KINDS.length];
    String text = new String(data, 1, data.length - 1, StandardCharsets.UTF_8);
    ExpressionParser parser = new ExpressionParser(kind, NAMES, VALUES);
    try {
      switch (kind) {
        case "UpdateExpression": {
          List<UpdateAction> actions = parser.parseUpdate(text);
          Map<String, AttributeValue> after = UpdateAction.applyAll(actions, ITEM);
          assertThat(Attributes.itemSize(after)).isNotNegative();
          assertThat(ITEM).isEqualTo(item()); // the original is never changed
          break;
        }
        case "ProjectionExpression":
          for (Path p : parser.parseProjection(text)) {
            p.get(ITEM);
          }
          break;
        default: {
          Condition c = parser.parseCondition(text);
          c.test(ITEM);
          c.test(Map.of());
        }
      }
    } catch (AwsException e) {
      assertThat(e.code()).isEqualTo(DynamoDbError.VALIDATION);
    }
  }

  /** A PutItem body (AWS JSON 1.0): its Item as attribute values, and back. */
  @FuzzTest(maxDuration = "5m")
  void item(byte[] body) {
    Map<String, Object> values;
    try {
      values = CODEC.readAndValidate("PutItem", JsonRpcCodec.parse(body, WireFormat.JSON_1_0), WireFormat.JSON_1_0);
    } catch (AwsException e) {
      assertThat(e.code()).isIn(CommonError.SERIALIZATION, CommonError.VALIDATION);
      return;
    }
    @SuppressWarnings("unchecked")
    Map<String, Object> raw = (Map<String, Object>) values.get("Item");
    Map<String, AttributeValue> item;
    try {
      item = Attributes.fromWireMap(raw);
    } catch (AwsException e) {
      assertThat(e.code()).isEqualTo(DynamoDbError.VALIDATION);
      return;
    }
    assertThat(Attributes.fromWireMap(Attributes.toWireMap(item))).isEqualTo(item);
    assertThat(Attributes.itemSize(item)).isNotNegative();
  }

  @Test
  void expressionSweep() {
    assertThat(SeedSweep.run(getClass(), "expression", this::expression)).isPositive();
  }

  @Test
  void itemSweep() {
    assertThat(SeedSweep.run(getClass(), "item", this::item)).isPositive();
  }
}
