package io.rivulet.fuzz;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;

/**
 * The bounded fuzzing that runs in the test command, beside Jazzer's regression mode (which
 * replays each {@code @FuzzTest}'s corpus but generates nothing): a fixed number of deterministic
 * mutations of the corpus, within a time cap. Coverage-guided fuzzing, which finds far more, runs
 * on demand ({@code ./rivulet fuzz}, docs/SECURITY.md).
 *
 * <p>The corpus of fuzz test {@code m} of class {@code C} is where Jazzer keeps it: the files in
 * the test resource directory {@code <package of C>/CInputs/m/} and those directly in {@code
 * CInputs/}. Mutation {@code i} is derived from seed {@code i % seeds} with a random generator
 * seeded by {@code i}, so a failure names an input that every run reproduces; it is also saved to
 * {@code target/fuzz-findings/C/m/sweep-<i>} to be added to the corpus as a named regression entry.
 *
 * <p>The mutations are libFuzzer's blind ones (bit flips, interesting integers at any offset in
 * either byte order, truncation, deletion, insertion, duplication, splicing with another seed)
 * plus one for nesting bombs: a short chunk repeated up to 20,000 times.
 *
 * <p>Tuning (system properties): {@code rivulet.fuzz.sweep} mutations per target (default
 * {@value #DEFAULT_MUTATIONS}), {@code rivulet.fuzz.sweepMillis} time cap per target (default
 * {@value #DEFAULT_MILLIS}), {@code rivulet.fuzz.keepGoing=true} to run on after a failure (each is
 * printed to stderr as a {@code FINDING} line; the first is thrown at the end). Stateless and thread-safe.
 */
public final class SeedSweep {
  static final int DEFAULT_MUTATIONS = 1500;
  static final long DEFAULT_MILLIS = 2500;
  private static final int MAX_INPUT = 1 << 20;
  private static final long[] INTERESTING = {
    0, 1, -1, 0x7f, 0x80, 0xff, 0x100, 0x7fff, 0x8000, 0xffff, 0x10000, 0x7fffffffL,
    0x80000000L, 0xffffffffL, 0x1000000, Long.MAX_VALUE, Long.MIN_VALUE
  };
  private static final int[] REPEATS = {2, 3, 8, 64, 300, 1000, 5000, 20000};

  /** A fuzz target: returns, or throws what the property it checks forbids. */
  @FunctionalInterface
  public interface Target {
    void run(byte[] data) throws Exception;
  }

  private SeedSweep() {}

  /**
   * Runs {@code target} on mutations of the corpus of fuzz test {@code method} of {@code
   * testClass}; fails with the first input the target throws on.
   *
   * @return how many inputs ran (at least one per seed unless the time cap is hit first)
   */
  public static int run(Class<?> testClass, String method, Target target) {
    List<byte[]> seeds = corpus(testClass, method);
    if (seeds.isEmpty()) {
      throw new AssertionError("no corpus for " + testClass.getSimpleName() + "#" + method);
    }
    int mutations = Integer.getInteger("rivulet.fuzz.sweep", DEFAULT_MUTATIONS);
    long deadline = System.nanoTime() + Long.getLong("rivulet.fuzz.sweepMillis", DEFAULT_MILLIS) * 1_000_000L;
    boolean keepGoing = Boolean.getBoolean("rivulet.fuzz.keepGoing");
    AssertionError first = null;
    int ran = 0;
    for (int i = 0; i < mutations && (i < seeds.size() || System.nanoTime() < deadline); i++) {
      byte[] input = mutate(seeds.get(i % seeds.size()), seeds, new SplittableRandom(i));
      try {
        target.run(input);
      } catch (Throwable t) {
        Path saved = save(testClass, method, i, input);
        AssertionError failure = new AssertionError(testClass.getSimpleName() + "#" + method + " failed on mutation "
            + i + " of seed " + (i % seeds.size()) + " (saved to " + saved + "; add it to the corpus under a name)", t);
        if (!keepGoing) {
          throw failure;
        }
        System.err.println("FINDING " + failure.getMessage() + ": " + t);
        first = first == null ? failure : first;
      }
      ran++;
    }
    if (first != null) {
      throw first;
    }
    return ran;
  }

  /** The corpus files of a fuzz test, sorted by name. */
  public static List<byte[]> corpus(Class<?> testClass, String method) {
    List<byte[]> out = new ArrayList<>();
    String base = testClass.getSimpleName() + "Inputs";
    addFiles(testClass.getResource(base + "/" + method), out);
    addFiles(testClass.getResource(base), out);
    return out;
  }

  private static void addFiles(URL dir, List<byte[]> out) {
    if (dir == null) {
      return;
    }
    try (Stream<Path> files = Files.list(Path.of(dir.toURI()))) {
      for (Path f : files.filter(Files::isRegularFile).sorted().toList()) {
        out.add(Files.readAllBytes(f));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  private static Path save(Class<?> testClass, String method, int i, byte[] input) {
    Path dir = Path.of("target", "fuzz-findings", testClass.getSimpleName(), method);
    try {
      Files.createDirectories(dir);
      return Files.write(dir.resolve("sweep-" + i), input).toAbsolutePath();
    } catch (IOException e) {
      return dir.resolve("(not saved: " + e + ")");
    }
  }

  /** One to four blind mutations of {@code seed}. */
  static byte[] mutate(byte[] seed, List<byte[]> seeds, SplittableRandom r) {
    byte[] b = seed;
    int ops = 1 + r.nextInt(4);
    for (int k = 0; k < ops; k++) {
      b = once(b, seeds, r);
      if (b.length > MAX_INPUT) {
        b = java.util.Arrays.copyOf(b, MAX_INPUT);
      }
    }
    return b;
  }

  private static byte[] once(byte[] b, List<byte[]> seeds, SplittableRandom r) {
    int n = b.length;
    int at = n == 0 ? 0 : r.nextInt(n);
    switch (r.nextInt(10)) {
      case 0:
        return n == 0 ? b : with(b, at, (byte) (b[at] ^ (1 << r.nextInt(8))));
      case 1:
        return n == 0 ? b : with(b, at, (byte) INTERESTING[r.nextInt(INTERESTING.length)]);
      case 2:
        return n == 0 ? b : overwriteNumber(b, at, r);
      case 3:
        return java.util.Arrays.copyOf(b, at);
      case 4:
        return splice(b, at, Math.min(n, at + 1 + r.nextInt(16)), new byte[0]);
      case 5:
        return splice(b, at, at, randomBytes(r, 1 + r.nextInt(16)));
      case 6:
        return splice(b, at, at, slice(b, at, 1 + r.nextInt(64)));
      case 7: {
        byte[] other = seeds.get(r.nextInt(seeds.size()));
        int from = other.length == 0 ? 0 : r.nextInt(other.length);
        return splice(b, at, n, slice(other, from, other.length - from));
      }
      case 8:
        return splice(b, at, at, repeat(slice(b, at, 1 + r.nextInt(4)), REPEATS[r.nextInt(REPEATS.length)]));
      default:
        return n == 0 ? randomBytes(r, 1 + r.nextInt(8)) : with(b, at, (byte) r.nextInt(256));
    }
  }

  private static byte[] with(byte[] b, int at, byte value) {
    byte[] out = b.clone();
    out[at] = value;
    return out;
  }

  /** An interesting value as 1, 2, 4 or 8 bytes, big- or little-endian, at {@code at}. */
  private static byte[] overwriteNumber(byte[] b, int at, SplittableRandom r) {
    long v = INTERESTING[r.nextInt(INTERESTING.length)];
    if (r.nextBoolean()) {
      v = v + r.nextInt(5) - 2;
    }
    int width = 1 << r.nextInt(4);
    boolean big = r.nextBoolean();
    byte[] out = b.clone();
    for (int i = 0; i < width && at + i < out.length; i++) {
      int shift = big ? 8 * (width - 1 - i) : 8 * i;
      out[at + i] = (byte) (v >>> shift);
    }
    return out;
  }

  private static byte[] slice(byte[] b, int from, int length) {
    int end = Math.min(b.length, from + Math.max(0, length));
    return java.util.Arrays.copyOfRange(b, Math.min(from, end), end);
  }

  /** {@code b} with {@code [from, to)} replaced by {@code middle}. */
  private static byte[] splice(byte[] b, int from, int to, byte[] middle) {
    byte[] out = new byte[from + middle.length + (b.length - to)];
    System.arraycopy(b, 0, out, 0, from);
    System.arraycopy(middle, 0, out, from, middle.length);
    System.arraycopy(b, to, out, from + middle.length, b.length - to);
    return out;
  }

  private static byte[] repeat(byte[] chunk, int times) {
    if (chunk.length == 0) {
      return chunk;
    }
    byte[] out = new byte[Math.min(MAX_INPUT, chunk.length * times)];
    for (int i = 0; i < out.length; i++) {
      out[i] = chunk[i % chunk.length];
    }
    return out;
  }

  private static byte[] randomBytes(SplittableRandom r, int n) {
    byte[] out = new byte[n];
    for (int i = 0; i < n; i++) {
      out[i] = (byte) r.nextInt(256);
    }
    return out;
  }
}
