package io.rivulet.it;

import static io.rivulet.it.Sdk.assertError;
import static io.rivulet.it.Sdk.error;
import static org.assertj.core.api.Assertions.assertThat;

import io.rivulet.testkit.Clients;
import io.rivulet.testkit.RivuletExtension;
import io.rivulet.testkit.WireMode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.kinesis.KinesisClient;

/**
 * Accounts and regions come from the SigV4 credential scope: a 12-digit access key id selects that
 * account, any other the default account; streams of other accounts and regions are invisible.
 */
@ParameterizedClass
@EnumSource(WireMode.class)
class AccountsTest {
  @RegisterExtension static RivuletExtension rivulet = new RivuletExtension();

  @Parameter WireMode mode;

  @Test
  void streamsAreScopedToAccountAndRegion() {
    String name = "shared-name-" + mode;
    KinesisClient defaultAccount = Clients.syncAs(rivulet.endpoint(), mode, "AKIDDEFAULT", Region.US_EAST_1);
    KinesisClient acme = Clients.syncAs(rivulet.endpoint(), mode, "111122223333", Region.US_EAST_1);
    KinesisClient acmeEu = Clients.syncAs(rivulet.endpoint(), mode, "111122223333", Region.EU_WEST_1);
    Sdk.createActive(defaultAccount, name, 1);
    Sdk.createActive(acme, name, 2);
    Sdk.createActive(acmeEu, name, 3);
    assertThat(defaultAccount.describeStreamSummary(b -> b.streamName(name)).streamDescriptionSummary().openShardCount()).isEqualTo(1);
    assertThat(acme.describeStreamSummary(b -> b.streamName(name)).streamDescriptionSummary().streamARN())
        .isEqualTo("arn:aws:kinesis:us-east-1:111122223333:stream/" + name);
    assertThat(acmeEu.describeStreamSummary(b -> b.streamName(name)).streamDescriptionSummary().streamARN())
        .isEqualTo("arn:aws:kinesis:eu-west-1:111122223333:stream/" + name);
    assertThat(acmeEu.describeStreamSummary(b -> b.streamName(name)).streamDescriptionSummary().openShardCount()).isEqualTo(3);
    acme.deleteStream(b -> b.streamName(name));
    assertThat(defaultAccount.listStreams().streamNames()).contains(name);
    assertThat(acmeEu.listStreams().streamNames()).contains(name);
    assertError(error(() -> acme.putRecord(b -> b.streamName("only-in-eu-" + mode).partitionKey("p").data(Sdk.bytes("x")))),
        "ResourceNotFoundException", 400, "Stream only-in-eu-" + mode + " under account 111122223333 not found.");
    for (KinesisClient c : new KinesisClient[] {defaultAccount, acme, acmeEu}) {
      c.close();
    }
  }
}
