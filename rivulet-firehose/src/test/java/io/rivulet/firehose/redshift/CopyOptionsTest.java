package io.rivulet.firehose.redshift;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rivulet.firehose.pipeline.DeliveryException;
import org.junit.jupiter.api.Test;

/** Redshift's CopyOptions syntax as the PostgreSQL loader reads it. */
class CopyOptionsTest {

  @Test
  void defaultsAreRedshiftsPipeDelimitedText() throws Exception {
    CopyOptions o = CopyOptions.parse(null);
    assertThat(o.format()).isEqualTo(CopyOptions.Format.TEXT);
    assertThat(o.delimiter()).isEqualTo("|");
    assertThat(o.nullAs()).isEqualTo("\\N");
    assertThat(o.gzip()).isFalse();
    assertThat(CopyOptions.parse("  ")).isEqualTo(o);
  }

  @Test
  void keywordsAreCaseInsensitiveAndAsIsOptional() throws Exception {
    CopyOptions a = CopyOptions.parse("format as json 'AUTO' gzip timeformat as 'epochsecs'");
    CopyOptions b = CopyOptions.parse("FORMAT JSON 'auto' GZIP TIMEFORMAT 'EpochSecs'");
    assertThat(a).isEqualTo(b);
    assertThat(a.format()).isEqualTo(CopyOptions.Format.JSON_AUTO);
    assertThat(a.timeFormat()).isEqualTo(CopyOptions.TimeFormat.EPOCH_SECS);
    assertThat(CopyOptions.parse("JSON AS 'auto  ignorecase'").format())
        .isEqualTo(CopyOptions.Format.JSON_AUTO_IGNORECASE);
  }

  @Test
  void csvTakesAQuoteAndDefaultsToCommas() throws Exception {
    CopyOptions o = CopyOptions.parse("CSV QUOTE AS '%' IGNOREHEADER 2 EMPTYASNULL");
    assertThat(o.format()).isEqualTo(CopyOptions.Format.CSV);
    assertThat(o.quote()).isEqualTo('%');
    assertThat(o.delimiter()).isEqualTo(",");
    assertThat(o.ignoreHeader()).isEqualTo(2);
    assertThat(o.emptyAsNull()).isTrue();
    assertThat(CopyOptions.parse("CSV DELIMITER '\\t'").delimiter()).isEqualTo("\t");
    assertThat(CopyOptions.parse("DELIMITER '\\174'").delimiter()).isEqualTo("|");
    assertThat(CopyOptions.parse("DELIMITER '|~|'").delimiter()).isEqualTo("|~|");
  }

  @Test
  void quotedValuesTakeDoubledQuotes() throws Exception {
    assertThat(CopyOptions.parse("NULL AS 'it''s null'").nullAs()).isEqualTo("it's null");
    assertThat(CopyOptions.parse("ACCEPTINVCHARS").acceptInvChars()).isEqualTo('?');
    assertThat(CopyOptions.parse("ACCEPTINVCHARS AS '^'").acceptInvChars()).isEqualTo('^');
  }

  @Test
  void harmlessRedshiftOnlyOptionsAreAccepted() throws Exception {
    CopyOptions o = CopyOptions.parse("COMPUPDATE OFF STATUPDATE ON REGION 'us-east-1'"
        + " MAXERROR 0 DATEFORMAT 'auto'");
    assertThat(o.format()).isEqualTo(CopyOptions.Format.TEXT);
  }

  @Test
  void unsupportedConflictingAndUnknownOptionsFailWithRedshiftCodes() {
    assertFails("PARQUET", "Redshift.IncorrectCopyOptions");
    assertFails("FORMAT AS AVRO 'auto'", "Redshift.IncorrectCopyOptions");
    assertFails("JSON 's3://b/paths.json'", "Redshift.IncorrectCopyOptions");
    assertFails("MAXERROR 10", "Redshift.IncorrectCopyOptions");
    assertFails("TIMEFORMAT 'YYYY-MM-DD HH:MI:SS'", "Redshift.IncorrectCopyOptions");
    assertFails("CSV ESCAPE", "Redshift.IncorrectCopyOptions");
    assertFails("JSON 'auto' DELIMITER ','", "Redshift.IncorrectCopyOptions");
    assertFails("QUOTE '\"'", "Redshift.IncorrectCopyOptions");
    assertFails("GZIP GZIP", "Redshift.IncorrectCopyOptions");
    assertFails("CSV JSON 'auto'", "Redshift.IncorrectCopyOptions");
    assertFails("FROBNICATE", "Redshift.SyntaxError");
    assertFails("DELIMITER", "Redshift.SyntaxError");
    assertFails("NULL AS 'open", "Redshift.SyntaxError");
    assertFails("GZIP;", "Redshift.SyntaxError");
  }

  private static void assertFails(String options, String code) {
    assertThatThrownBy(() -> CopyOptions.parse(options)).as(options)
        .isInstanceOfSatisfying(DeliveryException.class,
            e -> assertThat(e.errorCode()).isEqualTo(code));
  }
}
