package io.rivulet.it.video;

import static org.assertj.core.api.Assertions.assertThat;

import io.rivulet.it.Sdk;
import io.rivulet.testkit.RivuletExtension;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.kinesisvideo.KinesisVideoAsyncClient;

/**
 * Control-plane coverage as one list: the SDK's KinesisVideo operations (all 32 of botocore's
 * kinesisvideo 2017-09-30 model) against the operations served.
 */
class VideoOperationCoverageTest {
  @RegisterExtension static RivuletExtension rivulet = new RivuletExtension();

  @Test
  void everySdkOperationIsServed() {
    Set<String> served = new TreeSet<>(rivulet.server().videoControl().endpoint().operations());
    Set<String> sdk = Sdk.sdkOperations(KinesisVideoAsyncClient.class);
    assertThat(sdk).hasSize(32);
    assertThat(served).isEqualTo(sdk);
  }
}
