package io.rivulet.it;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;

/** {@link BrowserSpecs} for the tests of other packages (it/analytics, it/video). Stateless. */
public final class BrowserSpecsAccess {
  private BrowserSpecsAccess() {}

  /** Runs a spec of {@code src/test/browser/}; see {@link BrowserSpecs#run}. */
  public static void run(String spec, Map<String, String> env)
      throws IOException, InterruptedException {
    BrowserSpecs.run(spec, env);
  }

  /** Where the specs save their screenshots. */
  public static Path shots() {
    return BrowserSpecs.SHOTS;
  }
}
