package io.rivulet.flink1.testjob;

import com.amazonaws.services.kinesisanalytics.runtime.KinesisAnalyticsRuntime;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import org.apache.flink.api.common.serialization.SimpleStringSchema;
import org.apache.flink.connector.kinesis.sink.KinesisStreamsSink;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.connectors.kinesis.FlinkKinesisConsumer;
import org.apache.flink.streaming.connectors.kinesis.config.AWSConfigConstants;
import org.apache.flink.streaming.connectors.kinesis.config.ConsumerConfigConstants;

/**
 * A Managed Flink 1.20 application as users write them: reads the stream of property Job.input
 * with the official connector's {@link FlinkKinesisConsumer} (polling, from TRIM_HORIZON), upper
 * cases each record and writes it with {@link KinesisStreamsSink} to the stream of Job.output, the
 * Kinesis endpoint and region being Job.endpoint and Job.region; its properties come from AWS's
 * runtime library ({@link KinesisAnalyticsRuntime#getApplicationProperties()}). Stateless.
 */
public final class UppercaseJob {
  private UppercaseJob() {}

  @SuppressWarnings("deprecation") // FlinkKinesisConsumer and addSource: what 1.x applications use
  public static void main(String[] args) throws Exception {
    Map<String, Properties> groups = KinesisAnalyticsRuntime.getApplicationProperties();
    Properties job = groups.get("Job");
    if (job == null) {
      throw new IllegalStateException("no property group Job in " + groups);
    }
    StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
    Properties consumer = aws(job);
    consumer.setProperty(ConsumerConfigConstants.STREAM_INITIAL_POSITION, "TRIM_HORIZON");
    consumer.setProperty(ConsumerConfigConstants.SHARD_GETRECORDS_INTERVAL_MILLIS, "200");
    consumer.setProperty(ConsumerConfigConstants.SHARD_DISCOVERY_INTERVAL_MILLIS, "1000");
    KinesisStreamsSink<String> sink = KinesisStreamsSink.<String>builder()
        .setKinesisClientProperties(aws(job))
        .setSerializationSchema(new SimpleStringSchema())
        .setPartitionKeyGenerator(record -> Integer.toString(record.hashCode()))
        .setStreamName(job.getProperty("output"))
        .setMaxTimeInBufferMS(200)
        .build();
    env.addSource(new FlinkKinesisConsumer<>(job.getProperty("input"), new SimpleStringSchema(),
            consumer)).uid("kinesis-source").name("Source: kinesis")
        .map(record -> record.toUpperCase(Locale.ROOT)).uid("upper")
        .sinkTo(sink).uid("kinesis-sink").name("Sink: kinesis");
    env.execute(job.getProperty("name", "uppercase"));
  }

  /** The client settings both connectors take: endpoint, region, static credentials. */
  private static Properties aws(Properties job) {
    Properties p = new Properties();
    p.setProperty(AWSConfigConstants.AWS_REGION, job.getProperty("region", "us-east-1"));
    p.setProperty(AWSConfigConstants.AWS_ENDPOINT, job.getProperty("endpoint"));
    p.setProperty(AWSConfigConstants.AWS_CREDENTIALS_PROVIDER, "BASIC");
    p.setProperty(AWSConfigConstants.AWS_ACCESS_KEY_ID, job.getProperty("accessKey", "rivulet"));
    p.setProperty(AWSConfigConstants.AWS_SECRET_ACCESS_KEY, job.getProperty("secretKey", "rivulet"));
    p.setProperty(AWSConfigConstants.TRUST_ALL_CERTIFICATES, "true");
    return p;
  }
}
