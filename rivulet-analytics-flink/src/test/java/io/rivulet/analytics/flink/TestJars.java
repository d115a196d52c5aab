package io.rivulet.analytics.flink;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

/**
 * Builds FLINK-2_2 application jars at test time, as a user's build would: the job's classes
 * compiled from source against Flink 2.3, the libraries it uses bundled inside (a fat jar: AWS's
 * runtime library, the DataGen source, the FileSink), and a manifest naming the entry class.
 * Published in this module's test jar for the integration tests. Stateless; thread-safe.
 */
public final class TestJars {
  /**
   * A job counting 0, 1, 2, ... from a checkpointed DataGen source (rate: property Job.rate per
   * second) into a FileSink under the directory of property Job.output, one number a line, files
   * committed on checkpoints (so what is committed is exactly-once). Its properties are read with
   * AWS's KinesisAnalyticsRuntime.getApplicationProperties(); the job is named by Job.name.
   */
  static final String COUNTING_JOB = """
      package rivulet.test;

      import com.amazonaws.services.kinesisanalytics.runtime.KinesisAnalyticsRuntime;
      import java.util.Map;
      import java.util.Properties;
      import org.apache.flink.api.common.eventtime.WatermarkStrategy;
      import org.apache.flink.api.common.serialization.SimpleStringEncoder;
      import org.apache.flink.api.common.typeinfo.Types;
      import org.apache.flink.api.connector.source.util.ratelimit.RateLimiterStrategy;
      import org.apache.flink.connector.datagen.source.DataGeneratorSource;
      import org.apache.flink.connector.datagen.source.GeneratorFunction;
      import org.apache.flink.connector.file.sink.FileSink;
      import org.apache.flink.core.fs.Path;
      import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
      import org.apache.flink.streaming.api.functions.sink.filesystem.rollingpolicies.OnCheckpointRollingPolicy;

      public class CountingJob {
        public static void main(String[] args) throws Exception {
          Map<String, Properties> groups = KinesisAnalyticsRuntime.getApplicationProperties();
          Properties job = groups.get("Job");
          if (job == null) {
            throw new IllegalStateException("no property group Job in " + groups);
          }
          StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
          GeneratorFunction<Long, String> numbers = index -> Long.toString(index);
          DataGeneratorSource<String> source = new DataGeneratorSource<>(numbers, Long.MAX_VALUE,
              RateLimiterStrategy.perSecond(Double.parseDouble(job.getProperty("rate", "100"))),
              Types.STRING);
          FileSink<String> sink = FileSink
              .forRowFormat(new Path(job.getProperty("output")), new SimpleStringEncoder<String>())
              .withRollingPolicy(OnCheckpointRollingPolicy.build())
              .build();
          env.fromSource(source, WatermarkStrategy.noWatermarks(), "numbers").uid("numbers")
              .sinkTo(sink).uid("files");
          env.execute(job.getProperty("name", "counting") + (args.length > 0 ? "-" + args[0] : ""));
        }
      }
      """;

  /** A main that fails before building a job. */
  static final String THROWING_JOB = """
      package rivulet.test;

      public class ThrowingJob {
        public static void main(String[] args) {
          throw new IllegalStateException("no input stream configured");
        }
      }
      """;

  private TestJars() {}

  /**
   * The numbers the counting job's FileSink committed under {@code output} (its visible files;
   * in-progress and pending files are hidden, their names start with a dot), sorted.
   */
  public static List<Long> committed(Path output) throws IOException {
    if (!Files.exists(output)) {
      return List.of();
    }
    List<Long> numbers = new ArrayList<>();
    try (Stream<Path> files = Files.walk(output)) {
      for (Path f : (Iterable<Path>) files.filter(Files::isRegularFile)
          .filter(f -> !f.getFileName().toString().startsWith("."))::iterator) {
        Files.readAllLines(f).forEach(line -> numbers.add(Long.parseLong(line)));
      }
    }
    numbers.sort(null);
    return numbers;
  }

  /** Waits up to 30 s until the counting job has committed at least {@code atLeast} numbers. */
  public static List<Long> awaitCommitted(Path output, long atLeast)
      throws IOException, InterruptedException {
    long deadline = System.nanoTime() + 30_000_000_000L;
    List<Long> numbers = committed(output);
    while (numbers.size() < atLeast && System.nanoTime() < deadline) {
      Thread.sleep(100);
      numbers = committed(output);
    }
    if (numbers.size() < atLeast) {
      throw new AssertionError("the counting job committed " + numbers.size() + " numbers in 30 s,"
          + " not " + atLeast);
    }
    return numbers;
  }

  /** The counting job with AWS's runtime library, DataGen and FileSink bundled. */
  public static Path countingJob(Path directory) throws IOException {
    return build(directory, "counting-job.jar", Map.of("rivulet.test.CountingJob", COUNTING_JOB),
        "rivulet.test.CountingJob", List.of(
            "com.amazonaws.services.kinesisanalytics.runtime.KinesisAnalyticsRuntime",
            "org.apache.flink.connector.datagen.source.DataGeneratorSource",
            "org.apache.flink.connector.file.sink.FileSink",
            "org.apache.flink.streaming.api.functions.sink.filesystem.rollingpolicies"
                + ".OnCheckpointRollingPolicy"));
  }

  /** A jar whose main throws. */
  public static Path throwingJob(Path directory) throws IOException {
    return build(directory, "throwing-job.jar", Map.of("rivulet.test.ThrowingJob", THROWING_JOB),
        "rivulet.test.ThrowingJob", List.of());
  }

  /** The counting job's classes without a Main-Class in the manifest. */
  public static Path withoutEntryClass(Path directory) throws IOException {
    return build(directory, "no-entry.jar", Map.of("rivulet.test.ThrowingJob", THROWING_JOB), null,
        List.of());
  }

  /**
   * Compiles {@code sources} (class name to source) against the test class path and writes a jar
   * with them, the jars holding {@code bundledClasses}, and a manifest naming {@code mainClass}.
   */
  public static Path build(Path directory, String name, Map<String, String> sources, String mainClass,
      List<String> bundledClasses) throws IOException {
    Path src = Files.createDirectories(directory.resolve(name + "-src"));
    Path classes = Files.createDirectories(directory.resolve(name + "-classes"));
    List<String> arguments = new ArrayList<>(List.of("-d", classes.toString(), "-classpath",
        System.getProperty("java.class.path"), "-proc:none", "-nowarn"));
    for (Map.Entry<String, String> source : sources.entrySet()) {
      Path file = src.resolve(source.getKey().replace('.', '/') + ".java");
      Files.createDirectories(file.getParent());
      Files.writeString(file, source.getValue());
      arguments.add(file.toString());
    }
    JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
    if (compiler.run(null, null, System.err, arguments.toArray(String[]::new)) != 0) {
      throw new IllegalStateException("the test job did not compile");
    }
    Manifest manifest = new Manifest();
    manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
    if (mainClass != null) {
      manifest.getMainAttributes().put(Attributes.Name.MAIN_CLASS, mainClass);
    }
    Path jar = directory.resolve(name);
    Set<String> written = new HashSet<>();
    try (OutputStream file = Files.newOutputStream(jar);
        JarOutputStream out = new JarOutputStream(file, manifest)) {
      written.add(JarFile.MANIFEST_NAME);
      try (Stream<Path> files = Files.walk(classes)) {
        for (Path f : (Iterable<Path>) files.filter(Files::isRegularFile)::iterator) {
          String entry = classes.relativize(f).toString().replace('\\', '/');
          written.add(entry);
          out.putNextEntry(new JarEntry(entry));
          Files.copy(f, out);
          out.closeEntry();
        }
      }
      for (String bundled : bundledClasses) {
        bundle(jarOf(bundled), out, written);
      }
    }
    return jar;
  }

  private static void bundle(Path library, JarOutputStream out, Set<String> written)
      throws IOException {
    try (JarFile jar = new JarFile(library.toFile())) {
      for (JarEntry entry : (Iterable<JarEntry>) jar.stream()::iterator) {
        String name = entry.getName();
        if (entry.isDirectory() || name.startsWith("META-INF/") || !written.add(name)) {
          continue;
        }
        out.putNextEntry(new JarEntry(name));
        try (InputStream in = jar.getInputStream(entry)) {
          in.transferTo(out);
        }
        out.closeEntry();
      }
    }
  }

  private static Path jarOf(String className) {
    try {
      return Path.of(Class.forName(className).getProtectionDomain().getCodeSource().getLocation()
          .toURI());
    } catch (ClassNotFoundException | URISyntaxException e) {
      throw new IllegalStateException("cannot find the jar of " + className, e);
    }
  }
}
