package io.rivulet.it.video;

import static org.assertj.core.api.Assertions.assertThat;

import io.rivulet.server.RivuletServer;
import io.rivulet.testkit.Clients;
import io.rivulet.testkit.RivuletExtension;
import io.rivulet.testkit.video.MkvSource;
import io.rivulet.video.mkv.Ebml;
import io.rivulet.video.mkv.EbmlWriter;
import io.rivulet.video.mkv.Matroska;
import io.rivulet.video.store.FragmentStore.Frame;
import io.rivulet.video.store.FragmentStore.TimestampKind;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.kinesisvideo.KinesisVideoClient;

/**
 * curl, the HTTP stack under the KVS C producer, posting a producer-shaped MKV body to PutMedia
 * over HTTPS, where it negotiates HTTP/2 by ALPN as the C producer's curl does: the acks come back
 * in the same h2 stream and every fragment is stored.
 */
@Timeout(120)
class PutMediaCurlTest {
  @RegisterExtension
  static RivuletExtension rivulet = new RivuletExtension(
      o -> o.withTls(new RivuletServer.Options.Tls(0, null, null)));
  @TempDir Path dir;

  @Test
  void curlOverHttpsNegotiatesH2AndGetsEveryAck() throws Exception {
    String arn;
    try (KinesisVideoClient kvs = Clients.kinesisVideo(rivulet.endpoint())) {
      arn = kvs.createStream(b -> b.streamName("curl").dataRetentionInHours(1)).streamARN();
    }
    MkvSource source = MkvSource.read(MkvSource.ffmpeg(dir, 3));
    long base = System.currentTimeMillis();
    Path body = Files.write(dir.resolve("body.mkv"), producerBody(source, base));
    Process curl = new ProcessBuilder("curl", "-sS", "--http2", "--cacert",
        rivulet.server().certificateFile().toString(), "-H", "x-amzn-stream-name: curl",
        "-H", "x-amzn-fragment-timecode-type: ABSOLUTE",
        "-H", "x-amzn-producer-start-timestamp: " + base / 1000.0,
        "--data-binary", "@" + body, "-w", "\\nHTTP/%{http_version} %{http_code}\\n",
        rivulet.server().tlsEndpoint() + "/putMedia").redirectErrorStream(true).start();
    String out = new String(curl.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(curl.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(out).contains("HTTP/2 200");
    List<String> acks = Arrays.stream(out.split("\n")).filter(l -> l.startsWith("{")).toList();
    assertThat(acks).hasSize(9);
    assertThat(acks).filteredOn(a -> a.contains("\"PERSISTED\"")).hasSize(3);
    assertThat(rivulet.server().fragments().list(arn, TimestampKind.PRODUCER_TIMESTAMP, null,
        null, null, 10)).extracting(f -> f.producerTimestamp().toEpochMilli())
        .containsExactly(base, base + 1000, base + 2000);
  }

  /** As the producer SDK writes it: unknown sizes, each cluster ended by END_OF_FRAGMENT. */
  static byte[] producerBody(MkvSource source, long base) {
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    b.writeBytes(Matroska.ebmlHeader("matroska"));
    b.writeBytes(Matroska.segmentStart());
    b.writeBytes(Matroska.info(1_000_000, "Kinesis Video SDK", "Kinesis Video SDK"));
    b.writeBytes(Matroska.tracks(source.tracks()));
    for (int i = 0; i < source.clusters().size(); i++) {
      b.writeBytes(Ebml.idBytes(Ebml.CLUSTER));
      b.write(0xFF);
      b.writeBytes(new EbmlWriter().uint(Ebml.TIMECODE, base + source.clusterStart(i))
          .toByteArray());
      for (Frame f : source.clusters().get(i)) {
        b.writeBytes(Matroska.simpleBlock(f.trackNumber(),
            (int) (f.timecodeMillis() - source.clusterStart(i)), f.keyframe(), f.data()));
      }
      b.writeBytes(Matroska.tags(List.of(Map.entry("AWS_KINESISVIDEO_END_OF_FRAGMENT", ""))));
    }
    return b.toByteArray();
  }
}
