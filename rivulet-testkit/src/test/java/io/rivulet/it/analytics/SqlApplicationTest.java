package io.rivulet.it.analytics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rivulet.testkit.RivuletExtension;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.kinesisanalyticsv2.KinesisAnalyticsV2Client;
import software.amazon.awssdk.services.kinesisanalyticsv2.model.ApplicationDetail;
import software.amazon.awssdk.services.kinesisanalyticsv2.model.ConcurrentModificationException;
import software.amazon.awssdk.services.kinesisanalyticsv2.model.InputDescription;
import software.amazon.awssdk.services.kinesisanalyticsv2.model.InvalidArgumentException;
import software.amazon.awssdk.services.kinesisanalyticsv2.model.KinesisAnalyticsV2Exception;
import software.amazon.awssdk.services.kinesisanalyticsv2.model.LimitExceededException;
import software.amazon.awssdk.services.kinesisanalyticsv2.model.RecordFormatType;
import software.amazon.awssdk.services.kinesisanalyticsv2.model.ResourceInUseException;
import software.amazon.awssdk.services.kinesisanalyticsv2.model.ResourceNotFoundException;
import software.amazon.awssdk.services.kinesisanalyticsv2.model.Tag;
import software.amazon.awssdk.services.kinesisanalyticsv2.model.TooManyTagsException;
import software.amazon.awssdk.services.kinesisanalyticsv2.model.UnsupportedOperationException;

/**
 * SQL-1_0 applications through the SDK's KinesisAnalyticsV2Client with no runtime configured:
 * create, describe, list and page, inputs, outputs, reference data, input processing, logging
 * options, version checks, tags, the operations only Flink applications have, a start that fails
 * for want of a runtime, and delete; with AWS's error names.
 */
@SuppressWarnings("unchecked") // the SDK builders take varargs of consumers
class SqlApplicationTest {
  static final String ROLE = "arn:aws:iam::000000000000:role/analytics";
  static final String STREAM = "arn:aws:kinesis:us-east-1:000000000000:stream/clicks";

  @RegisterExtension static RivuletExtension rivulet = new RivuletExtension();

  static KinesisAnalyticsV2Client client() {
    return rivulet.analytics();
  }

  static Map<String, Object> dummy() {
    return Map.of();
  }

  static ApplicationDetail create(KinesisAnalyticsV2Client c, String name) {
    return c.createApplication(r -> r.applicationName(name).runtimeEnvironment("SQL-1_0")
        .serviceExecutionRole(ROLE).applicationDescription("clicks per user")
        .applicationConfiguration(a -> a
            .applicationCodeConfiguration(code -> code.codeContentType("PLAINTEXT")
                .codeContent(cc -> cc.textContent("SELECT STREAM * FROM SOURCE_SQL_STREAM_001;")))
            .sqlApplicationConfiguration(sql -> sql.inputs(in -> in.namePrefix("SOURCE_SQL_STREAM")
                .kinesisStreamsInput(k -> k.resourceARN(STREAM))
                .inputSchema(s -> s.recordFormat(f -> f.recordFormatType(RecordFormatType.JSON)
                        .mappingParameters(m -> m.jsonMappingParameters(j -> j.recordRowPath("$"))))
                    .recordColumns(col -> col.name("user_id").mapping("$.user_id").sqlType("VARCHAR(16)"))))))
        .tags(Tag.builder().key("team").value("web").build()))
        .applicationDetail();
  }

  @Test
  void createDescribeListAndDelete() {
    KinesisAnalyticsV2Client c = client();
    ApplicationDetail created = create(c, "clicks");
    assertThat(created.applicationStatusAsString()).isEqualTo("READY");
    assertThat(created.applicationVersionId()).isEqualTo(1L);
    assertThat(created.applicationARN())
        .isEqualTo("arn:aws:kinesisanalytics:us-east-1:000000000000:application/clicks");
    assertThat(created.applicationModeAsString()).isEqualTo("STREAMING");
    assertThat(created.conditionalToken()).isNotBlank();
    InputDescription input = created.applicationConfigurationDescription()
        .sqlApplicationConfigurationDescription().inputDescriptions().get(0);
    assertThat(input.inputId()).isEqualTo("1.1");
    assertThat(input.inAppStreamNames()).containsExactly("SOURCE_SQL_STREAM_001");
    assertThat(input.kinesisStreamsInputDescription().resourceARN()).isEqualTo(STREAM);
    assertThat(input.inputSchema().recordColumns().get(0).sqlType()).isEqualTo("VARCHAR(16)");
    var code = created.applicationConfigurationDescription().applicationCodeConfigurationDescription();
    assertThat(code.codeContentDescription().textContent()).startsWith("SELECT STREAM");
    assertThat(code.codeContentDescription().codeSize()).isEqualTo(43L);
    assertThat(code.codeContentDescription().codeMD5()).hasSize(32);

    assertThatThrownBy(() -> create(c, "clicks")).isInstanceOf(ResourceInUseException.class);
    ApplicationDetail described = c.describeApplication(r -> r.applicationName("clicks"))
        .applicationDetail();
    assertThat(described).isEqualTo(created);

    create(c, "clicks-b");
    create(c, "clicks-c");
    List<String> names = new java.util.ArrayList<>();
    String token = null;
    do {
      String t = token;
      var page = c.listApplications(r -> r.limit(2).nextToken(t));
      assertThat(page.applicationSummaries()).hasSizeLessThanOrEqualTo(2);
      page.applicationSummaries().forEach(s -> names.add(s.applicationName()));
      token = page.nextToken();
    } while (token != null);
    assertThat(names).isSorted().doesNotHaveDuplicates()
        .containsSubsequence("clicks", "clicks-b", "clicks-c");
    assertThat(c.listApplications(r -> r.limit(50)).applicationSummaries())
        .filteredOn(s -> s.applicationName().equals("clicks")).singleElement()
        .satisfies(s -> {
          assertThat(s.applicationStatusAsString()).isEqualTo("READY");
          assertThat(s.runtimeEnvironmentAsString()).isEqualTo("SQL-1_0");
          assertThat(s.applicationVersionId()).isEqualTo(1L);
        });
    assertThatThrownBy(() -> c.deleteApplication(r -> r.applicationName("clicks-b")
        .createTimestamp(Instant.EPOCH))).isInstanceOf(InvalidArgumentException.class);
    c.deleteApplication(r -> r.applicationName("clicks-b").createTimestamp(
        c.describeApplication(d -> d.applicationName("clicks-b")).applicationDetail().createTimestamp()));
    assertThatThrownBy(() -> c.describeApplication(r -> r.applicationName("clicks-b")))
        .isInstanceOf(ResourceNotFoundException.class)
        .hasMessageContaining("Application clicks-b not found")
        .satisfies(e -> assertThat(((KinesisAnalyticsV2Exception) e).statusCode()).isEqualTo(400));
  }

  @Test
  void outputsReferenceDataAndProcessingMakeVersions() {
    KinesisAnalyticsV2Client c = client();
    create(c, "pipeline");
    var out = c.addApplicationOutput(r -> r.applicationName("pipeline").currentApplicationVersionId(1L)
        .output(o -> o.name("DEST").kinesisStreamsOutput(k -> k.resourceARN(STREAM + "-out"))
            .destinationSchema(d -> d.recordFormatType(RecordFormatType.JSON))));
    assertThat(out.applicationVersionId()).isEqualTo(2L);
    assertThat(out.outputDescriptions()).singleElement().satisfies(o -> {
      assertThat(o.outputId()).isEqualTo("1.1");
      assertThat(o.kinesisStreamsOutputDescription().resourceARN()).isEqualTo(STREAM + "-out");
    });
    assertThatThrownBy(() -> c.addApplicationOutput(r -> r.applicationName("pipeline")
        .currentApplicationVersionId(1L).output(o -> o.name("X")
            .kinesisStreamsOutput(k -> k.resourceARN(STREAM))
            .destinationSchema(d -> d.recordFormatType(RecordFormatType.CSV)))))
        .isInstanceOf(ConcurrentModificationException.class)
        .hasMessageContaining("Current application version is 2");
    var ref = c.addApplicationReferenceDataSource(r -> r.applicationName("pipeline")
        .currentApplicationVersionId(2L).referenceDataSource(d -> d.tableName("USERS")
            .s3ReferenceDataSource(s -> s.bucketARN("arn:aws:s3:::ref").fileKey("users.csv"))
            .referenceSchema(s -> s.recordFormat(f -> f.recordFormatType(RecordFormatType.CSV)
                    .mappingParameters(m -> m.csvMappingParameters(v -> v.recordRowDelimiter("\n")
                        .recordColumnDelimiter(","))))
                .recordColumns(col -> col.name("ID").sqlType("INTEGER")))));
    assertThat(ref.referenceDataSourceDescriptions()).singleElement()
        .satisfies(d -> assertThat(d.s3ReferenceDataSourceDescription().fileKey()).isEqualTo("users.csv"));
    var proc = c.addApplicationInputProcessingConfiguration(r -> r.applicationName("pipeline")
        .currentApplicationVersionId(3L).inputId("1.1").inputProcessingConfiguration(p -> p
            .inputLambdaProcessor(l -> l.resourceARN("arn:aws:lambda:us-east-1:000000000000:function:f"))));
    assertThat(proc.inputProcessingConfigurationDescription().inputLambdaProcessorDescription()
        .resourceARN()).endsWith(":function:f");
    c.deleteApplicationInputProcessingConfiguration(r -> r.applicationName("pipeline")
        .currentApplicationVersionId(4L).inputId("1.1"));
    c.deleteApplicationReferenceDataSource(r -> r.applicationName("pipeline")
        .currentApplicationVersionId(5L).referenceId(ref.referenceDataSourceDescriptions().get(0).referenceId()));
    c.deleteApplicationOutput(r -> r.applicationName("pipeline").currentApplicationVersionId(6L)
        .outputId("1.1"));
    assertThatThrownBy(() -> c.deleteApplicationOutput(r -> r.applicationName("pipeline")
        .currentApplicationVersionId(7L).outputId("1.1"))).isInstanceOf(ResourceNotFoundException.class);
    assertThatThrownBy(() -> c.addApplicationInput(r -> r.applicationName("pipeline")
        .currentApplicationVersionId(7L).input(in -> in.namePrefix("SECOND")
            .kinesisStreamsInput(k -> k.resourceARN(STREAM))
            .inputSchema(s -> s.recordFormat(f -> f.recordFormatType(RecordFormatType.JSON))
                .recordColumns(col -> col.name("A").sqlType("INTEGER"))))))
        .isInstanceOf(InvalidArgumentException.class);
    ApplicationDetail d = c.describeApplication(r -> r.applicationName("pipeline")).applicationDetail();
    assertThat(d.applicationVersionId()).isEqualTo(7L);
    assertThat(d.applicationVersionUpdatedFrom()).isEqualTo(6L);
    var sql = d.applicationConfigurationDescription().sqlApplicationConfigurationDescription();
    assertThat(sql.outputDescriptions()).isEmpty();
    assertThat(sql.referenceDataSourceDescriptions()).isEmpty();
    assertThat(sql.inputDescriptions().get(0).inputProcessingConfigurationDescription()).isNull();
  }

  @Test
  void updateByConditionalTokenAndLoggingOptions() {
    KinesisAnalyticsV2Client c = client();
    ApplicationDetail a = create(c, "updated");
    var log = c.addApplicationCloudWatchLoggingOption(r -> r.applicationName("updated")
        .conditionalToken(a.conditionalToken()).cloudWatchLoggingOption(o -> o.logStreamARN(
            "arn:aws:logs:us-east-1:000000000000:log-group:g:log-stream:s")));
    assertThat(log.cloudWatchLoggingOptionDescriptions()).singleElement()
        .satisfies(o -> assertThat(o.cloudWatchLoggingOptionId()).isEqualTo("1.1"));
    assertThat(log.operationId()).isNull();
    assertThatThrownBy(() -> c.updateApplication(r -> r.applicationName("updated")
        .conditionalToken(a.conditionalToken()).serviceExecutionRoleUpdate(ROLE + "2")))
        .isInstanceOf(ConcurrentModificationException.class);
    assertThatThrownBy(() -> c.updateApplication(r -> r.applicationName("updated")
        .serviceExecutionRoleUpdate(ROLE + "2"))).isInstanceOf(InvalidArgumentException.class)
        .hasMessageContaining("CurrentApplicationVersionId or ConditionalToken");
    ApplicationDetail u = c.updateApplication(r -> r.applicationName("updated")
        .currentApplicationVersionId(2L).serviceExecutionRoleUpdate(ROLE + "2")
        .applicationConfigurationUpdate(cu -> cu
            .applicationCodeConfigurationUpdate(code -> code.codeContentUpdate(
                cc -> cc.textContentUpdate("SELECT STREAM user_id FROM SOURCE_SQL_STREAM_001;")))
            .sqlApplicationConfigurationUpdate(s -> s.inputUpdates(iu -> iu.inputId("1.1")
                .namePrefixUpdate("CLICKS").inputParallelismUpdate(p -> p.countUpdate(2)))))
        .cloudWatchLoggingOptionUpdates(o -> o.cloudWatchLoggingOptionId("1.1")
            .logStreamARNUpdate("arn:aws:logs:us-east-1:000000000000:log-group:g:log-stream:t")))
        .applicationDetail();
    assertThat(u.applicationVersionId()).isEqualTo(3L);
    assertThat(u.serviceExecutionRole()).isEqualTo(ROLE + "2");
    var input = u.applicationConfigurationDescription().sqlApplicationConfigurationDescription()
        .inputDescriptions().get(0);
    assertThat(input.inAppStreamNames()).containsExactly("CLICKS_001", "CLICKS_002");
    assertThat(input.kinesisStreamsInputDescription().resourceARN()).isEqualTo(STREAM);
    assertThat(u.applicationConfigurationDescription().applicationCodeConfigurationDescription()
        .codeContentDescription().textContent()).contains("user_id");
    assertThat(u.cloudWatchLoggingOptionDescriptions().get(0).logStreamARN()).endsWith(":t");
    assertThatThrownBy(() -> c.updateApplication(r -> r.applicationName("updated")
        .currentApplicationVersionId(3L).applicationConfigurationUpdate(cu -> cu
            .sqlApplicationConfigurationUpdate(s -> s.inputUpdates(iu -> iu.inputId("9.1")
                .namePrefixUpdate("X"))))))
        .isInstanceOf(InvalidArgumentException.class).hasMessageContaining("9.1");
    c.deleteApplicationCloudWatchLoggingOption(r -> r.applicationName("updated")
        .currentApplicationVersionId(3L).cloudWatchLoggingOptionId("1.1"));
    assertThat(c.describeApplication(r -> r.applicationName("updated")).applicationDetail()
        .cloudWatchLoggingOptionDescriptions()).isEmpty();
  }

  @Test
  void tagsAndTheirLimits() {
    KinesisAnalyticsV2Client c = client();
    String arn = create(c, "tagged").applicationARN();
    c.tagResource(r -> r.resourceARN(arn).tags(Tag.builder().key("env").value("test").build()));
    assertThat(c.listTagsForResource(r -> r.resourceARN(arn)).tags())
        .extracting(Tag::key, Tag::value).containsExactly(
            org.assertj.core.groups.Tuple.tuple("env", "test"),
            org.assertj.core.groups.Tuple.tuple("team", "web"));
    c.untagResource(r -> r.resourceARN(arn).tagKeys("team"));
    assertThat(c.listTagsForResource(r -> r.resourceARN(arn)).tags()).extracting(Tag::key)
        .containsExactly("env");
    List<Tag> many = java.util.stream.IntStream.range(0, 50)
        .mapToObj(i -> Tag.builder().key("k" + i).value("v").build()).toList();
    assertThatThrownBy(() -> c.tagResource(r -> r.resourceARN(arn).tags(many)))
        .isInstanceOf(TooManyTagsException.class);
    assertThatThrownBy(() -> c.tagResource(r -> r.resourceARN(arn)
        .tags(Tag.builder().key("aws:x").value("v").build())))
        .isInstanceOf(InvalidArgumentException.class);
    assertThatThrownBy(() -> c.listTagsForResource(r -> r.resourceARN(arn + "-none")))
        .isInstanceOf(ResourceNotFoundException.class);
    // the tags do not make versions
    assertThat(c.describeApplication(r -> r.applicationName("tagged")).applicationDetail()
        .applicationVersionId()).isEqualTo(1L);
  }

  @Test
  void flinkOnlyOperationsAreUnsupportedAndConfigurationIsChecked() {
    KinesisAnalyticsV2Client c = client();
    create(c, "sql-only");
    assertThatThrownBy(() -> c.listApplicationVersions(r -> r.applicationName("sql-only")))
        .isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(() -> c.listApplicationSnapshots(r -> r.applicationName("sql-only")))
        .isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(() -> c.createApplicationSnapshot(r -> r.applicationName("sql-only")
        .snapshotName("s"))).isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(() -> c.listApplicationOperations(r -> r.applicationName("sql-only")))
        .isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(() -> c.rollbackApplication(r -> r.applicationName("sql-only")
        .currentApplicationVersionId(1L))).isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(() -> c.stopApplication(r -> r.applicationName("sql-only").force(true)))
        .isInstanceOf(InvalidArgumentException.class);
    assertThatThrownBy(() -> c.stopApplication(r -> r.applicationName("sql-only")))
        .isInstanceOf(ResourceInUseException.class);
    assertThatThrownBy(() -> c.createApplication(r -> r.applicationName("bad").runtimeEnvironment("SQL-1_0")
        .serviceExecutionRole(ROLE).applicationConfiguration(a -> a.flinkApplicationConfiguration(
            f -> f.parallelismConfiguration(p -> p.configurationType("CUSTOM").parallelism(2))))))
        .isInstanceOf(InvalidArgumentException.class);
    assertThatThrownBy(() -> c.createApplication(r -> r.applicationName("bad").runtimeEnvironment("SQL-1_0")
        .serviceExecutionRole(ROLE).applicationConfiguration(a -> a.applicationCodeConfiguration(
            code -> code.codeContentType("PLAINTEXT")))))
        .isInstanceOf(InvalidArgumentException.class).hasMessageContaining("TextContent");
    assertThatThrownBy(() -> c.createApplication(r -> r.applicationName("bad").runtimeEnvironment("SQL-1_0")
        .serviceExecutionRole(ROLE).applicationConfiguration(a -> a.sqlApplicationConfiguration(
            s -> s.outputs(java.util.stream.IntStream.range(0, 4).mapToObj(i ->
                software.amazon.awssdk.services.kinesisanalyticsv2.model.Output.builder().name("O" + i)
                    .kinesisStreamsOutput(k -> k.resourceARN(STREAM))
                    .destinationSchema(d -> d.recordFormatType(RecordFormatType.JSON)).build())
                .toList())))))
        .isInstanceOf(LimitExceededException.class);
    assertThatThrownBy(() -> c.createApplication(r -> r.applicationName("bad name!")
        .runtimeEnvironment("SQL-1_0").serviceExecutionRole(ROLE)))
        .isInstanceOf(KinesisAnalyticsV2Exception.class)
        .satisfies(e -> assertThat(((KinesisAnalyticsV2Exception) e).awsErrorDetails().errorCode())
            .isEqualTo("ValidationException"));
  }

  @Test
  void startWithoutARuntimeFailsBackToReady() throws Exception {
    KinesisAnalyticsV2Client c = client();
    create(c, "no-runtime");
    c.startApplication(r -> r.applicationName("no-runtime"));
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    String status;
    do {
      status = c.describeApplication(r -> r.applicationName("no-runtime")).applicationDetail()
          .applicationStatusAsString();
      Thread.sleep(20);
    } while (!status.equals("READY") && System.nanoTime() < deadline);
    assertThat(status).isEqualTo("READY");
  }
}
