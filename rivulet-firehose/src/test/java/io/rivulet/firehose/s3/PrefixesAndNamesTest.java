package io.rivulet.firehose.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Prefix expressions, Firehose's default prefixes, and the deterministic object names. */
class PrefixesAndNamesTest {
  /** 2018-08-27T10:30:05Z, the developer guide's example instant. */
  static final ZonedDateTime AUG_27 = Instant.parse("2018-08-27T10:30:05Z").atZone(ZoneOffset.UTC);
  static final UUID ID = ObjectNames.objectId("stream", 0, 9, ObjectNames.DATA, Map.of());

  static String eval(PrefixExpression p, String errorType, Map<String, String> keys) throws Exception {
    return p.evaluate(new PrefixExpression.Values(AUG_27, errorType, keys,
        i -> ObjectNames.randomString(ID, i)));
  }

  static S3Settings settings(String prefix, String errorPrefix) {
    Map<String, Object> config = new HashMap<>();
    config.put("BucketARN", "arn:aws:s3:::bucket");
    config.put("Prefix", prefix);
    config.put("ErrorOutputPrefix", errorPrefix);
    return S3Settings.of(config, null);
  }

  @Test
  void theDeveloperGuidesExamplesEvaluateAsDocumented() throws Exception {
    S3Settings s = settings(null, "myFirehoseFailures/!{firehose:error-output-type}/");
    assertThat(eval(s.dataPrefix(), null, Map.of())).isEqualTo("2018/08/27/10/");
    assertThat(eval(s.errorPrefix(), "processing-failed", Map.of()))
        .isEqualTo("myFirehoseFailures/processing-failed/");

    s = settings("myPrefix/year=!{timestamp:yyyy}/month=!{timestamp:MM}/day=!{timestamp:dd}/hour=!{timestamp:HH}/",
        "myErrorPrefix/!{timestamp:'year='yyyy'/month='MM'/day='dd'/hour='HH}/!{firehose:error-output-type}");
    assertThat(eval(s.dataPrefix(), null, Map.of())).isEqualTo("myPrefix/year=2018/month=08/day=27/hour=10/");
    assertThat(eval(s.errorPrefix(), "processing-failed", Map.of()))
        .isEqualTo("myErrorPrefix/year=2018/month=08/day=27/hour=10/processing-failed");

    s = settings("myFirehosePrefix/", null);
    assertThat(eval(s.dataPrefix(), null, Map.of())).isEqualTo("myFirehosePrefix/2018/08/27/10/");
    assertThat(eval(s.errorPrefix(), "processing-failed", Map.of()))
        .isEqualTo("myFirehosePrefix/processing-failed/2018/08/27/10/");
  }

  @Test
  void noPrefixAtAllGivesTheDefaultHourlyLayoutForDataAndErrors() throws Exception {
    S3Settings s = settings(null, null);
    assertThat(eval(s.dataPrefix(), null, Map.of())).isEqualTo("2018/08/27/10/");
    assertThat(eval(s.errorPrefix(), "format-conversion-failed", Map.of()))
        .isEqualTo("format-conversion-failed/2018/08/27/10/");
  }

  @Test
  void aStaticErrorPrefixStillSeparatesFailureKinds() throws Exception {
    S3Settings s = settings("data/", "errors/");
    assertThat(eval(s.errorPrefix(), "splunk-failed", Map.of())).isEqualTo("errors/splunk-failed/2018/08/27/10/");
  }

  @Test
  void partitionKeysFillThePrefixAndNoTimeIsAppended() throws Exception {
    S3Settings s = settings("customer_id=!{partitionKeyFromQuery:customer_id}/device=!{partitionKeyFromLambda:device}/",
        "errors/!{firehose:error-output-type}/");
    assertThat(eval(s.dataPrefix(), null, Map.of("customer_id", "1234567890", "device", "mobile")))
        .isEqualTo("customer_id=1234567890/device=mobile/");
    assertThatThrownBy(() -> eval(s.dataPrefix(), null, Map.of("customer_id", "1")))
        .isInstanceOf(PrefixExpression.EvaluationException.class).hasMessageContaining("device");
  }

  @Test
  void randomStringsAreElevenCharactersNewPerOccurrenceAndStablePerObject() throws Exception {
    PrefixExpression p = PrefixExpression.parse("a=!{firehose:random-string}/b=!{firehose:random-string}/");
    String once = eval(p, null, Map.of());
    assertThat(once).matches("a=[0-9a-f]{11}/b=[0-9a-f]{11}/");
    assertThat(once.substring(2, 13)).isNotEqualTo(once.substring(16, 27));
    assertThat(eval(p, null, Map.of())).isEqualTo(once);
  }

  @Test
  void customTimeZoneMovesTheHour() throws Exception {
    Map<String, Object> config = new HashMap<>();
    config.put("BucketARN", "arn:aws:s3:::bucket");
    config.put("CustomTimeZone", "Asia/Tokyo");
    S3Settings s = S3Settings.of(config, null);
    assertThat(s.zone()).isEqualTo(ZoneId.of("Asia/Tokyo"));
    ZonedDateTime tokyo = AUG_27.withZoneSameInstant(s.zone());
    assertThat(s.dataPrefix().evaluate(new PrefixExpression.Values(tokyo, null, Map.of(), i -> "")))
        .isEqualTo("2018/08/27/19/");
  }

  @Test
  void objectNamesFollowFirehosesSuffixFormat() {
    String suffix = ObjectNames.suffix("my-stream", "3", AUG_27, ID);
    assertThat(suffix).matches("my-stream-3-2018-08-27-10-30-05-[0-9a-f]{8}-[0-9a-f]{4}-3[0-9a-f]{3}-[0-9a-f]{4}-[0-9a-f]{12}");
  }

  @Test
  void objectIdsDependOnStreamRangeKindAndPartitionOnly() {
    UUID a = ObjectNames.objectId("s", 10, 20, ObjectNames.DATA, Map.of("k", "v", "j", "w"));
    assertThat(ObjectNames.objectId("s", 10, 20, ObjectNames.DATA, Map.of("j", "w", "k", "v"))).isEqualTo(a);
    assertThat(ObjectNames.objectId("s", 10, 21, ObjectNames.DATA, Map.of("k", "v", "j", "w"))).isNotEqualTo(a);
    assertThat(ObjectNames.objectId("s", 11, 20, ObjectNames.DATA, Map.of("k", "v", "j", "w"))).isNotEqualTo(a);
    assertThat(ObjectNames.objectId("t", 10, 20, ObjectNames.DATA, Map.of("k", "v", "j", "w"))).isNotEqualTo(a);
    assertThat(ObjectNames.objectId("s", 10, 20, ObjectNames.BACKUP, Map.of("k", "v", "j", "w"))).isNotEqualTo(a);
    assertThat(ObjectNames.objectId("s", 10, 20, ObjectNames.DATA, Map.of("k", "x", "j", "w"))).isNotEqualTo(a);
    // a key containing the separator cannot impersonate two keys
    assertThat(ObjectNames.objectId("s", 1, 2, ObjectNames.DATA, Map.of("a", "b\n1:c=d")))
        .isNotEqualTo(ObjectNames.objectId("s", 1, 2, ObjectNames.DATA, Map.of("a", "b", "c", "d")));
  }

  @Test
  void parseRejectsWhatFirehoseRejects() {
    assertThatThrownBy(() -> PrefixExpression.parse("a/!{timestamp:yyyy"))
        .hasMessageContaining("!{");
    assertThatThrownBy(() -> PrefixExpression.parse("!{nope:x}")).hasMessageContaining("nope");
    assertThatThrownBy(() -> PrefixExpression.parse("!{firehose:uuid}")).hasMessageContaining("uuid");
    assertThatThrownBy(() -> PrefixExpression.parse("!{timestamp:yyyyT}"))
        .hasMessageContaining("DateTimeFormatter");
    assertThatThrownBy(() -> PrefixExpression.parse("!{partitionKeyFromQuery:}"))
        .hasMessageContaining("no partition key");
    assertThat(PrefixExpression.parse("plain/text").hasExpressions()).isFalse();
  }
}
