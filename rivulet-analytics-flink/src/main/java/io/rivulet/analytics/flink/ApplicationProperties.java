package io.rivulet.analytics.flink;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.rivulet.analytics.runtime.RuntimeFailure;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;

/**
 * EnvironmentProperties where an application reads them as on Managed Service for Apache Flink.
 * AWS's runtime library ({@code com.amazonaws:aws-kinesisanalytics-runtime}, {@code
 * KinesisAnalyticsRuntime.getApplicationProperties()}) reads the file named by the {@code
 * application_properties_file} key of the {@code config.properties} resource its own class loader
 * finds (the library ships one naming {@code /etc/flink/application_properties.json}), a JSON array
 * of {@code {"PropertyGroupId": ..., "PropertyMap": {...}}}. Rivulet writes that file per
 * application and, when the application's jar bundles the library, submits a copy of the jar whose
 * {@code config.properties} names it (other keys kept). A user class loader finds resources in the
 * application's jar first, so the jar's copy is the one read, by {@code main} and by the tasks.
 * Stateless; thread-safe.
 */
public final class ApplicationProperties {
  /** The resource AWS's runtime library reads to find the properties file. */
  static final String CONFIG_RESOURCE = "config.properties";
  static final String FILE_KEY = "application_properties_file";
  static final String RUNTIME_CLASS =
      "com/amazonaws/services/kinesisanalytics/runtime/KinesisAnalyticsRuntime.class";
  private static final ObjectMapper JSON = new ObjectMapper();

  private ApplicationProperties() {}

  /** Writes the property groups as AWS's runtime library reads them; returns the file. */
  public static Path write(Map<String, Map<String, String>> groups, Path directory) throws RuntimeFailure {
    ArrayNode array = JSON.createArrayNode();
    for (Map.Entry<String, Map<String, String>> group : new TreeMap<>(groups).entrySet()) {
      ObjectNode node = array.addObject();
      node.put("PropertyGroupId", group.getKey());
      ObjectNode map = node.putObject("PropertyMap");
      new TreeMap<>(group.getValue()).forEach(map::put);
    }
    Path file = directory.resolve("application_properties.json");
    try {
      JSON.writerWithDefaultPrettyPrinter().writeValue(file.toFile(), array);
      return file;
    } catch (IOException e) {
      throw new RuntimeFailure("could not write the application's properties to " + file, e);
    }
  }

  /**
   * The jar to submit: {@code jar} itself when it does not bundle AWS's runtime library, else a
   * copy in {@code directory} whose {@code config.properties} points at {@code propertiesFile}.
   */
  public static Path prepareJar(Path jar, Path propertiesFile, Path directory) throws RuntimeFailure {
    try (ZipFile zip = new ZipFile(jar.toFile())) {
      if (zip.getEntry(RUNTIME_CLASS) == null) {
        return jar;
      }
      Path copy = directory.resolve(jar.getFileName().toString().replaceAll("(?i)\\.(jar|zip)$", "")
          + "-rivulet.jar");
      try (OutputStream file = Files.newOutputStream(copy);
          ZipOutputStream out = new ZipOutputStream(file)) {
        Properties config = new Properties();
        var entries = zip.entries();
        while (entries.hasMoreElements()) {
          ZipEntry entry = entries.nextElement();
          try (InputStream in = zip.getInputStream(entry)) {
            if (entry.getName().equals(CONFIG_RESOURCE)) {
              config.load(in);
              continue;
            }
            out.putNextEntry(new ZipEntry(entry.getName()));
            in.transferTo(out);
            out.closeEntry();
          }
        }
        config.setProperty(FILE_KEY, propertiesFile.toAbsolutePath().toString());
        out.putNextEntry(new ZipEntry(CONFIG_RESOURCE));
        out.write(store(config));
        out.closeEntry();
      }
      return copy;
    } catch (IOException e) {
      throw new RuntimeFailure("the application code is not a readable jar: " + e.getMessage(), e);
    }
  }

  private static byte[] store(Properties config) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    config.store(bytes, "written by Rivulet: where this application's EnvironmentProperties are");
    return bytes.toByteArray();
  }
}
