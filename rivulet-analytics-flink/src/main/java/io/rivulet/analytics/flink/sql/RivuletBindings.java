package io.rivulet.analytics.flink.sql;

import io.rivulet.analytics.flink.sql.SqlApplicationConfig.Input;
import io.rivulet.analytics.flink.sql.SqlApplicationConfig.Output;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Sources and sinks of a SQL-1_0 application on Rivulet: inputs and stream outputs are
 * {@code 'connector' = 'rivulet'} tables (raw bytes; the arrival time from the {@code arrival_time}
 * metadata is the rowtime, with a bounded-delay watermark), Firehose outputs
 * {@code 'connector' = 'rivulet-firehose'} tables ({@link FirehoseTableFactory}). With a null
 * endpoint the rivulet connector works in-process (embedded engine); otherwise over the Kinesis
 * API at that endpoint. Immutable, so thread-safe.
 *
 * @param account the application's account
 * @param region the application's region
 * @param streamsEndpoint the Kinesis endpoint for a remote engine, or null for in-process
 * @param firehoseEndpoint the endpoint Firehose outputs put records to
 * @param watermarkDelay how far the watermark trails the newest arrival time
 */
record RivuletBindings(String account, String region, String streamsEndpoint,
    String firehoseEndpoint, Duration watermarkDelay) implements SqlTranslator.Bindings {

  RivuletBindings {
    if (watermarkDelay.isNegative() || watermarkDelay.toSeconds() > 99) {
      throw new IllegalArgumentException("the watermark delay must be 0 to 99 s: " + watermarkDelay);
    }
  }

  @Override
  public String sourceTable(String table, Input input) {
    Map<String, String> options = connection();
    options.put("stream", input.sourceStream());
    options.put("format", "raw");
    options.put("scan.startup.mode",
        input.startingPosition().equals("TRIM_HORIZON") ? "trim-horizon" : "latest");
    return "CREATE TEMPORARY TABLE " + SqlText.quote(table) + " (`DATA` BYTES, "
        + "`ARRIVAL` TIMESTAMP_LTZ(3) METADATA FROM 'arrival_time' VIRTUAL, "
        + "`ROWTIME` AS CAST(`ARRIVAL` AS TIMESTAMP(3)), "
        + "WATERMARK FOR `ROWTIME` AS `ROWTIME` - INTERVAL '"
        + String.format("%d.%03d", watermarkDelay.toSeconds(), watermarkDelay.toMillisPart())
        + "' SECOND) WITH (" + with(options) + ")";
  }

  @Override
  public String sinkTable(String table, Output output) {
    Map<String, String> options;
    if (output.kind() == SqlApplicationConfig.Destination.FIREHOSE) {
      options = new LinkedHashMap<>();
      options.put("connector", FirehoseTableFactory.IDENTIFIER);
      options.put("delivery-stream", output.destination());
      options.put("endpoint", firehoseEndpoint);
      options.put("region", region);
    } else {
      options = connection();
      options.put("stream", output.destination());
      options.put("format", "raw");
    }
    return "CREATE TEMPORARY TABLE " + SqlText.quote(table) + " (`DATA` BYTES) WITH ("
        + with(options) + ")";
  }

  private Map<String, String> connection() {
    Map<String, String> o = new LinkedHashMap<>();
    o.put("connector", "rivulet");
    o.put("aws.region", region);
    o.put("aws.account", account);
    if (streamsEndpoint != null) {
      o.put("aws.endpoint", streamsEndpoint);
    }
    return o;
  }

  private static String with(Map<String, String> options) {
    return options.entrySet().stream()
        .map(e -> SqlText.literal(e.getKey()) + " = " + SqlText.literal(e.getValue()))
        .collect(Collectors.joining(", "));
  }
}
