package io.rivulet.it;

import io.rivulet.server.AuthOptions;
import io.rivulet.testkit.Clients;
import io.rivulet.testkit.RivuletExtension;
import io.rivulet.testkit.WireMode;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.firehose.FirehoseClient;
import software.amazon.awssdk.services.kinesis.KinesisClient;

/**
 * The web console against a server started with {@code --auth}, in a real browser ({@code
 * src/test/browser/console-auth.spec.mjs}): it asks for an access key, refuses a wrong secret, and
 * with the right one signs every call it makes (the Kinesis and Firehose APIs and their counters,
 * each with its own service name). Skipped as
 * {@link ConsoleBrowserTest} is without a browser.
 */
class ConsoleAuthBrowserTest {
  static final String KEY = "AKIACONSOLEAAAAAAAAA";
  static final String SECRET = "console-secret";

  @RegisterExtension
  static RivuletExtension rivulet = new RivuletExtension()
      .withAuth(AuthOptions.on(null, Map.of("RIVULET_CREDENTIALS", KEY + ":" + SECRET + ","
          + Clients.ACCESS_KEY + ":" + Clients.SECRET_KEY)));

  @Test
  void signsInAndSignsEveryCall() throws Exception {
    try (KinesisClient kinesis = Clients.syncAs(rivulet.endpoint(), WireMode.CBOR, Clients.ACCESS_KEY, Region.US_EAST_1);
        FirehoseClient firehose = Clients.firehoseAs(rivulet.endpoint(), Clients.ACCESS_KEY, Region.US_EAST_1)) {
      kinesis.createStream(r -> r.streamName("console-auth").shardCount(1));
      firehose.createDeliveryStream(r -> r.deliveryStreamName("console-auth-hose")
          .extendedS3DestinationConfiguration(c -> c.bucketARN("arn:aws:s3:::nowhere")
              .roleARN("arn:aws:iam::000000000000:role/r").bufferingHints(h -> h.intervalInSeconds(900))));
    }
    BrowserSpecs.run("console-auth.spec.mjs", Map.of("RIVULET_ENDPOINT", rivulet.endpoint().toString(),
        "ACCESS_KEY_ID", KEY, "SECRET_ACCESS_KEY", SECRET, "STREAM", "console-auth",
        "DELIVERY_STREAM", "console-auth-hose"));
  }
}
