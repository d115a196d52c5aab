package io.rivulet.cli;

import java.math.BigInteger;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.ScalingType;
import software.amazon.awssdk.services.kinesis.model.Shard;
import software.amazon.awssdk.services.kinesis.model.StreamDescriptionSummary;
import software.amazon.awssdk.services.kinesis.model.StreamMode;
import software.amazon.awssdk.services.kinesis.model.StreamStatus;
import software.amazon.awssdk.services.kinesis.model.StreamSummary;

/** {@code rivulet streams create|list|describe|delete|reshard}. */
@Command(name = "streams", mixinStandardHelpOptions = true, description = "Manage data streams.",
    subcommands = {StreamsCommand.Create.class, StreamsCommand.ListStreams.class,
        StreamsCommand.Describe.class, StreamsCommand.Delete.class, StreamsCommand.Reshard.class})
final class StreamsCommand {

  /** Waits until the stream is ACTIVE again, printing progress dots to stderr. */
  static void awaitActive(KinesisClient k, String name) throws InterruptedException {
    while (k.describeStreamSummary(b -> b.streamName(name)).streamDescriptionSummary().streamStatus()
        != StreamStatus.ACTIVE) {
      System.err.print(".");
      Thread.sleep(200);
    }
    System.err.println();
  }

  @Command(name = "create", mixinStandardHelpOptions = true, description = "Create a stream and wait until it is ACTIVE.")
  static final class Create implements Callable<Integer> {
    @Mixin ClientOptions client;
    @Parameters(paramLabel = "NAME") String name;
    @Option(names = "--shards", description = "Provisioned shards (default: 1 unless --on-demand).") Integer shards;
    @Option(names = "--on-demand", description = "On-demand capacity mode (starts with 4 shards).") boolean onDemand;
    @Option(names = "--no-wait", description = "Return at once, while the stream is CREATING.") boolean noWait;

    @Override
    public Integer call() throws InterruptedException {
      try (KinesisClient k = client.kinesis()) {
        if (onDemand) {
          k.createStream(b -> b.streamName(name).streamModeDetails(m -> m.streamMode(StreamMode.ON_DEMAND)));
        } else {
          k.createStream(b -> b.streamName(name).shardCount(shards == null ? 1 : shards));
        }
        System.err.print("creating " + name);
        if (!noWait) {
          awaitActive(k, name);
        }
        Describe.print(k, name, client.json());
      }
      return 0;
    }
  }

  @Command(name = "list", mixinStandardHelpOptions = true, description = "List streams.")
  static final class ListStreams implements Callable<Integer> {
    @Mixin ClientOptions client;

    @Override
    public Integer call() {
      try (KinesisClient k = client.kinesis()) {
        Output out = new Output("name", "status", "mode", "created");
        for (StreamSummary s : k.listStreamsPaginator(b -> b.limit(100)).streamSummaries()) {
          out.row(s.streamName(), s.streamStatusAsString(), s.streamModeDetails().streamModeAsString(),
              s.streamCreationTimestamp().toString());
        }
        out.print(System.out, client.json());
      }
      return 0;
    }
  }

  @Command(name = "describe", mixinStandardHelpOptions = true, description = "Show a stream and its shard map.")
  static final class Describe implements Callable<Integer> {
    @Mixin ClientOptions client;
    @Parameters(paramLabel = "NAME") String name;

    @Override
    public Integer call() {
      try (KinesisClient k = client.kinesis()) {
        print(k, name, client.json());
      }
      return 0;
    }

    static void print(KinesisClient k, String name, boolean json) {
      StreamDescriptionSummary s = k.describeStreamSummary(b -> b.streamName(name)).streamDescriptionSummary();
      new Output("name", "arn", "status", "mode", "open_shards", "retention_hours", "consumers", "encryption")
          .row(s.streamName(), s.streamARN(), s.streamStatusAsString(),
              s.streamModeDetails().streamModeAsString(), s.openShardCount(), s.retentionPeriodHours(),
              s.consumerCount(), s.encryptionTypeAsString())
          .print(System.out, json);
      if (json) {
        return;
      }
      System.out.println();
      Output shards = new Output("shard", "state", "parents", "hash_range_%", "starting_hash_key");
      BigInteger space = BigInteger.ONE.shiftLeft(128);
      for (Shard sh : ShardLister.all(k, name, null)) {
        BigInteger width = new BigInteger(sh.hashKeyRange().endingHashKey())
            .subtract(new BigInteger(sh.hashKeyRange().startingHashKey())).add(BigInteger.ONE);
        String parents = sh.parentShardId() == null ? "-" : sh.parentShardId()
            + (sh.adjacentParentShardId() == null ? "" : "," + sh.adjacentParentShardId());
        shards.row(sh.shardId(), sh.sequenceNumberRange().endingSequenceNumber() == null ? "open" : "closed",
            parents, String.format("%.1f", width.multiply(BigInteger.valueOf(1000)).divide(space).doubleValue() / 10),
            sh.hashKeyRange().startingHashKey());
      }
      shards.print(System.out, false);
    }
  }

  @Command(name = "delete", mixinStandardHelpOptions = true, description = "Delete a stream (and, with --force, its consumers).")
  static final class Delete implements Callable<Integer> {
    @Mixin ClientOptions client;
    @Parameters(paramLabel = "NAME") String name;
    @Option(names = "--force", description = "Also deregister the stream's consumers.") boolean force;

    @Override
    public Integer call() {
      try (KinesisClient k = client.kinesis()) {
        k.deleteStream(b -> b.streamName(name).enforceConsumerDeletion(force));
        System.err.println("deleting " + name);
      }
      return 0;
    }
  }

  @Command(name = "reshard", mixinStandardHelpOptions = true, description = "Change the number of open shards (uniform scaling).")
  static final class Reshard implements Callable<Integer> {
    @Mixin ClientOptions client;
    @Parameters(paramLabel = "NAME") String name;
    @Option(names = "--shards", required = true, description = "Target number of open shards.") int shards;

    @Override
    public Integer call() throws InterruptedException {
      try (KinesisClient k = client.kinesis()) {
        k.updateShardCount(b -> b.streamName(name).targetShardCount(shards).scalingType(ScalingType.UNIFORM_SCALING));
        System.err.print("resharding " + name);
        awaitActive(k, name);
        Describe.print(k, name, client.json());
      }
      return 0;
    }
  }
}
