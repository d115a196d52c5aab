package io.rivulet.firehose.access;

import static org.assertj.core.api.Assertions.assertThat;

import io.rivulet.protocol.ServiceModel;
import io.rivulet.protocol.auth.AccessRules;
import io.rivulet.protocol.auth.AccessRules.Access;
import io.rivulet.protocol.auth.AccessRules.Scope;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Every Firehose operation of the model has its line, naming AWS's action and delivery-stream ARN. */
class FirehoseAccessTest {
  private final AccessRules rules = FirehoseAccess.rules();
  private final Scope scope = new Scope("111122223333", "eu-west-1");

  @Test
  void everyOperationOfTheModelHasALine() {
    ServiceModel model = ServiceModel.fromResource("/io/rivulet/firehose/firehose-2015-08-04.shapes.json");
    assertThat(rules.operations()).containsExactlyInAnyOrderElementsOf(model.operationNames());
    assertThat(rules.signingName()).isEqualTo("firehose");
  }

  @Test
  void deliveryStreamsAndTheAccount() {
    String arn = "arn:aws:firehose:eu-west-1:111122223333:deliverystream/clicks";
    assertThat(rules.accessFor("PutRecordBatch", Map.of("DeliveryStreamName", "clicks"), scope))
        .containsExactly(new Access("firehose:PutRecordBatch", arn));
    assertThat(rules.accessFor("CreateDeliveryStream", Map.of("DeliveryStreamName", "clicks",
        "Tags", List.of(Map.of("Key", "k"))), scope)).extracting(Access::action)
        .containsExactly("firehose:CreateDeliveryStream", "firehose:TagDeliveryStream");
    assertThat(rules.accessFor("ListDeliveryStreams", Map.of(), scope))
        .containsExactly(new Access("firehose:ListDeliveryStreams", "*"));
  }
}
