package io.rivulet.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code rivulet} command: {@code serve} and (later) user verbs over the AWS SDK clients. */
@Command(
    name = "rivulet",
    mixinStandardHelpOptions = true,
    versionProvider = Main.Version.class,
    description = "A self-hosted implementation of Amazon Kinesis.",
    subcommands = {ServeCommand.class, StreamsCommand.class, PutCommand.class, TailCommand.class,
        ReplayCommand.class, FirehoseCommand.class, AnalyticsCommand.class, VideoCommand.class,
        KeysCommand.class,
        CommandLine.HelpCommand.class})
public final class Main implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  public static void main(String[] args) {
    System.exit(commandLine().execute(args));
  }

  /**
   * The command line with Rivulet's error handling: an AWS error prints {@code error: <code>:
   * <message>} (no stack trace) and exits 1; an unreachable endpoint likewise; usage errors exit 2,
   * as do {@link CliError}s that say so (bad input files).
   */
  static CommandLine commandLine() {
    CommandLine cl = new CommandLine(new Main());
    cl.setCaseInsensitiveEnumValuesAllowed(true);
    // the load generator of rivulet-benchmarks (docs/benchmarks.md), as a user verb
    cl.addSubcommand(new io.rivulet.benchmarks.LoadGenerator()); // "bench"
    cl.setExecutionExceptionHandler((e, line, parsed) -> {
      if (e instanceof software.amazon.awssdk.awscore.exception.AwsServiceException aws) {
        line.getErr().println("error: " + aws.awsErrorDetails().errorCode() + ": "
            + aws.awsErrorDetails().errorMessage());
        return 1;
      }
      if (e instanceof CliError error) {
        line.getErr().println("error: " + error.getMessage());
        return error.exitCode();
      }
      if (e instanceof software.amazon.awssdk.core.exception.SdkClientException client) {
        line.getErr().println("error: " + client.getMessage());
        return 1;
      }
      throw e;
    });
    return cl;
  }

  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(), "Missing command: try 'rivulet serve'");
  }

  /** The version from the jar manifest (or "dev" when run from classes). */
  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      String v = Main.class.getPackage().getImplementationVersion();
      return new String[] {"rivulet " + (v == null ? "dev" : v)};
    }
  }
}
