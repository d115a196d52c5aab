package io.rivulet.flink.connect;

import io.rivulet.streams.api.ChildShard;
import io.rivulet.streams.api.InvalidArgumentException;
import io.rivulet.streams.api.Position;
import io.rivulet.streams.api.PutEntry;
import io.rivulet.streams.api.PutResult;
import io.rivulet.streams.api.ReadResult;
import io.rivulet.streams.api.ShardInfo;
import io.rivulet.streams.api.ShardNotFoundException;
import io.rivulet.streams.api.StreamId;
import io.rivulet.streams.api.StreamInfo;
import io.rivulet.streams.api.StreamNotActiveException;
import io.rivulet.streams.api.StreamNotFoundException;
import io.rivulet.streams.api.StreamRecord;
import io.rivulet.streams.api.StreamsApi;
import io.rivulet.streams.api.StreamsApiException;
import io.rivulet.streams.api.Watch;
import java.math.BigInteger;
import java.net.URI;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProviderChain;
import software.amazon.awssdk.auth.credentials.EnvironmentVariableCredentialsProvider;
import software.amazon.awssdk.auth.credentials.ProfileCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.auth.credentials.SystemPropertyCredentialsProvider;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.ExpiredIteratorException;
import software.amazon.awssdk.services.kinesis.model.GetRecordsResponse;
import software.amazon.awssdk.services.kinesis.model.ListShardsResponse;
import software.amazon.awssdk.services.kinesis.model.PutRecordsRequestEntry;
import software.amazon.awssdk.services.kinesis.model.PutRecordsResponse;
import software.amazon.awssdk.services.kinesis.model.PutRecordsResultEntry;
import software.amazon.awssdk.services.kinesis.model.Record;
import software.amazon.awssdk.services.kinesis.model.ResourceInUseException;
import software.amazon.awssdk.services.kinesis.model.ResourceNotFoundException;
import software.amazon.awssdk.services.kinesis.model.Shard;
import software.amazon.awssdk.services.kinesis.model.ShardIteratorType;
import software.amazon.awssdk.services.kinesis.model.StreamDescriptionSummary;

/**
 * {@link StreamsApi} over the Kinesis API (the connector's remote mode, for jobs on a Flink
 * cluster outside the server): DescribeStreamSummary, ListShards, GetShardIterator + GetRecords
 * (the next iterator is kept per shard, so a reader that resumes where it stopped costs one call),
 * PutRecords. Watches are timers (the API has no wake-up): the listener runs every poll interval.
 * The stream incarnation ({@link StreamId#createdMillis()}) is not checked on reads. Thread-safe;
 * close it to stop its threads and client.
 */
public final class KinesisStreamsApi implements StreamsApi, AutoCloseable {
  /** Credentials used when none are configured and the SDK's default chain finds none. */
  static final AwsBasicCredentials FALLBACK = AwsBasicCredentials.create("rivulet", "rivulet");

  private final KinesisClient client;
  private final String region;
  private final long pollMillis;
  private final ExecutorService appends;
  private final ScheduledExecutorService ticks;
  private final Map<String, Cursor> cursors = new ConcurrentHashMap<>();

  /** The next iterator of a shard and the position it stands for. */
  private record Cursor(Position position, String iterator) {}

  public KinesisStreamsApi(RivuletConnection c) {
    this.region = c.region();
    this.pollMillis = Math.max(1, c.pollInterval().toMillis());
    this.client = KinesisClient.builder()
        .endpointOverride(URI.create(c.endpoint()))
        .region(Region.of(c.region()))
        .credentialsProvider(credentials(c))
        .httpClient(UrlConnectionHttpClient.create())
        .build();
    this.appends = Executors.newFixedThreadPool(4, daemon("rivulet-kinesis-put"));
    this.ticks = Executors.newSingleThreadScheduledExecutor(daemon("rivulet-kinesis-poll"));
  }

  private static AwsCredentialsProvider credentials(RivuletConnection c) {
    if (c.accessKeyId() != null) {
      return StaticCredentialsProvider.create(
          AwsBasicCredentials.create(c.accessKeyId(), c.secretKey()));
    }
    // the SDK's default chain without its container and instance-metadata lookups (seconds of
    // time-outs off AWS; a Rivulet server has no IAM roles), then a placeholder that a server
    // running without --auth accepts
    return AwsCredentialsProviderChain.builder()
        .credentialsProviders(EnvironmentVariableCredentialsProvider.create(),
            SystemPropertyCredentialsProvider.create(), ProfileCredentialsProvider.create(),
            StaticCredentialsProvider.create(FALLBACK))
        .build();
  }

  private static java.util.concurrent.ThreadFactory daemon(String name) {
    return r -> {
      Thread t = new Thread(r, name);
      t.setDaemon(true);
      return t;
    };
  }

  // ---------------------------------------------------------------- streams and shards

  @Override
  public StreamInfo describe(String account, String region, String streamName) {
    return info(call(() -> client.describeStreamSummary(r -> r.streamName(streamName)))
        .streamDescriptionSummary());
  }

  @Override
  public StreamInfo describe(String streamArn) {
    return info(call(() -> client.describeStreamSummary(r -> r.streamARN(streamArn)))
        .streamDescriptionSummary());
  }

  private StreamInfo info(StreamDescriptionSummary s) {
    String[] arn = s.streamARN().split(":", 6);
    String account = arn.length == 6 ? arn[4] : RivuletConnection.DEFAULT_ACCOUNT;
    String arnRegion = arn.length == 6 ? arn[3] : region;
    StreamId id = new StreamId(account, arnRegion, s.streamName(),
        s.streamCreationTimestamp().toEpochMilli());
    String mode = s.streamModeDetails() == null ? "PROVISIONED"
        : s.streamModeDetails().streamModeAsString();
    String encryption = s.encryptionType() == null ? "NONE" : s.encryptionTypeAsString();
    int maxKiB = s.maxRecordSizeInKiB() == null ? 1024 : s.maxRecordSizeInKiB();
    return new StreamInfo(id, s.streamStatusAsString(), mode, s.retentionPeriodHours(),
        encryption, maxKiB);
  }

  @Override
  public List<ShardInfo> shards(StreamId stream) {
    List<ShardInfo> out = new ArrayList<>();
    String token = null;
    do {
      String next = token;
      ListShardsResponse r = call(() -> client.listShards(b -> {
        if (next == null) {
          b.streamName(stream.name());
        } else {
          b.nextToken(next);
        }
      }));
      for (Shard s : r.shards()) {
        out.add(new ShardInfo(s.shardId(), s.parentShardId(), s.adjacentParentShardId(),
            new BigInteger(s.hashKeyRange().startingHashKey()),
            new BigInteger(s.hashKeyRange().endingHashKey()),
            s.sequenceNumberRange().startingSequenceNumber(),
            s.sequenceNumberRange().endingSequenceNumber()));
      }
      token = r.nextToken();
    } while (token != null);
    out.sort(Comparator.comparing(ShardInfo::shardId));
    return out;
  }

  // ---------------------------------------------------------------- reads

  @Override
  public ReadResult read(StreamId stream, String shardId, Position from, int maxRecords,
      long maxBytes) {
    if (maxRecords < 1 || maxRecords > MAX_READ_RECORDS || maxBytes < 1) {
      throw new InvalidArgumentException("maxRecords must be 1 to " + MAX_READ_RECORDS
          + " and maxBytes positive; got " + maxRecords + " and " + maxBytes);
    }
    String key = stream.name() + "/" + shardId;
    Cursor cursor = cursors.get(key);
    String iterator = cursor != null && cursor.position().equals(from) ? cursor.iterator()
        : iterator(stream, shardId, from);
    GetRecordsResponse r;
    try {
      String it = iterator;
      r = call(() -> client.getRecords(b -> b.shardIterator(it).limit(maxRecords)));
    } catch (ExpiredIteratorException e) {
      String it = iterator(stream, shardId, from);
      r = call(() -> client.getRecords(b -> b.shardIterator(it).limit(maxRecords)));
    }
    List<StreamRecord> records = new ArrayList<>(r.records().size());
    for (Record rec : r.records()) {
      records.add(new StreamRecord(rec.sequenceNumber(), rec.approximateArrivalTimestamp(),
          rec.partitionKey(), rec.data().asByteArray(),
          rec.encryptionType() == null ? null : rec.encryptionTypeAsString()));
    }
    Position next = records.isEmpty() ? from
        : Position.afterSequenceNumber(records.get(records.size() - 1).sequenceNumber());
    boolean ended = r.nextShardIterator() == null;
    if (ended) {
      cursors.remove(key);
    } else {
      cursors.put(key, new Cursor(next, r.nextShardIterator()));
    }
    List<ChildShard> children = new ArrayList<>();
    if (r.childShards() != null) {
      for (software.amazon.awssdk.services.kinesis.model.ChildShard c : r.childShards()) {
        children.add(new ChildShard(c.shardId(), c.parentShards(),
            new BigInteger(c.hashKeyRange().startingHashKey()),
            new BigInteger(c.hashKeyRange().endingHashKey())));
      }
    }
    long behind = r.millisBehindLatest() == null ? 0 : r.millisBehindLatest();
    return new ReadResult(records, next, behind, ended, children);
  }

  private String iterator(StreamId stream, String shardId, Position from) {
    return call(() -> client.getShardIterator(b -> {
      b.streamName(stream.name()).shardId(shardId)
          .shardIteratorType(ShardIteratorType.fromValue(from.type().name()));
      if (from.sequenceNumber() != null) {
        b.startingSequenceNumber(from.sequenceNumber());
      }
      if (from.timestamp() != null) {
        b.timestamp(from.timestamp());
      }
    })).shardIterator();
  }

  @Override
  public Watch watch(StreamId stream, String shardId, Runnable listener) {
    ScheduledFuture<?> f = ticks.scheduleWithFixedDelay(listener, pollMillis, pollMillis,
        TimeUnit.MILLISECONDS);
    return () -> f.cancel(false);
  }

  // ---------------------------------------------------------------- appends

  @Override
  public CompletableFuture<List<PutResult>> append(StreamId stream, List<PutEntry> entries) {
    if (entries == null || entries.isEmpty() || entries.size() > MAX_APPEND_RECORDS) {
      throw new InvalidArgumentException("An append takes 1 to " + MAX_APPEND_RECORDS
          + " records; got " + (entries == null ? 0 : entries.size()));
    }
    List<PutRecordsRequestEntry> put = new ArrayList<>(entries.size());
    for (PutEntry e : entries) {
      put.add(PutRecordsRequestEntry.builder().partitionKey(e.partitionKey())
          .explicitHashKey(e.explicitHashKey() == null ? null : e.explicitHashKey().toString())
          .data(SdkBytes.fromByteArrayUnsafe(e.data())).build());
    }
    return CompletableFuture.supplyAsync(() -> {
      PutRecordsResponse r = call(() -> client.putRecords(b -> b.streamName(stream.name())
          .records(put)));
      List<PutResult> out = new ArrayList<>(r.records().size());
      for (PutRecordsResultEntry e : r.records()) {
        out.add(new PutResult(e.shardId(), e.sequenceNumber(), e.errorCode(), e.errorMessage()));
      }
      return out;
    }, appends);
  }

  // ---------------------------------------------------------------- errors

  /** Runs an SDK call, turning its errors into this package's exceptions. */
  private static <T> T call(Supplier<T> sdkCall) {
    try {
      return sdkCall.get();
    } catch (ExpiredIteratorException e) {
      throw e;
    } catch (ResourceNotFoundException e) {
      String m = e.awsErrorDetails() == null ? e.getMessage() : e.awsErrorDetails().errorMessage();
      throw m != null && m.startsWith("Shard") ? new ShardNotFoundException(m)
          : new StreamNotFoundException(m);
    } catch (ResourceInUseException e) {
      throw new StreamNotActiveException(e.getMessage());
    } catch (software.amazon.awssdk.services.kinesis.model.InvalidArgumentException e) {
      throw new InvalidArgumentException(e.getMessage());
    } catch (SdkException e) {
      throw new StreamsApiException(e.getMessage(), e);
    }
  }

  @Override
  public void close() {
    ticks.shutdownNow();
    appends.shutdownNow();
    client.close();
  }
}
