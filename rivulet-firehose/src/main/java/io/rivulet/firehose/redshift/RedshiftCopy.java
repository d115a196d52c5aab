package io.rivulet.firehose.redshift;

import io.rivulet.firehose.pipeline.DeliveryException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The load against a real Amazon Redshift cluster: the COPY command Firehose issues, reading the
 * staged files through the manifest with the delivery stream's role,
 * {@code COPY table (columns) FROM 's3://bucket/manifest' CREDENTIALS 'aws_iam_role=<RoleARN>'
 * MANIFEST <CopyOptions>}, in one autocommitted statement. The cluster reads the intermediate
 * bucket itself, so it must be a bucket Redshift can reach (real S3) and the role must be one the
 * cluster may assume. At least once, as in Firehose. Stateless.
 */
final class RedshiftCopy {
  private RedshiftCopy() {}

  /** The COPY command for a staged batch. */
  static String command(RedshiftConfig config, String manifestUrl) {
    StringBuilder sql = new StringBuilder("COPY ").append(config.table());
    if (!config.columns().isBlank()) {
      sql.append(" (").append(config.columns()).append(')');
    }
    sql.append(" FROM '").append(manifestUrl.replace("'", "''")).append('\'')
        .append(" CREDENTIALS 'aws_iam_role=").append(config.roleArn().replace("'", "''"))
        .append("' MANIFEST");
    if (!config.copyOptions().isBlank()) {
      sql.append(' ').append(config.copyOptions());
    }
    return sql.toString();
  }

  static void load(Connection c, RedshiftConfig config, Staging.Staged staged)
      throws DeliveryException {
    try (Statement s = c.createStatement()) {
      c.setAutoCommit(true);
      s.execute(command(config, staged.manifestUrl()));
    } catch (SQLException e) {
      throw SqlErrors.classify(e, null);
    }
  }
}
