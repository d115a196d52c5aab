package io.rivulet.dynamodb.expr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rivulet.dynamodb.AttributeValue;
import io.rivulet.protocol.AwsException;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The expression grammar KCL, its lock client and its enhanced client use, and a bit beyond. */
class ExpressionParserTest {
  static final Map<String, AttributeValue> ITEM = item();

  static Map<String, AttributeValue> item() {
    Map<String, AttributeValue> m = new LinkedHashMap<>();
    m.put("leaseKey", AttributeValue.s("Leader"));
    m.put("ownerName", AttributeValue.s("w1"));
    m.put("recordVersionNumber", AttributeValue.s("rvn-1"));
    m.put("lut", AttributeValue.n("1700000000"));
    m.put("tags", AttributeValue.ss(Set.of("a", "b")));
    m.put("sts", AttributeValue.m(Map.of("T", AttributeValue.l(List.of(AttributeValue.n("1.5"), AttributeValue.n("-1"))))));
    return m;
  }

  static boolean test(String expr, Map<String, String> names, Map<String, AttributeValue> values) {
    return new ExpressionParser("ConditionExpression", names, values).parseCondition(expr).test(ITEM);
  }

  @Test
  void lockClientConditions() {
    Map<String, String> names = Map.of("#pk", "leaseKey", "#rvn", "recordVersionNumber", "#on", "ownerName");
    assertThat(test("attribute_not_exists(#pk)", names, Map.of())).isFalse();
    assertThat(test("attribute_exists(#pk) AND #rvn = :rvn AND #on = :on", names,
        Map.of(":rvn", AttributeValue.s("rvn-1"), ":on", AttributeValue.s("w1")))).isTrue();
    assertThat(test("(attribute_exists(#pk) AND #rvn = :rvn AND #on = :on)", names,
        Map.of(":rvn", AttributeValue.s("rvn-2"), ":on", AttributeValue.s("w1")))).isFalse();
  }

  @Test
  void enhancedClientDeleteConditionWithASpaceBeforeTheParenthesis() {
    assertThat(test("#key = :value AND attribute_exists (leaseKey)", Map.of("#key", "lut"),
        Map.of(":value", AttributeValue.n("1700000000.0")))).isTrue();
  }

  @Test
  void comparisonsFunctionsAndPrecedence() {
    Map<String, AttributeValue> v = Map.of(":a", AttributeValue.n("5"), ":b", AttributeValue.n("1700000001"),
        ":p", AttributeValue.s("Lea"), ":t", AttributeValue.s("SS"), ":e", AttributeValue.s("a"), ":two", AttributeValue.n("2"));
    assertThat(test("lut BETWEEN :a AND :b", Map.of(), v)).isTrue();
    assertThat(test("lut > :b OR begins_with(leaseKey, :p)", Map.of(), v)).isTrue();
    assertThat(test("NOT lut > :b AND attribute_type(tags, :t)", Map.of(), v)).isTrue();
    assertThat(test("contains(tags, :e) and size(tags) = :two", Map.of(), v)).isTrue();
    assertThat(test("lut IN (:a, :b)", Map.of(), v)).isFalse();
    assertThat(test("missing <> :a", Map.of(), v)).isTrue();
    assertThat(test("missing = :a OR missing < :a", Map.of(), v)).isFalse();
    assertThat(test("sts.T[0] > :two", Map.of(), Map.of(":two", AttributeValue.n("1")))).isTrue();
  }

  @Test
  void updateSetRemoveAddDelete() {
    Map<String, String> names = Map.of("#ld", "leaseDuration", "#rvn", "recordVersionNumber", "#d", "data");
    Map<String, AttributeValue> values = Map.of(":ld", AttributeValue.s("120000"), ":newRvn", AttributeValue.s("rvn-2"),
        ":one", AttributeValue.n("1"), ":del", AttributeValue.ss(Set.of("a")));
    Map<String, AttributeValue> start = new LinkedHashMap<>(ITEM);
    start.put("data", AttributeValue.b(new byte[] {1}));
    List<UpdateAction> actions = new ExpressionParser("UpdateExpression", names, values)
        .parseUpdate("SET #ld = :ld, #rvn = :newRvn REMOVE #d ADD lut :one, counter :one DELETE tags :del");
    Map<String, AttributeValue> after = UpdateAction.applyAll(actions, start);
    assertThat(after.get("leaseDuration")).isEqualTo(AttributeValue.s("120000"));
    assertThat(after.get("recordVersionNumber")).isEqualTo(AttributeValue.s("rvn-2"));
    assertThat(after).doesNotContainKey("data");
    assertThat(after.get("lut").n()).isEqualByComparingTo(new BigDecimal("1700000001"));
    assertThat(after.get("counter").n()).isEqualByComparingTo(BigDecimal.ONE);
    assertThat(after.get("tags")).isEqualTo(AttributeValue.ss(Set.of("b")));
    assertThat(ITEM).containsKey("lut"); // the original is untouched
  }

  @Test
  void setFunctionsAndArithmetic() {
    Map<String, AttributeValue> values = Map.of(":z", AttributeValue.n("0"), ":one", AttributeValue.n("1"),
        ":l", AttributeValue.l(List.of(AttributeValue.s("x"))));
    Map<String, AttributeValue> after = UpdateAction.applyAll(new ExpressionParser("UpdateExpression", Map.of(), values)
        .parseUpdate("set n = if_not_exists(n, :z) + :one, lst = list_append(if_not_exists(lst, :l), :l), sts.T[1] = :one"), ITEM);
    assertThat(after.get("n").n()).isEqualByComparingTo(BigDecimal.ONE);
    assertThat(after.get("lst").l()).hasSize(2);
    assertThat(after.get("sts").m().get("T").l().get(1)).isEqualTo(AttributeValue.n("1"));
  }

  @Test
  void errorsUseDynamoDbWording() {
    assertThatThrownBy(() -> test("attribute_exists(#nope)", Map.of(), Map.of()))
        .isInstanceOf(AwsException.class)
        .hasMessage("Invalid ConditionExpression: An expression attribute name used in the document path is not defined; "
            + "attribute name: #nope");
    assertThatThrownBy(() -> test("a = :nope", Map.of(), Map.of()))
        .hasMessageContaining("An expression attribute value used in expression is not defined; attribute value: :nope");
    assertThatThrownBy(() -> test("a = = b", Map.of(), Map.of())).hasMessageContaining("Syntax error; token: \"=\"");
    assertThatThrownBy(() -> new ExpressionParser("UpdateExpression", Map.of(), Map.of(":v", AttributeValue.s("x")))
        .parseUpdate("SET a = :v SET b = :v")).hasMessageContaining("\"SET\" section can only be used once");
    assertThatThrownBy(() -> new ExpressionParser("UpdateExpression", Map.of(), Map.of(":v", AttributeValue.s("x")))
        .parseUpdate("SET a = :v REMOVE a")).hasMessageContaining("Two document paths overlap");
  }

  /** Found by DynamoDbFuzzTest: an index with more digits than an int has was a NumberFormatException. */
  @Test
  void aListIndexTooLargeForAnIntIsAValidationException() {
    assertThatThrownBy(() -> new ExpressionParser("ProjectionExpression", Map.of(), Map.of())
        .parseProjection("list[22222222222222222222]"))
        .isInstanceOf(AwsException.class)
        .hasMessage("Invalid ProjectionExpression: List index is too large; index: 22222222222222222222;");
  }
}
