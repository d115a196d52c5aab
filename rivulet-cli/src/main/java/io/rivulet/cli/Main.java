package io.rivulet.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code rivulet} command: {@code serve} and (later) user verbs over the AWS SDK clients. */
@Command(
    name = "rivulet",
    mixinStandardHelpOptions = true,
    versionProvider = Main.Version.class,
    description = "A self-hosted implementation of Amazon Kinesis.",
    subcommands = {ServeCommand.class, CommandLine.HelpCommand.class})
public final class Main implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  public static void main(String[] args) {
    System.exit(new CommandLine(new Main()).execute(args));
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
