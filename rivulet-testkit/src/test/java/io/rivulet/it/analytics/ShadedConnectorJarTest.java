package io.rivulet.it.analytics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rivulet.testkit.RivuletExtension;
import io.rivulet.testkit.WireMode;
import java.io.File;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.Record;
import software.amazon.awssdk.services.kinesis.model.ShardIteratorType;
import software.amazon.awssdk.services.kinesis.model.StreamStatus;

/**
 * The shaded connector jar (what a job for a remote Flink cluster carries) works alone: loaded
 * with nothing but slf4j beside it, its relocated SDK client reads and appends a real server's
 * stream over the Kinesis API, and it leaks no unrelocated SDK class.
 */
class ShadedConnectorJarTest {
  @RegisterExtension static RivuletExtension rivulet = new RivuletExtension();

  static URL classPathEntry(String prefix, String suffix) throws Exception {
    for (String e : System.getProperty("java.class.path").split(File.pathSeparator)) {
      String name = new File(e).getName();
      if (name.startsWith(prefix) && name.endsWith(suffix)) {
        return new File(e).toURI().toURL();
      }
    }
    throw new AssertionError(prefix + "*" + suffix + " is not on the test class path");
  }

  static Object call(Object target, String name, Object... args) throws Exception {
    Class<?> c = target instanceof Class<?> k ? k : target.getClass();
    for (Method m : c.getMethods()) {
      if (m.getName().equals(name) && m.getParameterCount() == args.length) {
        m.setAccessible(true);
        return m.invoke(target instanceof Class<?> ? null : target, args);
      }
    }
    throw new NoSuchMethodException(c.getName() + "." + name + Arrays.toString(args));
  }

  @Test
  void theShadedJarReadsAndAppendsOverTheKinesisApiOnItsOwn() throws Exception {
    KinesisClient kinesis = rivulet.sync(WireMode.CBOR);
    kinesis.createStream(b -> b.streamName("shaded").shardCount(1));
    while (kinesis.describeStreamSummary(b -> b.streamName("shaded")).streamDescriptionSummary()
        .streamStatus() != StreamStatus.ACTIVE) {
      Thread.sleep(20);
    }
    kinesis.putRecord(b -> b.streamName("shaded").partitionKey("k")
        .data(SdkBytes.fromUtf8String("from-sdk")));

    try (URLClassLoader jar = new URLClassLoader(new URL[] {
        classPathEntry("rivulet-flink-connector-", "-shaded.jar"),
        classPathEntry("slf4j-api-", ".jar")},
        ClassLoader.getPlatformClassLoader())) {
      assertThatThrownBy(() -> jar.loadClass("software.amazon.awssdk.core.SdkBytes"))
          .isInstanceOf(ClassNotFoundException.class);
      Class<?> connection = jar.loadClass("io.rivulet.flink.connect.RivuletConnection");
      Object remote = call(connection, "remote", rivulet.endpoint().toString(), "us-east-1");
      Object api = call(remote, "open");
      try {
        assertThat(api.getClass().getName()).isEqualTo("io.rivulet.flink.connect.KinesisStreamsApi");
        Object id = call(call(remote, "describe", api, "shaded"), "id");
        List<?> shards = (List<?>) call(api, "shards", id);
        assertThat(shards).hasSize(1);
        String shardId = (String) call(shards.get(0), "shardId");
        Object trimHorizon = call(jar.loadClass("io.rivulet.streams.api.Position"), "trimHorizon");
        Object read = call(api, "read", id, shardId, trimHorizon, 100, 1_048_576L);
        List<String> data = new ArrayList<>();
        for (Object r : (List<?>) call(read, "records")) {
          data.add(new String((byte[]) call(r, "data"), StandardCharsets.UTF_8));
        }
        assertThat(data).containsExactly("from-sdk");

        Object entry = jar.loadClass("io.rivulet.streams.api.PutEntry")
            .getConstructor(String.class, byte[].class)
            .newInstance("k2", "from-shaded-jar".getBytes(StandardCharsets.UTF_8));
        List<?> results = (List<?>) ((CompletableFuture<?>) call(api, "append", id,
            List.of(entry))).get();
        assertThat(call(results.get(0), "failed")).isEqualTo(false);
      } finally {
        call(connection, "release", api);
      }
    }
    String it = kinesis.getShardIterator(b -> b.streamName("shaded")
        .shardId("shardId-000000000000").shardIteratorType(ShardIteratorType.TRIM_HORIZON))
        .shardIterator();
    assertThat(kinesis.getRecords(b -> b.shardIterator(it)).records())
        .extracting(Record::partitionKey, r -> r.data().asUtf8String())
        .containsExactly(org.assertj.core.groups.Tuple.tuple("k", "from-sdk"),
            org.assertj.core.groups.Tuple.tuple("k2", "from-shaded-jar"));
  }
}
