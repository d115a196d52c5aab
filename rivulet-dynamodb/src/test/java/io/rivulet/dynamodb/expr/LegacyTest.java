package io.rivulet.dynamodb.expr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rivulet.dynamodb.AttributeValue;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The legacy Expected / AttributeUpdates / filter forms, as KCL's lease refresher sends them. */
class LegacyTest {
  static Map<String, Object> s(String v) {
    return Map.of("S", v);
  }

  static Map<String, Object> n(String v) {
    return Map.of("N", v);
  }

  static final Map<String, AttributeValue> LEASE = Map.of(
      "leaseKey", AttributeValue.s("shardId-0"), "leaseCounter", AttributeValue.n("7"),
      "leaseOwner", AttributeValue.s("w1"));

  @Test
  void expectedValueExistsAndAbsence() {
    assertThat(Legacy.expected(Map.of("leaseCounter", Map.of("Value", n("7")),
        "checkpointOwner", Map.of("Exists", false)), null).test(LEASE)).isTrue();
    assertThat(Legacy.expected(Map.of("leaseKey", Map.of("Exists", true, "Value", s("shardId-0"))), null).test(LEASE)).isTrue();
    assertThat(Legacy.expected(Map.of("leaseCounter", Map.of("Value", n("6"))), null).test(LEASE)).isFalse();
    assertThat(Legacy.expected(Map.of("leaseOwner", Map.of("Exists", false)), null).test(LEASE)).isFalse();
    assertThat(Legacy.expected(Map.of("leaseOwner", Map.of("Exists", false), "leaseCounter", Map.of("Value", n("7"))), "OR")
        .test(LEASE)).isTrue();
    assertThatThrownBy(() -> Legacy.expected(Map.of("x", Map.of("Exists", true)), null))
        .hasMessage("One or more parameter values were invalid: Value must be provided when Exists is true for Attribute: x");
  }

  @Test
  void comparisonOperators() {
    assertThat(Legacy.conditions(Map.of("leaseCounter", Map.of("ComparisonOperator", "BETWEEN",
        "AttributeValueList", List.of(n("1"), n("7")))), null).test(LEASE)).isTrue();
    assertThat(Legacy.conditions(Map.of("leaseOwner", Map.of("ComparisonOperator", "NULL")), null).test(LEASE)).isFalse();
    assertThat(Legacy.conditions(Map.of("leaseKey", Map.of("ComparisonOperator", "BEGINS_WITH",
        "AttributeValueList", List.of(s("shard")))), null).test(LEASE)).isTrue();
  }

  @Test
  void attributeUpdatesPutAddDelete() {
    Map<String, Object> updates = new LinkedHashMap<>();
    updates.put("leaseCounter", Map.of("Action", "ADD", "Value", n("1")));
    updates.put("ownerSwitchesSinceCheckpoint", Map.of("Action", "ADD", "Value", n("1")));
    updates.put("leaseOwner", Map.of("Action", "DELETE"));
    updates.put("checkpointOwner", Map.of("Action", "DELETE"));
    updates.put("checkpoint", Map.of("Action", "PUT", "Value", s("SHARD_END")));
    Map<String, AttributeValue> after = UpdateAction.applyAll(Legacy.attributeUpdates(updates), LEASE);
    assertThat(after.get("leaseCounter")).isEqualTo(AttributeValue.n("8"));
    assertThat(after.get("ownerSwitchesSinceCheckpoint")).isEqualTo(AttributeValue.n("1"));
    assertThat(after).doesNotContainKeys("leaseOwner", "checkpointOwner");
    assertThat(after.get("checkpoint")).isEqualTo(AttributeValue.s("SHARD_END"));
  }

  @Test
  void numbersRoundTripAsDynamoDbNumberStrings() {
    assertThat(io.rivulet.dynamodb.Attributes.toWire(AttributeValue.n("12.50"))).isEqualTo(Map.of("N", "12.5"));
    assertThat(io.rivulet.dynamodb.Attributes.toWire(AttributeValue.n("1E+3"))).isEqualTo(Map.of("N", "1000"));
    assertThat(io.rivulet.dynamodb.Attributes.toWire(AttributeValue.n("-0.000"))).isEqualTo(Map.of("N", "0"));
    assertThat(io.rivulet.dynamodb.Attributes.toWire(AttributeValue.n("9223372036854775807123")))
        .isEqualTo(Map.of("N", "9223372036854775807123"));
    assertThatThrownBy(() -> AttributeValue.n("abc")).hasMessageContaining("numeric value");
  }
}
