package io.rivulet.protocol.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rivulet.protocol.auth.AccessRules.Access;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Policy evaluation as AWS does it: default deny, explicit deny wins, identity OR resource policy. */
class AuthorizerTest {
  private static final String STREAM = "arn:aws:kinesis:us-east-1:111122223333:stream/orders";
  private static final String OTHER = "arn:aws:kinesis:us-east-1:111122223333:stream/payments";
  private final Authorizer authorizer = new Authorizer();
  private final Map<String, String> resourcePolicies = new HashMap<>();
  private final AccessRules rules = AccessRules.builder("kinesis", "kinesis", AuthErrors.Style.JSON)
      .policies(resourcePolicies::get).build();

  private static Principal user(String account, String name, String... policies) {
    return new Principal("AKID" + name, account, name,
        java.util.Arrays.stream(policies).map(p -> Policy.parse(p, Policy.Kind.IDENTITY)).toList());
  }

  private static Principal root(String account) {
    return new Principal("AKIDROOT" + account, account, null, List.of());
  }

  private static String allow(String action, String resource) {
    return statement("Allow", action, resource, "");
  }

  private static String statement(String effect, String action, String resource, String extra) {
    return "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"" + effect + "\",\"Action\":" + action
        + ",\"Resource\":" + resource + extra + "}]}";
  }

  private String denial(Principal p, String action, String resource) {
    return authorizer.denial(p, new Access(action, resource), rules, context(false));
  }

  private static Map<String, List<String>> context(boolean secure) {
    return Map.of("aws:securetransport", List.of(Boolean.toString(secure)),
        "aws:requestedregion", List.of("us-east-1"));
  }

  @Test
  void defaultDenyAndTheAccountRoot() {
    assertThat(denial(root("111122223333"), "kinesis:PutRecord", STREAM)).isNull();
    assertThat(denial(user("111122223333", "nobody"), "kinesis:PutRecord", STREAM))
        .isEqualTo("because no identity-based policy allows the kinesis:PutRecord action");
  }

  @Test
  void allowDenyAndDenyOverridesAllow() {
    Principal writer = user("111122223333", "writer",
        allow("\"kinesis:Put*\"", "\"arn:aws:kinesis:us-east-1:111122223333:stream/*\""),
        statement("Deny", "[\"kinesis:PutRecords\"]", "\"" + OTHER + "\"", ""));
    assertThat(denial(writer, "kinesis:PutRecord", STREAM)).isNull();
    assertThat(denial(writer, "kinesis:putrecords", STREAM)).isNull(); // actions match case-insensitively
    assertThat(denial(writer, "kinesis:PutRecords", OTHER)).isEqualTo("with an explicit deny in an identity-based policy");
    assertThat(denial(writer, "kinesis:GetRecords", STREAM)).startsWith("because no identity-based policy allows");
    assertThat(denial(writer, "kinesis:PutRecord", "arn:aws:kinesis:eu-west-1:111122223333:stream/orders"))
        .startsWith("because no identity-based policy allows");
  }

  @Test
  void wildcardsNotActionAndNotResource() {
    Principal p = user("111122223333", "p",
        allow("\"kinesis:*\"", "\"arn:aws:kinesis:*:111122223333:stream/ord?rs\""),
        "{\"Version\":\"2012-10-17\",\"Statement\":{\"Effect\":\"Allow\",\"NotAction\":\"kinesis:*\",\"Resource\":\"*\"}}",
        statement("Deny", "\"*\"", "\"*\"", "").replace("\"Resource\":\"*\"", "\"NotResource\":\"arn:aws:*\""));
    assertThat(denial(p, "kinesis:DescribeStream", STREAM)).isNull();
    assertThat(denial(p, "kinesis:DescribeStream", STREAM.replace("orders", "ordxrs"))).isNull();
    assertThat(denial(p, "kinesis:DescribeStream", STREAM.replace("orders", "ordrs"))).isNotNull();
    assertThat(denial(p, "dynamodb:GetItem", "arn:aws:dynamodb:us-east-1:111122223333:table/t")).isNull();
    assertThat(denial(p, "kinesis:ListStreams", "*")).isEqualTo("with an explicit deny in an identity-based policy");
  }

  @Test
  void conditions() {
    Principal p = user("111122223333", "tls-only", statement("Allow", "\"kinesis:*\"", "\"*\"",
        ",\"Condition\":{\"Bool\":{\"aws:SecureTransport\":\"true\"},"
            + "\"StringEquals\":{\"aws:RequestedRegion\":[\"eu-west-1\",\"us-east-1\"]},"
            + "\"StringLike\":{\"aws:username\":\"tls-*\"},"
            + "\"ArnLike\":{\"aws:PrincipalArn\":\"arn:aws:iam::*:user/tls-*\"},"
            + "\"Null\":{\"aws:SourceVpc\":\"true\"},"
            + "\"StringEqualsIfExists\":{\"aws:SourceVpce\":\"vpce-1\"}}"));
    Map<String, List<String>> plain = new HashMap<>(context(false));
    plain.put("aws:username", List.of("tls-only"));
    plain.put("aws:principalarn", List.of(p.arn()));
    Map<String, List<String>> tls = new HashMap<>(plain);
    tls.put("aws:securetransport", List.of("true"));
    assertThat(authorizer.denial(p, new Access("kinesis:PutRecord", STREAM), rules, plain)).isNotNull();
    assertThat(authorizer.denial(p, new Access("kinesis:PutRecord", STREAM), rules, tls)).isNull();
    tls.put("aws:sourcevpce", List.of("vpce-2"));
    assertThat(authorizer.denial(p, new Access("kinesis:PutRecord", STREAM), rules, tls)).isNotNull();
  }

  @Test
  void resourcePoliciesWithinOneAccount() {
    resourcePolicies.put(STREAM, "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
        + "\"Principal\":{\"AWS\":\"arn:aws:iam::111122223333:user/reader\"},\"Action\":\"kinesis:Get*\","
        + "\"Resource\":\"" + STREAM + "\"},{\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\"111122223333\"},"
        + "\"Action\":\"kinesis:PutRecord\",\"Resource\":\"" + STREAM + "\"}]}");
    Principal reader = user("111122223333", "reader");
    assertThat(denial(reader, "kinesis:GetRecords", STREAM)).isNull(); // named directly: enough on its own
    // naming the account defers to the account's identity policies
    assertThat(denial(reader, "kinesis:PutRecord", STREAM)).startsWith("because no identity-based policy allows");
  }

  @Test
  void resourcePoliciesAcrossAccounts() {
    Principal outsiderRoot = root("444455556666");
    Principal outsiderUser = user("444455556666", "app", allow("\"kinesis:*\"", "\"*\""));
    Principal outsiderUnpermitted = user("444455556666", "nobody");
    assertThat(denial(outsiderRoot, "kinesis:GetRecords", STREAM))
        .isEqualTo("because no resource-based policy allows the kinesis:GetRecords action");
    resourcePolicies.put(STREAM, "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
        + "\"Principal\":{\"AWS\":[\"arn:aws:iam::444455556666:root\"]},\"Action\":[\"kinesis:GetRecords\","
        + "\"kinesis:GetShardIterator\"],\"Resource\":\"" + STREAM + "\"},{\"Effect\":\"Deny\",\"Principal\":\"*\","
        + "\"Action\":\"kinesis:GetShardIterator\",\"Resource\":\"*\",\"Condition\":{\"Bool\":"
        + "{\"aws:SecureTransport\":\"false\"}}}]}");
    assertThat(denial(outsiderRoot, "kinesis:GetRecords", STREAM)).isNull();
    assertThat(denial(outsiderUser, "kinesis:GetRecords", STREAM)).isNull();
    assertThat(denial(outsiderUnpermitted, "kinesis:GetRecords", STREAM))
        .isEqualTo("because no identity-based policy allows the kinesis:GetRecords action");
    assertThat(denial(outsiderRoot, "kinesis:PutRecord", STREAM))
        .isEqualTo("because no resource-based policy allows the kinesis:PutRecord action");
    assertThat(denial(outsiderRoot, "kinesis:GetShardIterator", STREAM))
        .isEqualTo("with an explicit deny in a resource-based policy");
    assertThat(authorizer.denial(outsiderRoot, new Access("kinesis:GetShardIterator", STREAM), rules, context(true)))
        .isNull();
    // the owner's root is bound by an explicit deny in its own resource policy too
    assertThat(denial(root("111122223333"), "kinesis:GetShardIterator", STREAM))
        .isEqualTo("with an explicit deny in a resource-based policy");
  }

  @Test
  void resourcePolicyConditionsThisEvaluatorLacksFailClosed() {
    resourcePolicies.put(STREAM, "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
        + "\"Principal\":\"*\",\"Action\":\"kinesis:*\",\"Resource\":\"*\",\"Condition\":{\"IpAddress\":"
        + "{\"aws:SourceIp\":\"10.0.0.0/8\"}}},{\"Effect\":\"Deny\",\"Principal\":\"*\",\"Action\":"
        + "\"kinesis:PutRecord\",\"Resource\":\"*\",\"Condition\":{\"DateGreaterThan\":{\"aws:CurrentTime\":"
        + "\"2099-01-01T00:00:00Z\"}}}]}");
    assertThat(denial(root("444455556666"), "kinesis:GetRecords", STREAM))
        .startsWith("because no resource-based policy allows");
    assertThat(denial(root("111122223333"), "kinesis:PutRecord", STREAM))
        .isEqualTo("with an explicit deny in a resource-based policy");
    assertThat(denial(root("111122223333"), "kinesis:GetRecords", STREAM)).isNull();
  }

  @Test
  void theDenialMessage() {
    Principal p = user("111122223333", "team/alice");
    assertThatThrownBy(() -> authorizer.authorize(p, List.of(new Access("kinesis:PutRecord", STREAM)), rules,
        context(false))).isInstanceOfSatisfying(AuthException.class, e -> {
          assertThat(e.failure()).isEqualTo(AuthFailure.ACCESS_DENIED);
          assertThat(e.getMessage()).isEqualTo("User: arn:aws:iam::111122223333:user/team/alice is not authorized"
              + " to perform: kinesis:PutRecord on resource: " + STREAM
              + " because no identity-based policy allows the kinesis:PutRecord action");
        });
    assertThatThrownBy(() -> authorizer.authorize(p, List.of(new Access("cloudwatch:PutMetricData", "*")), rules,
        context(false))).hasMessage("User: arn:aws:iam::111122223333:user/team/alice is not authorized to perform:"
            + " cloudwatch:PutMetricData because no identity-based policy allows the cloudwatch:PutMetricData action");
  }

  @Test
  void policiesThatCannotBeEvaluatedAreRefused() {
    assertThatThrownBy(() -> Policy.parse("{\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"*\"}]}",
        Policy.Kind.IDENTITY)).hasMessage("a statement needs exactly one of Resource and NotResource");
    assertThatThrownBy(() -> Policy.parse(statement("Allow", "\"*\"", "\"*\"",
        ",\"Condition\":{\"IpAddress\":{\"aws:SourceIp\":\"10.0.0.0/8\"}}"), Policy.Kind.IDENTITY))
        .hasMessageStartingWith("unsupported condition operator IpAddress");
    assertThatThrownBy(() -> Policy.parse(allow("\"*\"", "\"*\""), Policy.Kind.RESOURCE))
        .hasMessage("a resource policy statement needs exactly one of Principal and NotPrincipal");
    assertThatThrownBy(() -> Policy.parse("{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
        + "\"Principal\":{\"AWS\":\"alice\"},\"Action\":\"*\",\"Resource\":\"*\"}]}", Policy.Kind.RESOURCE))
        .hasMessage("Invalid principal in policy: \"AWS\":\"alice\"");
    assertThatThrownBy(() -> Policy.parse("{\"Version\":\"2020-01-01\",\"Statement\":[]}", Policy.Kind.IDENTITY))
        .hasMessage("unsupported policy Version 2020-01-01");
  }

  @Test
  void wildcardMatching() {
    assertThat(Wildcards.matches("a*", "a*b", false)).isTrue();
    assertThat(Wildcards.matches("*", "", false)).isTrue();
    assertThat(Wildcards.matches("a?c", "abc", false)).isTrue();
    assertThat(Wildcards.matches("a?c", "ac", false)).isFalse();
    assertThat(Wildcards.matches("*stream/o*s", "arn:x:stream/orders", false)).isTrue();
    assertThat(Wildcards.matches("*stream/o*s", "arn:x:stream/ordersx", false)).isFalse();
    assertThat(Wildcards.matches("Kinesis:PUT*", "kinesis:PutRecord", true)).isTrue();
    assertThat(Wildcards.matches("arn:aws:kinesis:*", "*", false)).isFalse();
  }
}
