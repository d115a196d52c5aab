package io.rivulet.it.firehose;

import static io.rivulet.it.firehose.FirehoseSdk.ROLE;
import static org.assertj.core.api.Assertions.assertThat;

import io.rivulet.firehose.engine.FirehoseConfig;
import io.rivulet.firehose.http.FirehoseReceiver;
import io.rivulet.testkit.RivuletExtension;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.firehose.FirehoseClient;
import software.amazon.awssdk.services.firehose.model.HttpEndpointDestinationConfiguration;
import software.amazon.awssdk.services.firehose.model.ProcessingConfiguration;
import software.amazon.awssdk.services.firehose.model.Processor;
import software.amazon.awssdk.services.firehose.model.ProcessorParameter;
import software.amazon.awssdk.services.firehose.model.Record;
import software.amazon.awssdk.services.firehose.model.S3DestinationConfiguration;

/**
 * A delivery stream with a Lambda processor, through the server: records go to a function served
 * over the Lambda Invoke API at the server's Lambda endpoint, come back transformed or dropped, and
 * reach the HTTP endpoint; DescribeDeliveryStream shows the processor with Firehose's defaults.
 */
class LambdaProcessingTest {
  static final String FUNCTION = "arn:aws:lambda:us-east-1:000000000000:function:upper";
  static final LambdaFunctionServer lambda =
      new LambdaFunctionServer(s -> s.equals("drop") ? null : s.toUpperCase(Locale.ROOT));
  static final FirehoseReceiver receiver = receiver();

  @RegisterExtension static RivuletExtension rivulet = new RivuletExtension(o -> o.withFirehose(
      o.firehose().withEndpoints(FirehoseConfig.Endpoints.none()
          .withLambda(lambda.endpoint().toString())
          .withEndpointMap(Map.of("https://receiver.example.com", receiver.url().toString())))));

  static FirehoseReceiver receiver() {
    try {
      return FirehoseReceiver.http(null);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @AfterAll
  static void stop() {
    receiver.close();
    lambda.close();
  }

  @Test
  void recordsAreTransformedByTheFunctionBeforeDelivery() throws Exception {
    FirehoseClient firehose = rivulet.firehose();
    firehose.createDeliveryStream(b -> b.deliveryStreamName("transformed")
        .httpEndpointDestinationConfiguration(HttpEndpointDestinationConfiguration.builder()
            .endpointConfiguration(e -> e.url("https://receiver.example.com/in"))
            .bufferingHints(h -> h.intervalInSeconds(0))
            .processingConfiguration(ProcessingConfiguration.builder().enabled(true)
                .processors(Processor.builder().type("Lambda").parameters(ProcessorParameter.builder()
                    .parameterName("LambdaArn").parameterValue(FUNCTION).build()).build())
                .build())
            .s3Configuration(S3DestinationConfiguration.builder().bucketARN("arn:aws:s3:::b")
                .roleARN(ROLE).build())
            .roleARN(ROLE)
            .build()));
    firehose.putRecordBatch(b -> b.deliveryStreamName("transformed").records(
        Record.builder().data(SdkBytes.fromUtf8String("hello")).build(),
        Record.builder().data(SdkBytes.fromUtf8String("drop")).build(),
        Record.builder().data(SdkBytes.fromUtf8String("world")).build()));
    long deadline = System.nanoTime() + 30_000_000_000L;
    while (received().size() < 2) {
      assertThat(System.nanoTime()).isLessThan(deadline);
      Thread.sleep(20);
    }
    assertThat(received()).containsExactly("HELLO", "WORLD");
    assertThat(lambda.invocations).isNotEmpty();
    assertThat(lambda.invocations.get(0).path("deliveryStreamArn").asText())
        .isEqualTo("arn:aws:firehose:us-east-1:000000000000:deliverystream/transformed");

    var processors = firehose.describeDeliveryStream(b -> b.deliveryStreamName("transformed"))
        .deliveryStreamDescription().destinations().get(0).httpEndpointDestinationDescription()
        .processingConfiguration().processors();
    assertThat(processors).singleElement().satisfies(p -> assertThat(p.parameters())
        .extracting(ProcessorParameter::parameterNameAsString, ProcessorParameter::parameterValue)
        .contains(org.assertj.core.groups.Tuple.tuple("LambdaArn", FUNCTION),
            org.assertj.core.groups.Tuple.tuple("NumberOfRetries", "3"),
            org.assertj.core.groups.Tuple.tuple("BufferSizeInMBs", "1"),
            org.assertj.core.groups.Tuple.tuple("BufferIntervalInSeconds", "60")));
  }

  static List<String> received() {
    List<String> out = new ArrayList<>();
    receiver.received.forEach(r -> r.records().forEach(b -> out.add(new String(b, StandardCharsets.UTF_8))));
    return out;
  }
}
