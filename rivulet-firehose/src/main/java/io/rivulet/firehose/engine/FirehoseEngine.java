package io.rivulet.firehose.engine;

import io.rivulet.firehose.FirehoseError;
import io.rivulet.kms.Envelope;
import io.rivulet.kms.KeyStore;
import io.rivulet.kms.KmsKey;
import io.rivulet.log.LogManager;
import java.io.Closeable;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Firehose control plane and the delivery streams at work: every change is persisted through
 * the {@link MetadataStore} before it is published; each delivery stream has a {@link
 * DeliveryRuntime} (its buffer and delivery thread) from creation until it is deleted.
 *
 * <p>Thread-safe: control-plane changes are serialised on one lock (methods named {@code …Locked}
 * need it held); published delivery streams are read lock-free.
 */
public final class FirehoseEngine implements Closeable {
  private static final Logger log = LoggerFactory.getLogger(FirehoseEngine.class);
  public static final int MAX_TAGS = 50;
  public static final int MAX_ENCRYPTION_CALLS_PER_DAY = 25;

  private final FirehoseConfig config;
  private final Clock clock;
  private final LogManager logs;
  private final MetadataStore store;
  private final Destinations destinations;
  private final SourceFactory sources;
  private final Envelope envelope;
  private final ScheduledExecutorService scheduler;
  private final Object lock = new Object();
  private final ConcurrentHashMap<DeliveryStreamKey, DeliveryRuntime> streams =
      new ConcurrentHashMap<>();
  private final ConcurrentHashMap<DeliveryStreamKey, SourceFactory.Reader> readers =
      new ConcurrentHashMap<>();
  private final ConcurrentHashMap<DeliveryStreamKey, Throttle> throttles =
      new ConcurrentHashMap<>();

  /** With a key store of this process only for server-side encryption. */
  public FirehoseEngine(FirehoseConfig config, Clock clock, LogManager logs, MetadataStore store,
      Destinations destinations, SourceFactory sources) {
    this(config, clock, logs, store, destinations, sources,
        new Envelope(KeyStore.inMemory(clock)));
  }

  /** @param envelope server-side encryption of the buffers under keys of the local key store */
  public FirehoseEngine(FirehoseConfig config, Clock clock, LogManager logs, MetadataStore store,
      Destinations destinations, SourceFactory sources, Envelope envelope) {
    this.envelope = envelope;
    this.config = config;
    this.clock = clock;
    this.logs = logs;
    this.store = store;
    this.destinations = destinations;
    this.sources = sources;
    this.scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "rivulet-firehose-control");
      t.setDaemon(true);
      return t;
    });
    recover();
  }

  public Clock clock() {
    return clock;
  }

  public FirehoseConfig config() {
    return config;
  }

  public Destinations destinations() {
    return destinations;
  }

  private void recover() {
    synchronized (lock) {
      for (DeliveryStreamMeta meta : store.load()) {
        DeliveryRuntime r = new DeliveryRuntime(meta, logs.open(meta.logName()), clock,
            config.pollInterval(), store, destinations, envelope);
        streams.put(meta.key(), r);
        switch (meta.status()) {
          case DeliveryStreamMeta.CREATING -> scheduleActivation(meta);
          case DeliveryStreamMeta.DELETING -> scheduleRemoval(meta);
          default -> startReader(meta, r);
        }
        if (meta.encryption().changing()) {
          scheduleEncryption(meta.key(), meta.encryption());
        }
        if (!meta.status().equals(DeliveryStreamMeta.DELETING)) {
          r.start();
        }
      }
      log.info("recovered {} delivery stream(s)", streams.size());
    }
  }

  // ---------------------------------------------------------------- lookups

  /** The delivery stream in any status, or ResourceNotFoundException. */
  public DeliveryStreamMeta describe(DeliveryStreamKey key) {
    return runtime(key).meta();
  }

  DeliveryRuntime runtime(DeliveryStreamKey key) {
    DeliveryRuntime r = streams.get(key);
    if (r == null) {
      throw notFound(key);
    }
    return r;
  }

  static RuntimeException notFound(DeliveryStreamKey key) {
    return FirehoseError.RESOURCE_NOT_FOUND.with(
        "Firehose " + key.name() + " under account " + key.account() + " not found.");
  }

  /** Delivery streams of one account and region, sorted by name. */
  public List<DeliveryStreamMeta> list(String account, String region) {
    List<DeliveryStreamMeta> out = new ArrayList<>();
    for (DeliveryRuntime r : streams.values()) {
      DeliveryStreamMeta m = r.meta();
      if (m.account().equals(account) && m.region().equals(region)) {
        out.add(m);
      }
    }
    out.sort(Comparator.comparing(DeliveryStreamMeta::name));
    return out;
  }

  /**
   * One delivery stream as metrics see it; {@code source} is what its Kinesis stream reader has
   * read (null for DirectPut).
   */
  public record View(DeliveryStreamMeta meta, DeliveryStats stats, long undeliveredBytes,
      long oldestUndeliveredMillis, SourceFactory.Reader.Stats source) {}

  /** Every delivery stream that is not being deleted, for metrics. */
  public List<View> views() {
    List<View> out = new ArrayList<>();
    for (DeliveryRuntime r : streams.values()) {
      if (!r.meta().status().equals(DeliveryStreamMeta.DELETING)) {
        out.add(new View(r.meta(), r.stats(), r.buffer().undeliveredBytes(),
            r.oldestUndeliveredMillis(), sourceStats(r.meta().key())));
      }
    }
    return out;
  }

  /** The delivered position of a delivery stream's buffer (tests, diagnostics). */
  public DeliveryCheckpoint checkpoint(DeliveryStreamKey key) {
    return runtime(key).checkpoint();
  }

  // ---------------------------------------------------------------- create and delete

  /**
   * Creates a delivery stream from its first state ({@code meta}'s status and timestamps are set
   * here): CREATING for the create delay, then ACTIVE.
   */
  public DeliveryStreamMeta create(DeliveryStreamMeta requested) {
    synchronized (lock) {
      DeliveryStreamKey key = requested.key();
      if (streams.containsKey(key)) {
        throw FirehoseError.RESOURCE_IN_USE.with("Firehose " + key.name() + " under accountId "
            + key.account() + " already exists");
      }
      if (list(key.account(), key.region()).size() >= config.streamLimit()) {
        throw FirehoseError.LIMIT_EXCEEDED.with("You have already consumed your firehose quota of "
            + config.streamLimit() + " hoses in " + key.region() + ".");
      }
      if (Encryption.ENABLING.equals(requested.encryption().status())) {
        encryptionKey(requested.encryption(), key);
      }
      boolean immediate = config.createDelay().isZero();
      long now = clock.millis();
      DeliveryStreamMeta meta = new DeliveryStreamMeta(key.account(), key.region(), key.name(),
          now, immediate ? DeliveryStreamMeta.ACTIVE : DeliveryStreamMeta.CREATING,
          requested.type(), 1, null, requested.source(), requested.destinationType(),
          requested.destination(), requested.tags(), immediate
              ? requested.encryption().withStatus(settled(requested.encryption().status()))
              : requested.encryption(), List.of());
      DeliveryRuntime r = new DeliveryRuntime(meta, logs.open(meta.logName()), clock,
          config.pollInterval(), store, destinations, envelope);
      publishLocked(meta, r);
      r.start();
      log.info("created delivery stream {} ({} to {})", meta.arn(), meta.type(),
          meta.destinationType());
      if (immediate) {
        startReader(meta, r);
      } else {
        scheduleActivation(meta);
      }
      return meta;
    }
  }

  /** ENABLING becomes ENABLED and DISABLING DISABLED; anything else stays. */
  private static String settled(String status) {
    return switch (status) {
      case Encryption.ENABLING -> Encryption.ENABLED;
      case Encryption.DISABLING -> Encryption.DISABLED;
      default -> status;
    };
  }

  private void scheduleActivation(DeliveryStreamMeta meta) {
    scheduler.schedule(() -> {
      synchronized (lock) {
        DeliveryRuntime r = streams.get(meta.key());
        if (r != null && r.meta().createdMillis() == meta.createdMillis()
            && r.meta().status().equals(DeliveryStreamMeta.CREATING)) {
          DeliveryStreamMeta m = r.meta();
          DeliveryStreamMeta active = m.withStatus(DeliveryStreamMeta.ACTIVE)
              .withEncryption(m.encryption().withStatus(settled(m.encryption().status())));
          publishLocked(active, r);
          startReader(active, r);
        }
      }
    }, config.createDelay().toMillis(), TimeUnit.MILLISECONDS);
  }

  private void startReader(DeliveryStreamMeta meta, DeliveryRuntime r) {
    if (meta.type().equals(DeliveryStreamMeta.KINESIS_SOURCE)) {
      readers.put(meta.key(), sources.start(meta, r.buffer()));
    }
  }

  private void stopReader(DeliveryStreamKey key) {
    SourceFactory.Reader reader = readers.remove(key);
    if (reader != null) {
      try {
        reader.close();
      } catch (RuntimeException e) {
        log.warn("stopping the source reader of {} failed", key.arn(), e);
      }
    }
  }

  /** What the Kinesis stream reader of a KinesisStreamAsSource delivery stream has read, or null. */
  public SourceFactory.Reader.Stats sourceStats(DeliveryStreamKey key) {
    SourceFactory.Reader reader = readers.get(key);
    return reader == null ? null : reader.stats();
  }

  /** The factory of Kinesis stream readers (CreateDeliveryStream validates sources with it). */
  public SourceFactory sources() {
    return sources;
  }

  /**
   * Marks the delivery stream DELETING and stops its delivery; it and its buffer are gone after
   * the delete delay. A CREATING delivery stream cannot be deleted, as on AWS.
   */
  public void delete(DeliveryStreamKey key) {
    synchronized (lock) {
      DeliveryRuntime r = runtime(key);
      DeliveryStreamMeta m = r.meta();
      if (m.status().equals(DeliveryStreamMeta.DELETING)) {
        return;
      }
      if (m.status().equals(DeliveryStreamMeta.CREATING)) {
        throw FirehoseError.RESOURCE_IN_USE.with("Firehose " + key.name() + " under account "
            + key.account() + " is in CREATING state and cannot be deleted yet.");
      }
      DeliveryStreamMeta deleting = m.withStatus(DeliveryStreamMeta.DELETING);
      publishLocked(deleting, r);
      stopReader(key);
      log.info("deleting delivery stream {}", key.arn());
      if (config.deleteDelay().isZero()) {
        removeLocked(deleting);
      } else {
        scheduleRemoval(deleting);
      }
    }
  }

  private void scheduleRemoval(DeliveryStreamMeta meta) {
    scheduler.schedule(() -> {
      synchronized (lock) {
        removeLocked(meta);
      }
    }, config.deleteDelay().toMillis(), TimeUnit.MILLISECONDS);
  }

  private void removeLocked(DeliveryStreamMeta meta) {
    DeliveryRuntime r = streams.get(meta.key());
    if (r == null || r.meta().createdMillis() != meta.createdMillis()) {
      return;
    }
    r.stop();
    List<DeliveryStreamMeta> next = new ArrayList<>();
    for (DeliveryRuntime other : streams.values()) {
      if (!other.meta().key().equals(meta.key())) {
        next.add(other.meta());
      }
    }
    store.save(next);
    streams.remove(meta.key());
    throttles.remove(meta.key());
    r.deleteData();
    if (meta.type().equals(DeliveryStreamMeta.KINESIS_SOURCE)) {
      sources.delete(meta);
    }
    log.info("deleted delivery stream {}", meta.arn());
  }

  // ---------------------------------------------------------------- changes

  /**
   * Applies {@code change} to the delivery stream (any status but DELETING), persisted before it
   * is published; the change may throw an AwsException to refuse. Returns the new state.
   */
  public DeliveryStreamMeta update(DeliveryStreamKey key, UnaryOperator<DeliveryStreamMeta> change) {
    synchronized (lock) {
      DeliveryRuntime r = runtime(key);
      DeliveryStreamMeta m = r.meta();
      if (m.status().equals(DeliveryStreamMeta.DELETING)) {
        throw FirehoseError.RESOURCE_IN_USE.with("Firehose " + key.name() + " under account "
            + key.account() + " is being deleted.");
      }
      DeliveryStreamMeta next = change.apply(m);
      if (!next.equals(m)) {
        publishLocked(next, r);
      }
      return next;
    }
  }

  /**
   * Sets the encryption to {@code target} (ENABLING or DISABLING with its key), settling to
   * ENABLED or DISABLED after the encryption delay, and counts the call against AWS's limit of 25
   * Start/Stop calls per delivery stream per 24 hours.
   */
  public void changeEncryption(DeliveryStreamKey key, Encryption target) {
    synchronized (lock) {
      update(key, m -> {
        if (!m.status().equals(DeliveryStreamMeta.ACTIVE)) {
          throw FirehoseError.RESOURCE_IN_USE.with("Firehose " + key.name() + " under account "
              + key.account() + " is not ACTIVE, instead in state " + m.status() + ".");
        }
        if (m.encryption().changing()) {
          throw FirehoseError.RESOURCE_IN_USE.with("Firehose " + key.name() + " under account "
              + key.account() + " has encryption status " + m.encryption().status()
              + "; retry after it completes.");
        }
        long now = clock.millis();
        if (m.encryptionCallsSince(now) >= MAX_ENCRYPTION_CALLS_PER_DAY) {
          throw FirehoseError.LIMIT_EXCEEDED.with("StartDeliveryStreamEncryption and"
              + " StopDeliveryStreamEncryption are limited to " + MAX_ENCRYPTION_CALLS_PER_DAY
              + " calls per delivery stream per 24 hours.");
        }
        if (Encryption.ENABLING.equals(target.status())) {
          encryptionKey(target, key);
        }
        boolean immediate = config.encryptionDelay().isZero();
        return m.withEncryptionCall(now)
            .withEncryption(immediate ? target.withStatus(settled(target.status())) : target);
      });
      if (!config.encryptionDelay().isZero()) {
        scheduleEncryption(key, target);
      }
    }
  }

  /**
   * The enabled key of the key store an encryption setting names (the Rivulet-owned key for
   * AWS_OWNED_CMK), or InvalidKMSResourceException.
   */
  private KmsKey encryptionKey(Encryption e, DeliveryStreamKey key) {
    return BufferCipher.key(envelope.store(), e, key.account(), key.region());
  }

  private void scheduleEncryption(DeliveryStreamKey key, Encryption target) {
    scheduler.schedule(() -> {
      synchronized (lock) {
        DeliveryRuntime r = streams.get(key);
        if (r != null && r.meta().encryption().equals(target)) {
          DeliveryStreamMeta m = r.meta();
          publishLocked(m.withEncryption(target.withStatus(settled(target.status()))), r);
        }
      }
    }, config.encryptionDelay().toMillis(), TimeUnit.MILLISECONDS);
  }

  private void publishLocked(DeliveryStreamMeta next, DeliveryRuntime r) {
    List<DeliveryStreamMeta> all = new ArrayList<>();
    for (DeliveryRuntime other : streams.values()) {
      if (!other.meta().key().equals(next.key())) {
        all.add(other.meta());
      }
    }
    all.add(next);
    store.save(all);
    streams.put(next.key(), r);
    r.update(next);
  }

  // ---------------------------------------------------------------- records

  /** What a put appended: the records' ids (null for throttled ones) and whether SSE applied. */
  public record PutResult(List<String> recordIds, boolean encrypted) {}

  /**
   * Appends records from PutRecord/PutRecordBatch to an ACTIVE DirectPut delivery stream; the
   * future completes once they are durable. With throttling on, records over the per-second quota
   * get a null id (ServiceUnavailableException for the caller to report).
   */
  public CompletableFuture<PutResult> put(DeliveryStreamKey key, List<byte[]> records) {
    DeliveryRuntime r = runtime(key);
    DeliveryStreamMeta m = r.meta();
    if (!m.status().equals(DeliveryStreamMeta.ACTIVE)) {
      throw notFound(key);
    }
    if (!m.type().equals(DeliveryStreamMeta.DIRECT_PUT)) {
      throw FirehoseError.INVALID_ARGUMENT.with(
          "This operation is not permitted on " + m.type() + " delivery stream type.");
    }
    DeliveryStats stats = r.stats();
    stats.incomingPutRequests.increment();
    int admitted = records.size();
    if (config.throttling()) {
      int[] sizes = new int[records.size()];
      for (int i = 0; i < sizes.length; i++) {
        sizes[i] = records.get(i).length;
      }
      admitted = throttles.computeIfAbsent(key, k -> new Throttle(clock)).admit(sizes);
      stats.throttledRecords.add(records.size() - admitted);
    }
    boolean encrypted = m.encryption().active();
    int n = admitted;
    if (n == 0) {
      return CompletableFuture.completedFuture(new PutResult(nulls(records.size()), encrypted));
    }
    List<byte[]> accepted = records.subList(0, n);
    long bytes = accepted.stream().mapToLong(b -> b.length).sum();
    KmsKey kmsKey = encrypted ? encryptionKey(m.encryption(), key) : null;
    return r.buffer().appendEncrypted(accepted, clock.millis(), kmsKey).thenApply(first -> {
      stats.incomingRecords.add(n);
      stats.incomingBytes.add(bytes);
      List<String> ids = new ArrayList<>(records.size());
      for (int i = 0; i < records.size(); i++) {
        ids.add(i < n ? r.buffer().recordId(first + i) : null);
      }
      return new PutResult(ids, encrypted);
    });
  }

  private static List<String> nulls(int n) {
    List<String> out = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      out.add(null);
    }
    return out;
  }

  /** Stops background work and every delivery thread; the logs are closed by their owner. */
  @Override
  public void close() {
    scheduler.shutdownNow();
    for (DeliveryStreamKey key : List.copyOf(readers.keySet())) {
      stopReader(key);
    }
    for (DeliveryRuntime r : streams.values()) {
      r.stop();
    }
    destinations.close();
  }
}
