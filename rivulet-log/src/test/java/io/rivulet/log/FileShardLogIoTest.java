package io.rivulet.log;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** File-log behaviour below the contract: fsync sharing and interrupts. */
class FileShardLogIoTest {
  @TempDir Path dir;

  @Test
  void concurrentAppendersShareFsyncs() throws Exception {
    FailingFileChannel.Switches switches = new FailingFileChannel.Switches();
    int threads = 8;
    int perThread = 50;
    try (FileLogManager m = new FileLogManager(dir, FsyncPolicy.group(), LogConfig.defaults(),
        FailingFileChannel.opener(switches))) {
      ShardLog log = m.open("s");
      List<Thread> workers = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        workers.add(new Thread(() -> {
          for (int i = 0; i < perThread; i++) {
            log.append(List.of(new LogRecord(i, null, new byte[100]))).join();
          }
        }));
      }
      workers.forEach(Thread::start);
      for (Thread w : workers) {
        w.join();
      }
      assertThat(log.endOffset()).isEqualTo(threads * perThread);
      assertThat(switches.forces.get()).isPositive().isLessThan(threads * perThread);
    }
  }

  @Test
  void anInterruptedReaderOrAppenderFailsAndTheLogGoesOn() {
    try (FileLogManager m = new FileLogManager(dir, FsyncPolicy.group())) {
      ShardLog log = m.open("s");
      log.append(List.of(new LogRecord(1, null, new byte[10]))).join();
      Thread.currentThread().interrupt();
      try {
        assertThatThrownBy(() -> log.read(0, 10, 1000)).isInstanceOf(LogException.class);
      } finally {
        Thread.interrupted();
      }
      assertThat(log.read(0, 10, 1000)).hasSize(1);
      Thread.currentThread().interrupt();
      try {
        assertThatThrownBy(() -> log.append(List.of(new LogRecord(2, null, new byte[10]))).join())
            .isInstanceOf(CompletionException.class)
            .hasCauseInstanceOf(LogException.class);
      } finally {
        Thread.interrupted();
      }
      assertThat(log.append(List.of(new LogRecord(3, null, new byte[10]))).join().firstOffset())
          .isEqualTo(1);
      assertThat(log.read(0, 10, 1000)).extracting(LogEntry::timestamp).containsExactly(1L, 3L);
    }
    try (FileLogManager m = new FileLogManager(dir, FsyncPolicy.group())) {
      assertThat(m.open("s").endOffset()).isEqualTo(2);
      assertThat(m.recoveryReports().get(0).lostData()).isFalse();
    }
  }
}
