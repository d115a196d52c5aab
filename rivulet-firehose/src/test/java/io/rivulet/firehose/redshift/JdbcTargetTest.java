package io.rivulet.firehose.redshift;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.InputStream;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** ClusterJDBCURL: the model's pattern, and where the writer actually connects. */
class JdbcTargetTest {

  @Test
  void aDotLocalhostRedshiftNameSatisfiesTheModelsPattern() throws Exception {
    Pattern model;
    try (InputStream in = JdbcTargetTest.class.getResourceAsStream(
        "/io/rivulet/firehose/firehose-2015-08-04.shapes.json")) {
      model = Pattern.compile(new ObjectMapper().readTree(in).path("shapes")
          .path("ClusterJDBCURL").path("pattern").asText());
    }
    assertThat(model.matcher("jdbc:postgresql://pg.redshift.localhost:5432/postgres").matches())
        .isTrue();
    assertThat(model.matcher("jdbc:postgresql://127.0.0.1:5432/postgres").matches()).isFalse();
  }

  @Test
  void localhostNamesGoToLoopbackAndTheEndpointMapRedirects() {
    JdbcTarget local = JdbcTarget.parse("jdbc:postgresql://pg.redshift.localhost:5432/dev");
    assertThat(local.driverUrl(UnaryOperator.identity()))
        .isEqualTo("jdbc:postgresql://127.0.0.1:5432/dev");
    JdbcTarget cluster = JdbcTarget.parse(
        "jdbc:redshift://c1.abc.us-east-1.redshift.amazonaws.com:5439/dev?ssl=true");
    assertThat(cluster.driverUrl(UnaryOperator.identity())).isEqualTo(
        "jdbc:postgresql://c1.abc.us-east-1.redshift.amazonaws.com:5439/dev?ssl=true");
    assertThat(cluster.driverUrl(hp -> hp.startsWith("c1.") ? "db.internal:6543" : hp))
        .isEqualTo("jdbc:postgresql://db.internal:6543/dev?ssl=true");
  }

  @Test
  void otherUrlsAreRejected() {
    assertThatThrownBy(() -> JdbcTarget.parse("jdbc:mysql://h:1/d"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> JdbcTarget.parse("jdbc:redshift://h:99999/d"))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
