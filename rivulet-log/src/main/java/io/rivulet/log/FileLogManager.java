package io.rivulet.log;

import java.io.IOException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Opens {@link FileShardLog}s under a root directory, one directory per log name (a name's {@code
 * /}-separated parts become nested directories), and owns the {@link Flusher} threads they share.
 * Opening an already open log returns the same instance.
 *
 * <p>Thread-safe. {@link #open} is serialised (recovery of one log runs under the manager's
 * monitor).
 */
public final class FileLogManager implements LogManager {
  private final Path root;
  private final FsyncPolicy policy;
  private final LogConfig config;
  private final ChannelOpener opener;
  private final Flusher flusher;
  private final Map<String, FileShardLog> open = new HashMap<>();
  private final List<RecoveryReport> reports = new CopyOnWriteArrayList<>();
  private boolean closed;

  public FileLogManager(Path root, FsyncPolicy policy) {
    this(root, policy, LogConfig.defaults());
  }

  public FileLogManager(Path root, FsyncPolicy policy, LogConfig config) {
    this(root, policy, config, ChannelOpener.DEFAULT);
  }

  FileLogManager(Path root, FsyncPolicy policy, LogConfig config, ChannelOpener opener) {
    this.root = root.toAbsolutePath().normalize();
    this.policy = policy;
    this.config = config;
    this.opener = opener;
    try {
      Files.createDirectories(this.root);
    } catch (IOException e) {
      throw new LogException("cannot create log root " + root + ": " + e, e);
    }
    this.flusher = new Flusher(policy, config.flushThreads(), "rivulet-log");
  }

  @Override
  public synchronized ShardLog open(String name) {
    if (closed) {
      throw new LogException("log manager is closed");
    }
    FileShardLog log = open.get(name);
    if (log != null) {
      return log;
    }
    Path dir = directoryOf(name);
    try {
      Dirs.createDurably(root, dir);
      LogRecovery.Result recovered =
          new LogRecovery(name, dir, opener, config.indexIntervalBytes()).run();
      reports.add(recovered.report());
      log = new FileShardLog(name, dir, this, recovered);
    } catch (IOException e) {
      throw new LogException("cannot open log " + name + ": " + e, e);
    }
    open.put(name, log);
    return log;
  }

  /** The directory of a log; rejects names that would escape the root or are not plain paths. */
  Path directoryOf(String name) {
    if (name.isEmpty() || name.startsWith("/") || name.indexOf('\\') >= 0 || name.indexOf('\0') >= 0) {
      throw new IllegalArgumentException("invalid log name: " + name);
    }
    for (String part : name.split("/", -1)) {
      if (part.isEmpty() || part.equals(".") || part.equals("..")) {
        throw new IllegalArgumentException("invalid log name: " + name);
      }
    }
    return root.resolve(name);
  }

  @Override
  public List<RecoveryReport> recoveryReports() {
    return List.copyOf(reports);
  }

  /** Closes every open log (forcing it), then stops the flusher threads. */
  @Override
  public void close() {
    List<FileShardLog> logs;
    synchronized (this) {
      if (closed) {
        return;
      }
      closed = true;
      logs = new ArrayList<>(open.values());
    }
    LogException first = null;
    for (FileShardLog log : logs) {
      try {
        log.close();
      } catch (LogException e) {
        first = first == null ? e : first;
      }
    }
    flusher.close();
    if (first != null) {
      throw first;
    }
  }

  synchronized void closed(FileShardLog log) {
    open.remove(log.name(), log);
  }

  /** Removes a deleted log's directory and its parents up to the root while they are empty. */
  void removeDirectory(Path dir) throws IOException {
    Path d = dir;
    while (d != null && !d.equals(root) && d.startsWith(root)) {
      try {
        Files.deleteIfExists(d);
      } catch (DirectoryNotEmptyException e) {
        return;
      }
      d = d.getParent();
    }
  }

  FsyncPolicy policy() {
    return policy;
  }

  LogConfig config() {
    return config;
  }

  ChannelOpener opener() {
    return opener;
  }

  Flusher flusher() {
    return flusher;
  }
}
