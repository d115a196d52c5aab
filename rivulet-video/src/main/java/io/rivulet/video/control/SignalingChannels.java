package io.rivulet.video.control;

import io.rivulet.video.VideoCall;
import io.rivulet.video.VideoError;
import java.time.Clock;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Signaling channels as records only (create, describe, list, update, delete, tags, media storage
 * configuration), written durably like streams. Rivulet serves no WebRTC signaling, so
 * GetSignalingChannelEndpoint has nothing to point at. Thread-safe (one lock).
 */
public final class SignalingChannels {
  static final String KIND = "channel";
  /** AWS's default message TTL. */
  public static final int DEFAULT_TTL_SECONDS = 60;
  private static final Pattern CHANNEL_ARN = Pattern.compile(
      "arn:[a-z\\d-]+:kinesisvideo:([a-z0-9-]+):([0-9]+):channel/([a-zA-Z0-9_.-]+)/([0-9]+)");

  private final VideoConfig config;
  private final Clock clock;
  private final MetaFiles files;
  private final Map<String, ChannelMeta> channels = new HashMap<>(); // guarded by this

  /** Loads the channels kept under {@code metaDir} (null: in memory). */
  public SignalingChannels(VideoConfig config, Clock clock, Path metaDir) {
    this.config = config;
    this.clock = clock;
    this.files = new MetaFiles(metaDir);
    for (ChannelMeta c : files.load(KIND, ChannelMeta.class)) {
      channels.put(key(c.account(), c.region(), c.name()), c);
    }
  }

  private static String key(String account, String region, String name) {
    return account + '/' + region + '/' + name;
  }

  public long clockMillis() {
    return clock.millis();
  }

  /** Whether an ARN has a channel's form. */
  public static boolean isChannelArn(String arn) {
    return CHANNEL_ARN.matcher(arn).matches();
  }

  /** A new channel (CREATING for the create delay). */
  public synchronized ChannelMeta create(VideoCall call, String name, String type, Integer ttl,
      Map<String, String> tags) {
    String k = key(call.accountId(), call.region(), name);
    if (channels.containsKey(k)) {
      throw VideoError.RESOURCE_IN_USE.with("The signaling channel " + name + " already exists.");
    }
    if (list(call.accountId(), call.region()).size() >= config.channelLimit()) {
      throw VideoError.ACCOUNT_CHANNEL_LIMIT_EXCEEDED.with("Account " + call.accountId()
          + " already has " + config.channelLimit() + " signaling channels in " + call.region() + ".");
    }
    long now = clock.millis();
    long until = now + config.createDelay().toMillis();
    ChannelMeta c = new ChannelMeta(call.accountId(), call.region(), name,
        "arn:aws:kinesisvideo:" + call.region() + ":" + call.accountId() + ":channel/" + name + "/"
            + now, type == null ? "SINGLE_MASTER" : type, ttl == null ? DEFAULT_TTL_SECONDS : ttl,
        VideoStreams.newVersion(), now, tags, null, false, until > now ? "CREATING" : null, until);
    files.write(c.account(), c.region(), KIND, c.name(), c);
    channels.put(k, c);
    return c;
  }

  /** The channel a request names by ChannelName and/or ChannelARN; ResourceNotFoundException. */
  public synchronized ChannelMeta channel(VideoCall call, String name, String arn) {
    if (name == null && arn == null) {
      throw VideoError.INVALID_ARGUMENT.with("Either ChannelName or ChannelARN must be specified.");
    }
    ChannelMeta c = null;
    if (arn != null) {
      Matcher m = CHANNEL_ARN.matcher(arn);
      if (m.matches() && m.group(1).equals(call.region()) && m.group(2).equals(call.accountId())) {
        c = channels.get(key(call.accountId(), call.region(), m.group(3)));
        c = c != null && c.arn().equals(arn) && (name == null || name.equals(c.name())) ? c : null;
      }
    } else {
      c = channels.get(key(call.accountId(), call.region(), name));
    }
    if (c == null) {
      throw VideoError.RESOURCE_NOT_FOUND.with("The signaling channel " + (arn != null ? arn : name)
          + " does not exist in account " + call.accountId() + " and region " + call.region() + ".");
    }
    return c;
  }

  /** The account's channels in the region, by name. */
  public synchronized List<ChannelMeta> list(String account, String region) {
    String prefix = account + '/' + region + '/';
    List<ChannelMeta> out = new ArrayList<>();
    channels.forEach((k, c) -> {
      if (k.startsWith(prefix)) {
        out.add(c);
      }
    });
    out.sort(Comparator.comparing(ChannelMeta::name));
    return out;
  }

  /** Every channel of every account and region. */
  public synchronized List<ChannelMeta> all() {
    List<ChannelMeta> out = new ArrayList<>(channels.values());
    out.sort(Comparator.comparing(ChannelMeta::arn));
    return out;
  }

  /** Applies a change to a channel and writes it durably. */
  public synchronized ChannelMeta change(VideoCall call, String name, String arn,
      UnaryOperator<ChannelMeta> change) {
    ChannelMeta c = channel(call, name, arn);
    ChannelMeta next = change.apply(c);
    if (next != c) {
      files.write(next.account(), next.region(), KIND, next.name(), next);
      channels.put(key(next.account(), next.region(), next.name()), next);
    }
    return next;
  }

  /** VersionMismatchException unless {@code given} (when given) is the channel's version. */
  public static void checkVersion(ChannelMeta c, String given) {
    if (given != null && !given.equals(c.version())) {
      throw VideoError.VERSION_MISMATCH.with("The channel version " + given
          + " is not the current version of channel " + c.name() + ".");
    }
  }

  public long updatingUntil() {
    return clock.millis() + config.updateDelay().toMillis();
  }

  /** Deletes a channel by ARN (gone at once). */
  public synchronized void delete(VideoCall call, String arn, String currentVersion) {
    ChannelMeta c = channel(call, null, arn);
    checkVersion(c, currentVersion);
    files.delete(c.account(), c.region(), KIND, c.name());
    channels.remove(key(c.account(), c.region(), c.name()));
  }
}
