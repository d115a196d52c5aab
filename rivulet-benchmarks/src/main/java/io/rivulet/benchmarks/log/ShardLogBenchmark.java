package io.rivulet.benchmarks.log;

import io.rivulet.log.AppendResult;
import io.rivulet.log.FileLogManager;
import io.rivulet.log.FsyncPolicy;
import io.rivulet.log.LogConfig;
import io.rivulet.log.LogEntry;
import io.rivulet.log.LogRecord;
import io.rivulet.log.ShardLog;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Throughput of the file shard log: appending batches of 500 records of 100-byte values (a full
 * {@code PutRecords}) under each fsync policy, from one thread and from four (where group commit
 * shares fsyncs), and reading them back 500 records at a time. Scores are batches (or reads) per
 * second; multiply by 500 for records. Run with {@code java -jar rivulet-benchmarks.jar
 * ShardLogBenchmark} or any JMH runner; the data goes to a temporary directory (set {@code
 * -Djava.io.tmpdir} to benchmark a particular disk).
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xmx512m"})
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 3)
public class ShardLogBenchmark {
  static final int RECORDS_PER_BATCH = 500;
  static final int VALUE_BYTES = 100;

  static List<LogRecord> batch(long timestamp) {
    Random random = new Random(42);
    List<LogRecord> records = new ArrayList<>(RECORDS_PER_BATCH);
    for (int i = 0; i < RECORDS_PER_BATCH; i++) {
      byte[] value = new byte[VALUE_BYTES];
      random.nextBytes(value);
      records.add(new LogRecord(timestamp, ("partition-key-" + i).getBytes(StandardCharsets.UTF_8), value));
    }
    return records;
  }

  static void deleteRecursively(Path dir) throws IOException {
    try (Stream<Path> paths = Files.walk(dir)) {
      for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }

  /** A log per trial, under the fsync policy being measured. */
  @State(Scope.Benchmark)
  public static class AppendState {
    @Param({"group", "interval:100", "never"})
    public String fsync;

    Path dir;
    FileLogManager manager;
    ShardLog log;
    List<LogRecord> batch;

    @Setup(Level.Trial)
    public void setUp() throws IOException {
      dir = Files.createTempDirectory("rivulet-log-bench");
      manager = new FileLogManager(dir, FsyncPolicy.parse(fsync), LogConfig.defaults());
      log = manager.open("bench/append");
      batch = batch(System.currentTimeMillis());
    }

    @TearDown(Level.Trial)
    public void tearDown() throws IOException {
      manager.close();
      deleteRecursively(dir);
    }
  }

  /** A log filled once with 200 batches (100,000 records) to read from. */
  @State(Scope.Benchmark)
  public static class ReadState {
    static final int BATCHES = 200;
    Path dir;
    FileLogManager manager;
    ShardLog log;
    long next;

    @Setup(Level.Trial)
    public void setUp() throws IOException {
      dir = Files.createTempDirectory("rivulet-log-bench");
      manager = new FileLogManager(dir, FsyncPolicy.never(), LogConfig.defaults());
      log = manager.open("bench/read");
      List<LogRecord> records = batch(System.currentTimeMillis());
      for (int i = 0; i < BATCHES; i++) {
        log.append(records).join();
      }
    }

    @TearDown(Level.Trial)
    public void tearDown() throws IOException {
      manager.close();
      deleteRecursively(dir);
    }

    synchronized long nextOffset() {
      long offset = next;
      next = (next + RECORDS_PER_BATCH) % (BATCHES * (long) RECORDS_PER_BATCH);
      return offset;
    }
  }

  @Benchmark
  @Threads(1)
  public AppendResult append(AppendState state) {
    return state.log.append(state.batch).join();
  }

  @Benchmark
  @Threads(4)
  public AppendResult appendFourThreads(AppendState state) {
    return state.log.append(state.batch).join();
  }

  @Benchmark
  @Threads(1)
  public List<LogEntry> read500(ReadState state) {
    return state.log.read(state.nextOffset(), RECORDS_PER_BATCH, Long.MAX_VALUE);
  }

  @Benchmark
  @Threads(1)
  public List<LogEntry> readAtEnd(ReadState state) {
    return state.log.read(state.log.endOffset(), RECORDS_PER_BATCH, Long.MAX_VALUE);
  }
}
