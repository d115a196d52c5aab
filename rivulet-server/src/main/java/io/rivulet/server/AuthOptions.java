package io.rivulet.server;

import io.rivulet.protocol.auth.AccessControl;
import io.rivulet.protocol.auth.CredentialStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Clock;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code --auth}: off (every request accepted, signatures not checked; the default for local use)
 * or on, with the credentials of a JSON file ({@code credentialsFile}, by default {@code
 * <data-dir>/credentials.json}; format in {@link CredentialStore}) and of the environment ({@code
 * AWS_ACCESS_KEY_ID}/{@code AWS_SECRET_ACCESS_KEY}, {@code RIVULET_CREDENTIALS}). Kept apart from
 * {@link RivuletServer.Options} so a server's security settings travel as one value. Immutable.
 *
 * @param credentialsFile null: {@code <data-dir>/credentials.json} (none for an in-memory server)
 * @param environment where the environment's keys are read (normally {@code System.getenv()})
 */
public record AuthOptions(boolean enabled, Path credentialsFile, Map<String, String> environment) {
  private static final Logger log = LoggerFactory.getLogger(AuthOptions.class);

  public AuthOptions {
    environment = environment == null ? Map.of() : Map.copyOf(environment);
  }

  /** Signatures not checked. */
  public static AuthOptions off() {
    return new AuthOptions(false, null, Map.of());
  }

  /** Signatures checked against the data directory's credentials file and the process environment. */
  public static AuthOptions on() {
    return new AuthOptions(true, null, System.getenv());
  }

  /** Signatures checked against this file (null: the data directory's) and these variables. */
  public static AuthOptions on(Path credentialsFile, Map<String, String> environment) {
    return new AuthOptions(true, credentialsFile, environment);
  }

  /**
   * The access control this asks for, logged either way; IllegalArgumentException if it is on
   * without a single credential (or the file is malformed), so a server never runs open by mistake.
   */
  AccessControl accessControl(Path dataDir, Clock clock) {
    if (!enabled) {
      log.info("authentication: off (--auth not given): requests are not checked, any signature or"
          + " none is accepted");
      return AccessControl.off();
    }
    Path file = credentialsFile != null ? credentialsFile
        : dataDir == null ? null : dataDir.resolve(CredentialStore.FILE_NAME);
    CredentialStore store = CredentialStore.load(file, environment);
    if (store.isEmpty()) {
      throw new IllegalArgumentException("--auth needs credentials: write " + (file == null
          ? "a credentials file (--credentials)" : file) + " or set AWS_ACCESS_KEY_ID and"
          + " AWS_SECRET_ACCESS_KEY (or RIVULET_CREDENTIALS=keyId:secret,...)");
    }
    warnIfReadableByOthers(file);
    log.info("authentication: on (AWS Signature Version 4, IAM-style policies): {}", store.description());
    return AccessControl.of(store, clock);
  }

  private static void warnIfReadableByOthers(Path file) {
    if (file == null || !Files.exists(file)) {
      return;
    }
    try {
      Set<PosixFilePermission> perms = Files.getPosixFilePermissions(file);
      if (perms.contains(PosixFilePermission.OTHERS_READ) || perms.contains(PosixFilePermission.GROUP_READ)) {
        log.warn("{} holds secret keys but others can read it: chmod 600 it", file);
      }
    } catch (UnsupportedOperationException | IOException e) {
      // not a POSIX file system: nothing to check
    }
  }
}
