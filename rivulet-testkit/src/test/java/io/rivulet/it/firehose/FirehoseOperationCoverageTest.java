package io.rivulet.it.firehose;

import static org.assertj.core.api.Assertions.assertThat;

import io.rivulet.it.Sdk;
import io.rivulet.testkit.RivuletExtension;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.firehose.FirehoseAsyncClient;

/** Firehose coverage as one visible list: every operation of the SDK's client is served. */
class FirehoseOperationCoverageTest {
  @RegisterExtension static RivuletExtension rivulet = new RivuletExtension();

  @Test
  void allTwelveOperationsAreServed() {
    Set<String> served = new TreeSet<>(rivulet.server().firehose().definition().operations().names());
    assertThat(served).hasSize(12).isEqualTo(Sdk.sdkOperations(FirehoseAsyncClient.class));
  }
}
