package io.rivulet.it.firehose;

import static io.rivulet.it.firehose.FirehoseSdk.assertError;
import static io.rivulet.it.firehose.FirehoseSdk.error;
import static io.rivulet.it.firehose.FirehoseSdk.s3;
import static org.assertj.core.api.Assertions.assertThat;

import io.rivulet.testkit.Clients;
import io.rivulet.testkit.RivuletExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.firehose.FirehoseClient;

/**
 * Delivery streams belong to the account and region of the request's credential scope, and
 * survive a restart of the server on the same data directory.
 */
class FirehoseAccountsTest {
  @RegisterExtension static RivuletExtension rivulet = new RivuletExtension();

  @Test
  void accountsAndRegionsAreSeparate() {
    try (FirehoseClient a = Clients.firehoseAs(rivulet.endpoint(), "111111111111", Region.US_EAST_1);
        FirehoseClient b = Clients.firehoseAs(rivulet.endpoint(), "222222222222", Region.US_EAST_1);
        FirehoseClient west = Clients.firehoseAs(rivulet.endpoint(), "111111111111", Region.EU_WEST_1)) {
      String arn = a.createDeliveryStream(r -> r.deliveryStreamName("shared-name")
          .extendedS3DestinationConfiguration(s3("b", 5, 300))).deliveryStreamARN();
      assertThat(arn).isEqualTo("arn:aws:firehose:us-east-1:111111111111:deliverystream/shared-name");
      String other = b.createDeliveryStream(r -> r.deliveryStreamName("shared-name")
          .extendedS3DestinationConfiguration(s3("b", 5, 300))).deliveryStreamARN();
      assertThat(other).isEqualTo("arn:aws:firehose:us-east-1:222222222222:deliverystream/shared-name");
      assertThat(west.listDeliveryStreams(r -> r.limit(100)).deliveryStreamNames()).isEmpty();
      assertError(error(() -> west.describeDeliveryStream(r -> r.deliveryStreamName("shared-name"))),
          "ResourceNotFoundException", 400, "Firehose shared-name under account 111111111111 not found.");
      b.deleteDeliveryStream(r -> r.deliveryStreamName("shared-name"));
      assertThat(a.describeDeliveryStream(r -> r.deliveryStreamName("shared-name"))
          .deliveryStreamDescription().deliveryStreamARN()).isEqualTo(arn);
    }
  }

  @Test
  void stateSurvivesARestart() {
    FirehoseClient firehose = rivulet.firehose();
    firehose.createDeliveryStream(r -> r.deliveryStreamName("durable")
        .extendedS3DestinationConfiguration(s3("b", 5, 300))
        .tags(software.amazon.awssdk.services.firehose.model.Tag.builder().key("k").value("v").build()));
    firehose.updateDestination(r -> r.deliveryStreamName("durable").currentDeliveryStreamVersionId("1")
        .destinationId("destinationId-000000000001").extendedS3DestinationUpdate(u -> u.prefix("p/")));
    String id = firehose.putRecord(r -> r.deliveryStreamName("durable")
        .record(x -> x.data(software.amazon.awssdk.core.SdkBytes.fromUtf8String("kept")))).recordId();
    var before = firehose.describeDeliveryStream(r -> r.deliveryStreamName("durable")).deliveryStreamDescription();
    rivulet.restart();
    FirehoseClient again = Clients.firehose(rivulet.endpoint());
    try (again) {
      var after = again.describeDeliveryStream(r -> r.deliveryStreamName("durable")).deliveryStreamDescription();
      assertThat(after).isEqualTo(before);
      assertThat(again.listTagsForDeliveryStream(r -> r.deliveryStreamName("durable")).tags())
          .singleElement().satisfies(t -> assertThat(t.key()).isEqualTo("k"));
      assertThat(rivulet.server().firehose().engine().views()).filteredOn(v -> v.meta().name().equals("durable"))
          .singleElement().satisfies(v -> assertThat(v.undeliveredBytes()).isEqualTo(4));
      String next = again.putRecord(r -> r.deliveryStreamName("durable")
          .record(x -> x.data(software.amazon.awssdk.core.SdkBytes.fromUtf8String("more")))).recordId();
      assertThat(next).isGreaterThan(id);
    }
  }
}
