package io.rivulet.firehose.processing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rivulet.firehose.processing.LambdaEndpoints.Target;
import java.net.URI;
import org.junit.jupiter.api.Test;

/** Resolving a processor's LambdaArn to the endpoint and name an Invoke goes to. */
class LambdaEndpointsTest {
  private static final String ARN = "arn:aws:lambda:us-east-1:123456789012:function:enrich";

  @Test
  void oneEndpointServesEveryFunctionByItsArn() {
    Target t = LambdaEndpoints.of(URI.create("http://127.0.0.1:4566/")).resolve(ARN);

    assertThat(t).isEqualTo(new Target(URI.create("http://127.0.0.1:4566"), ARN));
    assertThat(LambdaEndpoints.none().resolve(ARN)).isNull();
  }

  @Test
  void anInvocationsUrlNamesTheFunctionToInvoke() {
    Target t = LambdaEndpoints.of(
        URI.create("http://localhost:9000/2015-03-31/functions/function/invocations")).resolve(ARN);

    assertThat(t).isEqualTo(new Target(URI.create("http://localhost:9000"), "function"));
  }

  @Test
  void entriesMatchAFunctionByArnUnqualifiedArnOrName() {
    LambdaEndpoints e = LambdaEndpoints.parse(
        "enrich=http://127.0.0.1:9001/2015-03-31/functions/function/invocations,"
            + " arn:aws:lambda:us-east-1:123456789012:function:other=http://127.0.0.1:9002,"
            + " http://127.0.0.1:9000");

    assertThat(e.resolve(ARN).endpoint()).isEqualTo(URI.create("http://127.0.0.1:9001"));
    assertThat(e.resolve(ARN + ":live").functionName()).isEqualTo("function");
    assertThat(e.resolve("arn:aws:lambda:us-east-1:123456789012:function:other:$LATEST"))
        .isEqualTo(new Target(URI.create("http://127.0.0.1:9002"),
            "arn:aws:lambda:us-east-1:123456789012:function:other:$LATEST"));
    assertThat(e.resolve("arn:aws:lambda:us-east-1:123456789012:function:third").endpoint())
        .isEqualTo(URI.create("http://127.0.0.1:9000"));
    assertThat(LambdaEndpoints.parse("enrich=http://h:1").resolve("arn:aws:lambda:us-east-1:"
        + "123456789012:function:third")).isNull();
  }

  @Test
  void aPathPrefixBeforeTheApiIsKept() {
    Target t = LambdaEndpoints.parse("https://gateway.local/lambda/2015-03-31/functions/f/invocations")
        .resolve(ARN);

    assertThat(t).isEqualTo(new Target(URI.create("https://gateway.local/lambda"), "f"));
  }

  @Test
  void somethingThatIsNotAUrlIsRefused() {
    assertThatThrownBy(() -> LambdaEndpoints.parse("enrich=localhost"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("localhost");
  }
}
