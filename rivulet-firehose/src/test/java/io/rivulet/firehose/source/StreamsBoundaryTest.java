package io.rivulet.firehose.source;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * DESIGN.md: Firehose uses Data Streams only through {@code io.rivulet.streams.api}. No main source
 * of this module imports (or names) anything else of {@code io.rivulet.streams}.
 */
class StreamsBoundaryTest {
  private static final Pattern STREAMS_REF =
      Pattern.compile("\\bio\\.rivulet\\.streams\\.(?!api\\b)[A-Za-z_.]+");

  @Test
  void firehoseUsesDataStreamsOnlyThroughItsApi() throws IOException {
    Path main = Path.of("src", "main", "java");
    assertThat(main).isDirectory();
    List<String> offences = new ArrayList<>();
    try (Stream<Path> files = Files.walk(main)) {
      for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
        List<String> lines = Files.readAllLines(f);
        for (int i = 0; i < lines.size(); i++) {
          Matcher m = STREAMS_REF.matcher(lines.get(i));
          if (m.find()) {
            offences.add(main.relativize(f) + ":" + (i + 1) + ": " + m.group());
          }
        }
      }
    }
    assertThat(offences).as("references to Data Streams outside io.rivulet.streams.api").isEmpty();
  }
}
