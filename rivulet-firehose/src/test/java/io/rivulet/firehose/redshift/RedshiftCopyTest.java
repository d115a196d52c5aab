package io.rivulet.firehose.redshift;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The COPY command a real Redshift cluster gets (no cluster here: its text is the contract). */
class RedshiftCopyTest {

  private static RedshiftConfig config(String columns, String options) {
    return new RedshiftConfig("arn:aws:iam::123456789012:role/firehose",
        "jdbc:redshift://c1.abc.us-east-1.redshift.amazonaws.com:5439/dev", "public.events",
        columns, options, "u", "p", Duration.ofHours(1), "bucket", "", false);
  }

  @Test
  void theCommandLoadsTheManifestWithTheRoleAndTheCopyOptions() {
    assertThat(RedshiftCopy.command(config("id,name", "JSON 'auto' GZIP"),
        "s3://bucket/manifests/2024/05/06/07/m")).isEqualTo("COPY public.events (id,name) FROM"
        + " 's3://bucket/manifests/2024/05/06/07/m' CREDENTIALS"
        + " 'aws_iam_role=arn:aws:iam::123456789012:role/firehose' MANIFEST JSON 'auto' GZIP");
    assertThat(RedshiftCopy.command(config("", ""), "s3://b/m")).isEqualTo("COPY public.events"
        + " FROM 's3://b/m' CREDENTIALS 'aws_iam_role=arn:aws:iam::123456789012:role/firehose'"
        + " MANIFEST");
  }
}
