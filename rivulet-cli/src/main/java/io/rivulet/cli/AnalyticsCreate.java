package io.rivulet.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.kinesisanalyticsv2.KinesisAnalyticsV2Client;
import software.amazon.awssdk.services.kinesisanalyticsv2.model.ApplicationConfiguration;
import software.amazon.awssdk.services.kinesisanalyticsv2.model.CreateApplicationRequest;
import software.amazon.awssdk.services.kinesisanalyticsv2.model.InputStartingPosition;
import software.amazon.awssdk.services.kinesisanalyticsv2.model.PropertyGroup;
import software.amazon.awssdk.services.kinesisanalyticsv2.model.SourceSchema;

/**
 * {@code rivulet analytics create NAME}: a SQL-1_0 application from {@code --sql FILE} with its
 * input stream (schema discovered by DiscoverInputSchema from the records already in it) and
 * output streams, or a Flink application from {@code --jar FILE} (sent as ZipFileContent) or
 * {@code --s3 s3://bucket/key}, with runtime properties, parallelism and snapshots; then
 * describes it.
 */
@Command(name = "create", mixinStandardHelpOptions = true, sortOptions = false,
    description = "Create an application (SQL-1_0 with --sql, Flink with --jar or --s3).")
final class AnalyticsCreate implements Callable<Integer> {
  static final String DEFAULT_ROLE = "arn:aws:iam::000000000000:role/rivulet-analytics";

  @Mixin ClientOptions client;
  @Parameters(paramLabel = "NAME") String name;
  @Option(names = "--runtime", paramLabel = "ENV",
      description = "Runtime environment (default: SQL-1_0 with --sql, else FLINK-2_2).")
  String runtime;
  @Option(names = "--sql", paramLabel = "FILE", description = "The application's SQL (SQL-1_0).")
  Path sql;
  @Option(names = "--input-stream", paramLabel = "STREAM",
      description = "SQL-1_0: the input data stream (name or ARN); its schema is discovered from its records.")
  String inputStream;
  @Option(names = "--output-stream", paramLabel = "IN_APP_STREAM=STREAM", arity = "1..*",
      description = "SQL-1_0: write an in-application stream to a data stream (as JSON).")
  List<String> outputs = new ArrayList<>();
  @Option(names = "--jar", paramLabel = "FILE", description = "Flink: the application jar, sent with the request.")
  Path jar;
  @Option(names = "--s3", paramLabel = "s3://BUCKET/KEY", description = "Flink: the application jar in S3.")
  String s3;
  @Option(names = "--property", paramLabel = "GROUP.KEY=VALUE", arity = "1..*",
      description = "Flink: a runtime property (EnvironmentProperties).")
  List<String> properties = new ArrayList<>();
  @Option(names = "--parallelism", description = "Flink: the job's parallelism (default 1).")
  Integer parallelism;
  @Option(names = "--snapshots", description = "Flink: take snapshots (on stop, on demand) and restore them on start.")
  boolean snapshots;
  @Option(names = "--role-arn", defaultValue = DEFAULT_ROLE,
      description = "Service execution role (default: ${DEFAULT-VALUE}; Rivulet does not check it).")
  String role;

  @Override
  public Integer call() throws IOException {
    try (KinesisAnalyticsV2Client a = client.analytics()) {
      String env = runtime != null ? runtime : sql != null ? "SQL-1_0" : "FLINK-2_2";
      ApplicationConfiguration.Builder config = ApplicationConfiguration.builder();
      if (env.equals("SQL-1_0")) {
        sqlConfiguration(a, config);
      } else {
        flinkConfiguration(config);
      }
      a.createApplication(CreateApplicationRequest.builder().applicationName(name)
          .runtimeEnvironment(env).serviceExecutionRole(role)
          .applicationConfiguration(config.build()).build());
      AnalyticsCommand.print(a, name, client.json());
    }
    return 0;
  }

  private void sqlConfiguration(KinesisAnalyticsV2Client a, ApplicationConfiguration.Builder config)
      throws IOException {
    if (jar != null || s3 != null) {
      throw CliError.input("--jar and --s3 are for Flink applications; SQL-1_0 takes --sql");
    }
    String text = sql == null ? null : read(sql);
    if (text != null) {
      config.applicationCodeConfiguration(c -> c.codeContentType("PLAINTEXT")
          .codeContent(cc -> cc.textContent(text)));
    }
    List<software.amazon.awssdk.services.kinesisanalyticsv2.model.Output> outs = new ArrayList<>();
    for (String o : outputs) {
      int eq = o.indexOf('=');
      if (eq <= 0) {
        throw CliError.input("--output-stream " + o + ": expected IN_APP_STREAM=STREAM");
      }
      outs.add(software.amazon.awssdk.services.kinesisanalyticsv2.model.Output.builder()
          .name(o.substring(0, eq)).kinesisStreamsOutput(k -> k.resourceARN(streamArn(o.substring(eq + 1))))
          .destinationSchema(d -> d.recordFormatType("JSON")).build());
    }
    SourceSchema schema = null;
    if (inputStream != null) {
      schema = a.discoverInputSchema(d -> d.resourceARN(streamArn(inputStream)).serviceExecutionRole(role)
          .inputStartingPositionConfiguration(p -> p.inputStartingPosition(
              InputStartingPosition.TRIM_HORIZON))).inputSchema();
    }
    SourceSchema discovered = schema;
    config.sqlApplicationConfiguration(s -> {
      if (discovered != null) {
        s.inputs(software.amazon.awssdk.services.kinesisanalyticsv2.model.Input.builder()
            .namePrefix("SOURCE_SQL_STREAM").inputSchema(discovered)
            .kinesisStreamsInput(k -> k.resourceARN(streamArn(inputStream))).build());
      }
      s.outputs(outs);
    });
  }

  private void flinkConfiguration(ApplicationConfiguration.Builder config) throws IOException {
    if (sql != null && jar == null && s3 == null) {
      String text = read(sql);
      config.applicationCodeConfiguration(c -> c.codeContentType("PLAINTEXT")
          .codeContent(cc -> cc.textContent(text)));
    } else if (jar != null) {
      byte[] bytes = readBytes(jar);
      config.applicationCodeConfiguration(c -> c.codeContentType("ZIPFILE")
          .codeContent(cc -> cc.zipFileContent(SdkBytes.fromByteArray(bytes))));
    } else if (s3 != null) {
      if (!s3.startsWith("s3://") || s3.indexOf('/', 5) < 0) {
        throw CliError.input("--s3 " + s3 + ": expected s3://BUCKET/KEY");
      }
      String bucket = s3.substring(5, s3.indexOf('/', 5));
      String key = s3.substring(s3.indexOf('/', 5) + 1);
      config.applicationCodeConfiguration(c -> c.codeContentType("ZIPFILE")
          .codeContent(cc -> cc.s3ContentLocation(l -> l.bucketARN("arn:aws:s3:::" + bucket).fileKey(key))));
    }
    Map<String, Map<String, String>> groups = new LinkedHashMap<>();
    for (String p : properties) {
      int dot = p.indexOf('.');
      int eq = p.indexOf('=');
      if (dot <= 0 || eq < dot) {
        throw CliError.input("--property " + p + ": expected GROUP.KEY=VALUE");
      }
      groups.computeIfAbsent(p.substring(0, dot), g -> new LinkedHashMap<>())
          .put(p.substring(dot + 1, eq), p.substring(eq + 1));
    }
    if (!groups.isEmpty()) {
      List<PropertyGroup> list = new ArrayList<>();
      groups.forEach((g, m) -> list.add(PropertyGroup.builder().propertyGroupId(g).propertyMap(m).build()));
      config.environmentProperties(e -> e.propertyGroups(list));
    }
    if (parallelism != null) {
      config.flinkApplicationConfiguration(f -> f.parallelismConfiguration(p -> p
          .configurationType("CUSTOM").parallelism(parallelism).autoScalingEnabled(false)));
    }
    config.applicationSnapshotConfiguration(s -> s.snapshotsEnabled(snapshots));
  }

  private String streamArn(String stream) {
    return stream.startsWith("arn:") ? stream
        : "arn:aws:kinesis:" + client.region().id() + ":000000000000:stream/" + stream;
  }

  private static String read(Path file) throws IOException {
    return new String(readBytes(file), java.nio.charset.StandardCharsets.UTF_8);
  }

  private static byte[] readBytes(Path file) throws IOException {
    try {
      return Files.readAllBytes(file);
    } catch (NoSuchFileException e) {
      throw CliError.input(file + ": no such file");
    }
  }
}
