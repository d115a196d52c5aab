package io.rivulet.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rivulet.server.RivuletServer;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * {@code rivulet serve}'s embedded S3 server options: on at port 4568 unless told otherwise,
 * {@code --s3-port 0} for any free port, {@code --no-s3} to turn it off.
 */
class ServeS3OptionsTest {
  static RivuletServer.Options.S3 s3(String... args) {
    ServeCommand serve = new ServeCommand();
    new CommandLine(serve).parseArgs(args);
    return serve.s3();
  }

  @Test
  void theS3ServerIsOnAt4568ByDefault() {
    assertThat(s3()).isEqualTo(new RivuletServer.Options.S3(4568, null));
    assertThat(s3("--s3-dir", "/tmp/objects"))
        .isEqualTo(new RivuletServer.Options.S3(4568, Path.of("/tmp/objects")));
  }

  @Test
  void s3PortChoosesThePortAndZeroAnyFreeOne() {
    assertThat(s3("--s3-port", "9000").port()).isEqualTo(9000);
    assertThat(s3("--s3-port", "0").port()).isZero();
  }

  @Test
  void noS3TurnsItOffAndGoesWithNoOtherS3ServerOption() {
    assertThat(s3("--no-s3")).isNull();
    assertThatThrownBy(() -> s3("--no-s3", "--s3-port", "4568"))
        .isInstanceOf(CommandLine.ParameterException.class)
        .hasMessage("--no-s3 cannot go with --s3-port or --s3-dir");
    assertThatThrownBy(() -> s3("--no-s3", "--s3-dir", "x"))
        .isInstanceOf(CommandLine.ParameterException.class);
    assertThatThrownBy(() -> s3("--s3-port", "-1"))
        .isInstanceOf(CommandLine.ParameterException.class)
        .hasMessageContaining("--no-s3 turns the S3 server off");
  }

  @Test
  void theHelpSaysSo() {
    CommandLine serve = new CommandLine(new ServeCommand());
    assertThat(serve.getUsageMessage()).contains("--s3-port=PORT").contains("--no-s3");
    assertThat(String.join(" ", serve.getCommandSpec().findOption("--s3-port").description()))
        .contains("0 for any free port (default: 4568)");
  }
}
