package io.rivulet.benchmarks.load;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.OptionalLong;
import java.util.Set;

/**
 * CPU time of a process as Linux accounts it: {@code utime + stime} from {@code /proc/<pid>/stat}
 * (fields 14 and 15, in clock ticks of {@code getconf CLK_TCK}), and finding the process that
 * listens on a local TCP port through {@code /proc/net/tcp[6]} and {@code /proc/*}{@code /fd}.
 * Stateless; thread-safe.
 */
public final class ProcCpu {
  private static final long TICKS_PER_SECOND = clockTicks();

  private ProcCpu() {}

  /** CPU time (user + system) the process has used so far, in nanoseconds. */
  public static long cpuNanos(long pid) {
    try {
      String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"), StandardCharsets.US_ASCII);
      // "pid (comm) state ppid ..." where comm may hold spaces and parentheses: split after the last ')'
      String[] f = stat.substring(stat.lastIndexOf(')') + 2).trim().split(" +");
      // f[0] is field 3 (state), so field n is f[n - 3]
      long ticks = Long.parseLong(f[14 - 3]) + Long.parseLong(f[15 - 3]);
      return ticks * 1_000_000_000L / TICKS_PER_SECOND;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read CPU time of process " + pid, e);
    }
  }

  /** This JVM's CPU time, in nanoseconds. */
  public static long selfCpuNanos() {
    return cpuNanos(ProcessHandle.current().pid());
  }

  /** The id of the process listening on 127.0.0.1 (or any address) at {@code port}, if one is found. */
  public static OptionalLong pidListeningOn(int port) {
    try {
      Set<String> inodes = new HashSet<>();
      for (String table : List.of("/proc/net/tcp", "/proc/net/tcp6")) {
        Path p = Path.of(table);
        if (Files.isReadable(p)) {
          inodes.addAll(listeningInodes(Files.readAllLines(p), port));
        }
      }
      if (inodes.isEmpty()) {
        return OptionalLong.empty();
      }
      try (DirectoryStream<Path> procs = Files.newDirectoryStream(Path.of("/proc"), "[0-9]*")) {
        for (Path proc : procs) {
          if (ownsSocket(proc.resolve("fd"), inodes)) {
            return OptionalLong.of(Long.parseLong(proc.getFileName().toString()));
          }
        }
      }
      return OptionalLong.empty();
    } catch (IOException e) {
      return OptionalLong.empty();
    }
  }

  private static Set<String> listeningInodes(List<String> lines, int port) {
    Set<String> inodes = new HashSet<>();
    String hexPort = String.format(Locale.ROOT, ":%04X", port);
    for (String line : lines.subList(1, lines.size())) {
      // sl local_address rem_address st tx_queue:rx_queue tr:tm->when retrnsmt uid timeout inode
      String[] f = line.trim().split(" +");
      if (f.length > 9 && f[1].endsWith(hexPort) && f[3].equals("0A")) { // 0A = LISTEN
        inodes.add("socket:[" + f[9] + "]");
      }
    }
    return inodes;
  }

  private static boolean ownsSocket(Path fdDir, Set<String> inodes) {
    try (DirectoryStream<Path> fds = Files.newDirectoryStream(fdDir)) {
      for (Path fd : fds) {
        try {
          if (inodes.contains(Files.readSymbolicLink(fd).toString())) {
            return true;
          }
        } catch (IOException ignored) {
          // the descriptor closed while we looked
        }
      }
    } catch (IOException | SecurityException ignored) {
      // a process we may not inspect, or one that exited
    }
    return false;
  }

  private static long clockTicks() {
    try {
      Process p = new ProcessBuilder("getconf", "CLK_TCK").redirectErrorStream(true).start();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.US_ASCII).trim();
      if (p.waitFor() == 0 && !out.isEmpty()) {
        return Long.parseLong(out);
      }
    } catch (IOException | NumberFormatException e) {
      // fall through to the Linux default
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return 100;
  }
}
