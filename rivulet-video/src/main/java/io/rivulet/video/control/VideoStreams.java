package io.rivulet.video.control;

import io.rivulet.video.VideoCall;
import io.rivulet.video.VideoError;
import io.rivulet.video.VideoStreamCatalog;
import io.rivulet.video.store.FragmentStore;
import java.io.IOException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The video streams of every account and region: created, resolved by name or ARN, changed
 * (each change a new Version, written durably before the call returns) and deleted; the {@link
 * VideoStreamCatalog} ingest, playback and processors read. Statuses follow the clock: CREATING
 * and UPDATING for {@link VideoConfig}'s delays, DELETING until the delete delay has passed, then
 * gone. Deleting a stream drops its fragments from the {@link FragmentStore} at once. A restart
 * finds every stream ACTIVE (or gone if it was being deleted). Thread-safe (one lock).
 */
public final class VideoStreams implements VideoStreamCatalog {
  private static final Logger log = LoggerFactory.getLogger(VideoStreams.class);
  /** AWS's longest retention: ten years. */
  public static final int MAX_RETENTION_HOURS = 87_600;
  /** Tags per stream (and per channel). */
  public static final int MAX_TAGS = 50;
  static final String KIND = "stream";
  private static final Pattern STREAM_ARN = Pattern.compile(
      "arn:([a-z\\d-]+):kinesisvideo:([a-z0-9-]+):([0-9]+):stream/([a-zA-Z0-9_.-]+)/([0-9]+)");
  private static final Pattern REGION = Pattern.compile("[a-z0-9-]+");
  private static final char[] VERSION_CHARS =
      "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789".toCharArray();
  private static final SecureRandom RANDOM = new SecureRandom();

  private final VideoConfig config;
  private final Clock clock;
  private final MetaFiles files;
  private final FragmentStore store; // null: none wired
  private final Map<String, StreamMeta> streams = new HashMap<>(); // guarded by this; key(account, region, name)

  /**
   * Loads the streams kept under {@code metaDir} (null: in memory only).
   *
   * @param store the fragments DeleteStream drops (null: none wired)
   */
  public VideoStreams(VideoConfig config, Clock clock, Path metaDir, FragmentStore store) {
    this.config = config;
    this.clock = clock;
    this.files = new MetaFiles(metaDir);
    this.store = store;
    for (StreamMeta m : files.load(KIND, StreamMeta.class)) {
      if (m.deletingUntilMillis() > 0) {
        files.delete(m.account(), m.region(), KIND, m.name());
        continue;
      }
      streams.put(key(m.account(), m.region(), m.name()), m);
    }
    if (!streams.isEmpty()) {
      log.info("video: {} stream(s) loaded", streams.size());
    }
  }

  private static String key(String account, String region, String name) {
    return account + '/' + region + '/' + name;
  }

  /** The clock's time in epoch millis (statuses are computed against it). */
  public long clockMillis() {
    return clock.millis();
  }

  /** A new random version string. */
  public static String newVersion() {
    char[] c = new char[20];
    for (int i = 0; i < c.length; i++) {
      c[i] = VERSION_CHARS[RANDOM.nextInt(VERSION_CHARS.length)];
    }
    return new String(c);
  }

  /** The parts of a stream ARN, or null if it is not one. */
  public static Matcher parseArn(String arn) {
    Matcher m = STREAM_ARN.matcher(arn);
    return m.matches() ? m : null;
  }

  // ------------------------------------------------------------------ contract

  @Override
  public synchronized Optional<Stream> find(String account, String region, String streamName,
      String streamArn) {
    StreamMeta m = lookupLocked(account, region, streamName, streamArn);
    return m == null ? Optional.empty() : Optional.of(m.view(clockMillis()));
  }

  /**
   * The DataRetentionInHours of the stream with this ARN, in any account and region; empty if no
   * such stream exists (deleted, or re-created under a new ARN).
   */
  public synchronized OptionalInt retentionHours(String streamArn) {
    Matcher a = parseArn(streamArn);
    StreamMeta m = a == null ? null : lookupLocked(a.group(3), a.group(2), null, streamArn);
    return m == null ? OptionalInt.empty() : OptionalInt.of(m.dataRetentionInHours());
  }

  // ------------------------------------------------------------------ control plane

  /** Creates a stream (CREATING for the create delay); its ARN names the creation time. */
  public synchronized StreamMeta create(VideoCall call, String name, String deviceName,
      String mediaType, String kmsKeyId, int retentionHours, Map<String, String> tags,
      String storageTier) {
    if (!REGION.matcher(call.region()).matches()) {
      throw VideoError.INVALID_ARGUMENT.with("Invalid region in the credential scope: " + call.region());
    }
    checkRetention(retentionHours);
    String k = key(call.accountId(), call.region(), name);
    StreamMeta existing = liveLocked(k);
    if (existing != null) {
      throw VideoError.RESOURCE_IN_USE.with("The stream " + name + " already exists.");
    }
    if (countLocked(call.accountId(), call.region()) >= config.streamLimit()) {
      throw VideoError.ACCOUNT_STREAM_LIMIT_EXCEEDED.with("Account " + call.accountId()
          + " already has " + config.streamLimit() + " streams in " + call.region() + ".");
    }
    long now = clockMillis();
    String arn = "arn:aws:kinesisvideo:" + call.region() + ":" + call.accountId() + ":stream/"
        + name + "/" + now;
    long until = now + config.createDelay().toMillis();
    StreamMeta m = new StreamMeta(call.accountId(), call.region(), name, arn, deviceName,
        mediaType, kmsKeyId, newVersion(), now, retentionHours, tags, storageTier, null, null,
        null, 0, until > now ? "CREATING" : null, until, 0);
    files.write(m.account(), m.region(), KIND, m.name(), m);
    streams.put(k, m);
    log.info("video stream {} created ({} h retention)", arn, retentionHours);
    return m;
  }

  public static void checkRetention(long hours) {
    if (hours < 0 || hours > MAX_RETENTION_HOURS) {
      throw VideoError.INVALID_ARGUMENT.with("DataRetentionInHours must be between 0 and "
          + MAX_RETENTION_HOURS + " hours, not " + hours + ".");
    }
  }

  /** The stream a request names by StreamName and/or StreamARN (deleted ones included until gone). */
  public synchronized StreamMeta stream(VideoCall call, String name, String arn) {
    if (name == null && arn == null) {
      throw VideoError.INVALID_ARGUMENT.with("Either StreamName or StreamARN must be specified.");
    }
    StreamMeta m = lookupLocked(call.accountId(), call.region(), name, arn);
    if (m == null || (name != null && arn != null && !m.name().equals(name))) {
      throw notFound(name != null ? name : arn, call);
    }
    return m;
  }

  public static RuntimeException notFound(String what, VideoCall call) {
    return VideoError.RESOURCE_NOT_FOUND.with("The stream " + what + " does not exist in account "
        + call.accountId() + " and region " + call.region() + ".");
  }

  private StreamMeta lookupLocked(String account, String region, String name, String arn) {
    if (arn != null) {
      Matcher a = parseArn(arn);
      if (a == null || !a.group(2).equals(region) || !a.group(3).equals(account)) {
        return null;
      }
      StreamMeta m = liveLocked(key(account, region, a.group(4)));
      return m != null && m.arn().equals(arn) ? m : null;
    }
    return name == null ? null : liveLocked(key(account, region, name));
  }

  /** The stream under this key unless it is gone (then it is dropped). */
  private StreamMeta liveLocked(String k) {
    StreamMeta m = streams.get(k);
    if (m != null && m.goneAt(clockMillis())) {
      streams.remove(k);
      return null;
    }
    return m;
  }

  private int countLocked(String account, String region) {
    return listLocked(account, region).size();
  }

  /** The account's streams in the region, by name. */
  public synchronized List<StreamMeta> list(String account, String region) {
    return listLocked(account, region);
  }

  private List<StreamMeta> listLocked(String account, String region) {
    String prefix = account + '/' + region + '/';
    List<StreamMeta> out = new ArrayList<>();
    for (String k : new ArrayList<>(streams.keySet())) {
      if (k.startsWith(prefix)) {
        StreamMeta m = liveLocked(k);
        if (m != null) {
          out.add(m);
        }
      }
    }
    out.sort(Comparator.comparing(StreamMeta::name));
    return out;
  }

  /** Every stream of every account and region (console, metrics), by ARN. */
  public synchronized List<StreamMeta> all() {
    List<StreamMeta> out = new ArrayList<>();
    for (String k : new ArrayList<>(streams.keySet())) {
      StreamMeta m = liveLocked(k);
      if (m != null) {
        out.add(m);
      }
    }
    out.sort(Comparator.comparing(StreamMeta::arn));
    return out;
  }

  /**
   * Applies a change to the stream a request names and writes it durably. With {@code
   * needsActive} a stream that is not ACTIVE is ResourceInUseException; a DELETING one always is.
   */
  public synchronized StreamMeta change(VideoCall call, String name, String arn, boolean needsActive,
      UnaryOperator<StreamMeta> change) {
    StreamMeta m = stream(call, name, arn);
    String status = m.status(clockMillis());
    if ("DELETING".equals(status) || (needsActive && !"ACTIVE".equals(status))) {
      throw VideoError.RESOURCE_IN_USE.with("The stream " + m.name() + " is " + status
          + "; try again when it is ACTIVE.");
    }
    StreamMeta next = change.apply(m);
    if (next != m) {
      files.write(next.account(), next.region(), KIND, next.name(), next);
      streams.put(key(next.account(), next.region(), next.name()), next);
    }
    return next;
  }

  /** VersionMismatchException unless {@code given} (when given) is the stream's version. */
  public static void checkVersion(StreamMeta m, String given) {
    if (given != null && !given.equals(m.version())) {
      throw VideoError.VERSION_MISMATCH.with("The stream version " + given
          + " is not the current version of stream " + m.name() + ".");
    }
  }

  /** The delay an update keeps a stream UPDATING, as an instant in millis. */
  public long updatingUntil() {
    return clockMillis() + config.updateDelay().toMillis();
  }

  /**
   * Deletes a stream: DELETING for the delete delay, then gone; its record is removed and its
   * fragments dropped now.
   */
  public synchronized void delete(VideoCall call, String arn, String currentVersion) {
    StreamMeta m = stream(call, null, arn);
    if (m.deletingUntilMillis() > 0) {
      throw VideoError.RESOURCE_IN_USE.with("The stream " + m.name() + " is already being deleted.");
    }
    checkVersion(m, currentVersion);
    files.delete(m.account(), m.region(), KIND, m.name());
    long until = clockMillis() + config.deleteDelay().toMillis();
    StreamMeta gone = m.deleting(until);
    streams.put(key(m.account(), m.region(), m.name()), gone);
    liveLocked(key(m.account(), m.region(), m.name()));
    if (store != null) {
      try {
        store.deleteStream(m.arn());
      } catch (IOException e) {
        log.warn("video stream {} deleted, but its fragments could not all be removed", m.arn(), e);
      }
    }
    log.info("video stream {} deleted", m.arn());
  }
}
