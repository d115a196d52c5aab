package io.rivulet.it.analytics;

import static org.assertj.core.api.Assertions.assertThat;

import io.rivulet.it.Sdk;
import io.rivulet.testkit.RivuletExtension;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.kinesisanalyticsv2.KinesisAnalyticsV2AsyncClient;
import software.amazon.awssdk.services.kinesisanalyticsv2.KinesisAnalyticsV2Client;

/** Analytics coverage as one visible list: every operation of the SDK's clients is served. */
class AnalyticsOperationCoverageTest {
  @RegisterExtension static RivuletExtension rivulet = new RivuletExtension();

  @Test
  void allThirtyThreeOperationsAreServed() {
    Set<String> served =
        new TreeSet<>(rivulet.server().analytics().definition().operations().names());
    assertThat(served).hasSize(33)
        .isEqualTo(Sdk.sdkOperations(KinesisAnalyticsV2Client.class))
        .isEqualTo(Sdk.sdkOperations(KinesisAnalyticsV2AsyncClient.class));
  }
}
