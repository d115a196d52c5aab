package io.rivulet.it.firehose;

import static org.assertj.core.api.Assertions.assertThat;

import io.rivulet.testkit.RivuletExtension;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.services.firehose.FirehoseAsyncClient;

/** Firehose coverage as one visible list: every operation of the SDK's client is served. */
class FirehoseOperationCoverageTest {
  @RegisterExtension static RivuletExtension rivulet = new RivuletExtension();

  static Set<String> sdkOperations() {
    Set<String> ops = new TreeSet<>();
    for (Method m : FirehoseAsyncClient.class.getMethods()) {
      if (!Modifier.isStatic(m.getModifiers()) && m.getParameterCount() >= 1
          && SdkRequest.class.isAssignableFrom(m.getParameterTypes()[0])
          && !m.getName().endsWith("Paginator")) {
        ops.add(Character.toUpperCase(m.getName().charAt(0)) + m.getName().substring(1));
      }
    }
    return ops;
  }

  @Test
  void allTwelveOperationsAreServed() {
    Set<String> served = new TreeSet<>(rivulet.server().firehose().definition().operations().names());
    assertThat(served).hasSize(12).isEqualTo(sdkOperations());
  }
}
