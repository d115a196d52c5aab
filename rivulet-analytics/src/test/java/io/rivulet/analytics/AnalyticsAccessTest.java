package io.rivulet.analytics;

import static org.assertj.core.api.Assertions.assertThat;

import io.rivulet.protocol.ServiceModel;
import io.rivulet.protocol.auth.AccessRules;
import io.rivulet.protocol.auth.AccessRules.Access;
import io.rivulet.protocol.auth.AccessRules.Scope;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Every kinesisanalyticsv2 operation of the model has its line, naming the action and the application. */
class AnalyticsAccessTest {
  private final AccessRules rules = AnalyticsAccess.rules();
  private final Scope scope = new Scope("111122223333", "eu-west-1");

  @Test
  void everyOperationOfTheModelHasALine() {
    ServiceModel model = ServiceModel.fromResource(AnalyticsService.MODEL_RESOURCE);
    assertThat(rules.operations()).containsExactlyInAnyOrderElementsOf(model.operationNames());
    assertThat(rules.signingName()).isEqualTo("kinesisanalytics");
  }

  @Test
  void applicationsAndTheAccount() {
    String arn = "arn:aws:kinesisanalytics:eu-west-1:111122223333:application/clicks";
    assertThat(rules.accessFor("StartApplication", Map.of("ApplicationName", "clicks"), scope))
        .containsExactly(new Access("kinesisanalytics:StartApplication", arn));
    assertThat(rules.accessFor("TagResource", Map.of("ResourceARN", arn), scope))
        .containsExactly(new Access("kinesisanalytics:TagResource", arn));
    assertThat(rules.accessFor("CreateApplication", Map.of("ApplicationName", "clicks",
        "Tags", List.of(Map.of("Key", "k"))), scope)).extracting(Access::action)
        .containsExactly("kinesisanalytics:CreateApplication", "kinesisanalytics:TagResource");
    assertThat(rules.accessFor("ListApplications", Map.of(), scope))
        .containsExactly(new Access("kinesisanalytics:ListApplications", "*"));
  }
}
