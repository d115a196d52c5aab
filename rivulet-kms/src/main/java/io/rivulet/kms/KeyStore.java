package io.rivulet.kms;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The local key store standing in for AWS KMS: keys named as KMS names them (key ids and ARNs,
 * aliases and alias ARNs, per account and region), each with versions of 256-bit material, kept in
 * {@code <data-dir>/kms/keys.json} ({@link KeyStoreFile}; the root of trust of encryption at rest).
 * Keys are created through the KMS API subset (CreateKey), on first use for the AWS managed alias
 * {@code alias/aws/kinesis}, on first use for key ids the operator configured ({@code --kms-key}),
 * and for Rivulet-owned keys (Firehose's {@code AWS_OWNED_CMK}). Every change is written to the
 * file before it is visible.
 *
 * <p>Thread-safe: reads see an immutable snapshot; changes are serialised on this object.
 */
public final class KeyStore {
  private static final Logger log = LoggerFactory.getLogger(KeyStore.class);
  /** The AWS managed key of Kinesis Data Streams. */
  public static final String KINESIS_ALIAS = "alias/aws/kinesis";
  private static final Map<String, String> AWS_MANAGED = Map.of(KINESIS_ALIAS,
      "Default key that protects my Kinesis data when no other key is defined");
  static final String RESERVED_PREFIX = "alias/aws/";

  /** An alias of a key in one account and region. */
  public record Alias(String account, String region, String name, String targetKeyId,
      long createdMillis, long updatedMillis) {
    public String arn() {
      return KeyIds.aliasArn(region, account, name);
    }
  }

  private record State(Map<String, KmsKey> keys, Map<String, Alias> aliases) {}

  private final Path dir;
  private final Clock clock;
  private final byte[] masterKey;
  private final List<KeyIds.Ref> configured;
  private final boolean fresh;
  private volatile State state;

  private KeyStore(Path dir, Clock clock, byte[] masterKey, Collection<String> configuredIds,
      State initial, boolean fresh) {
    this.dir = dir;
    this.clock = clock;
    this.masterKey = masterKey == null ? null : masterKey.clone();
    List<KeyIds.Ref> refs = new ArrayList<>();
    for (String id : configuredIds) {
      try {
        refs.add(KeyIds.parse(id));
      } catch (KmsException e) {
        throw new IllegalArgumentException("--kms-key " + id + ": not a key id, key ARN, alias"
            + " name or alias ARN", e);
      }
    }
    this.configured = List.copyOf(refs);
    this.state = initial;
    this.fresh = fresh;
  }

  /**
   * Opens the store in {@code dir} (null: in memory, gone with the process). With {@code
   * masterKey} (32 bytes) the material is wrapped in the file; a store written without one is
   * wrapped at once. Fails if the file is wrapped and no master key, or another one, is given.
   *
   * @param configuredIds key ids, key ARNs, aliases or alias ARNs created on first use
   */
  public static KeyStore open(Path dir, Clock clock, byte[] masterKey,
      Collection<String> configuredIds) {
    if (masterKey != null && masterKey.length != Envelope.KEY_BYTES) {
      throw new IllegalArgumentException("the KMS master key must be 32 bytes, not "
          + masterKey.length);
    }
    KeyStoreFile.Contents c;
    try {
      c = dir == null ? null : KeyStoreFile.read(dir, masterKey);
    } catch (IOException e) {
      throw new UncheckedIOException(e.getMessage(), e);
    }
    State initial = new State(Map.of(), Map.of());
    if (c != null) {
      Map<String, KmsKey> keys = new LinkedHashMap<>();
      c.keys().forEach(k -> keys.put(k.keyId(), k));
      Map<String, Alias> aliases = new LinkedHashMap<>();
      c.aliases().forEach(a -> aliases.put(aliasKey(a.account(), a.region(), a.name()), a));
      initial = new State(Map.copyOf(keys), Map.copyOf(aliases));
    }
    KeyStore store = new KeyStore(dir, clock, masterKey, configuredIds, initial, c == null);
    if (c != null && masterKey != null && !c.wrapped()) {
      store.save(initial);
      log.info("wrapped the key material of {} with the KMS master key", dir.resolve(KeyStoreFile.NAME));
    }
    return store;
  }

  /** A store kept in memory only. */
  public static KeyStore inMemory(Clock clock) {
    return open(null, clock, null, List.of());
  }

  /** Whether the store's file did not exist when it was opened (a first start, or an upgrade). */
  public boolean fresh() {
    return fresh;
  }

  // ---------------------------------------------------------------- lookups

  /**
   * The key {@code keyId} names for a caller in {@code account} and {@code region} (an ARN names
   * its own), created first if it is the AWS managed {@code alias/aws/kinesis} or an id the
   * operator configured. NotFoundException (or InvalidArnException) otherwise. The key may be
   * disabled: see {@link #requireEnabled}.
   */
  public KmsKey resolve(String keyId, String account, String region) {
    KeyIds.Ref r = KeyIds.parse(keyId);
    String acct = r.accountOr(account);
    String reg = r.regionOr(region);
    KmsKey k = lookup(state, r, acct, reg);
    if (k != null) {
      return k;
    }
    boolean managed = r.alias() && AWS_MANAGED.containsKey(r.name());
    if (!managed && !configured(r, acct, reg)) {
      throw notFound(r, acct, reg);
    }
    return create(r, acct, reg, managed ? AWS_MANAGED.get(r.name())
        : "Configured by the operator (--kms-key " + keyId + ")",
        managed ? KmsKey.AWS : KmsKey.CUSTOMER);
  }

  /**
   * The key {@code keyId} names, created as a customer managed key with exactly that name if there
   * is none: for KeyIds that streams were encrypted under before the key store existed (they were
   * accepted unchecked then).
   */
  public KmsKey adopt(String keyId, String account, String region) {
    KeyIds.Ref r = KeyIds.parse(keyId);
    String acct = r.accountOr(account);
    String reg = r.regionOr(region);
    KmsKey k = lookup(state, r, acct, reg);
    return k != null ? k : create(r, acct, reg, "Adopted: " + keyId + " was in use before the"
        + " key store existed", r.alias() && AWS_MANAGED.containsKey(r.name()) ? KmsKey.AWS
        : KmsKey.CUSTOMER);
  }

  /** Creates the key (and alias) {@code r} names, unless another thread just did. */
  private synchronized KmsKey create(KeyIds.Ref r, String acct, String reg, String description,
      String manager) {
    KmsKey again = lookup(state, r, acct, reg);
    if (again != null) {
      return again;
    }
    if (!r.alias() && state.keys().containsKey(r.name())) {
      throw notFound(r, acct, reg); // that id is taken in another account or region
    }
    String id = r.alias() ? UUID.randomUUID().toString() : r.name();
    KmsKey created = newKey(id, acct, reg, description, manager, null);
    long now = clock.millis();
    change(s -> r.alias() ? withAlias(withKey(s, created),
        new Alias(acct, reg, r.name(), id, now, now)) : withKey(s, created));
    log.info("created KMS key {}{} on first use", created.arn(),
        r.alias() ? " (" + r.name() + ")" : "");
    return created;
  }

  /** The key with this id in any account (a wrapped data key names it so), or null. */
  public KmsKey byId(String keyId) {
    return state.keys().get(keyId);
  }

  /** The Rivulet-owned key named {@code owner}, created on first use; never listed. */
  public KmsKey owned(String owner) {
    KmsKey k = findOwned(state, owner);
    if (k != null) {
      return k;
    }
    synchronized (this) {
      KmsKey again = findOwned(state, owner);
      if (again != null) {
        return again;
      }
      KmsKey created = newKey(UUID.randomUUID().toString(), "rivulet", "local",
          "Rivulet-owned key of " + owner, KmsKey.OWNED, owner);
      change(s -> withKey(s, created));
      return created;
    }
  }

  /** The key, or DisabledException if it is disabled. */
  public static KmsKey requireEnabled(KmsKey k) {
    if (!k.enabled()) {
      throw KmsError.DISABLED.with(k.arn() + " is disabled.");
    }
    return k;
  }

  /** The keys of an account and region (customer and AWS managed), by creation. */
  public List<KmsKey> keys(String account, String region) {
    List<KmsKey> out = new ArrayList<>();
    for (KmsKey k : state.keys().values()) {
      if (!k.manager().equals(KmsKey.OWNED) && k.account().equals(account)
          && k.region().equals(region)) {
        out.add(k);
      }
    }
    out.sort(Comparator.comparingLong(KmsKey::createdMillis).thenComparing(KmsKey::keyId));
    return out;
  }

  /** The aliases of an account and region, by name. */
  public List<Alias> aliases(String account, String region) {
    List<Alias> out = new ArrayList<>();
    for (Alias a : state.aliases().values()) {
      if (a.account().equals(account) && a.region().equals(region)) {
        out.add(a);
      }
    }
    out.sort(Comparator.comparing(Alias::name));
    return out;
  }

  // ---------------------------------------------------------------- changes

  /** CreateKey: a new customer managed symmetric key with one version. */
  public KmsKey createKey(String account, String region, String description) {
    KmsKey k = newKey(UUID.randomUUID().toString(), account, region,
        description == null ? "" : description, KmsKey.CUSTOMER, null);
    synchronized (this) {
      change(s -> withKey(s, k));
    }
    return k;
  }

  /** CreateAlias: {@code name} for a customer managed key of the caller's account and region. */
  public synchronized void createAlias(String account, String region, String name,
      String targetKeyId) {
    checkAliasName(name);
    KmsKey target = customerKey(targetKeyId, account, region);
    if (state.aliases().containsKey(aliasKey(account, region, name))) {
      throw KmsError.ALREADY_EXISTS.with("An alias with the name "
          + KeyIds.aliasArn(region, account, name) + " already exists");
    }
    long now = clock.millis();
    change(s -> withAlias(s, new Alias(account, region, name, target.keyId(), now, now)));
  }

  /** DeleteAlias. */
  public synchronized void deleteAlias(String account, String region, String name) {
    checkAliasName(name);
    String k = aliasKey(account, region, name);
    if (!state.aliases().containsKey(k)) {
      throw KmsError.NOT_FOUND.with("Alias " + KeyIds.aliasArn(region, account, name)
          + " is not found.");
    }
    change(s -> {
      Map<String, Alias> aliases = new LinkedHashMap<>(s.aliases());
      aliases.remove(k);
      return new State(s.keys(), Map.copyOf(aliases));
    });
  }

  /** RotateKeyOnDemand: a new current version of a customer managed key; old ones stay. */
  public synchronized KmsKey rotate(String keyId, String account, String region) {
    KmsKey k = requireEnabled(customerKey(keyId, account, region));
    long now = clock.millis();
    KmsKey rotated = k.withVersion(new KmsKey.Version(k.versions().size() + 1, now,
        Aead.random(Envelope.KEY_BYTES), materialId(), "ON_DEMAND"));
    change(s -> withKey(s, rotated));
    log.info("rotated KMS key {}: version {} is current", k.arn(), rotated.current().number());
    return rotated;
  }

  /** EnableKey / DisableKey of a customer managed key. */
  public synchronized KmsKey setEnabled(String keyId, String account, String region, boolean on) {
    KmsKey k = customerKey(keyId, account, region);
    KmsKey changed = k.withEnabled(on);
    change(s -> withKey(s, changed));
    return changed;
  }

  // ---------------------------------------------------------------- internals

  private KmsKey customerKey(String keyId, String account, String region) {
    KeyIds.Ref r = KeyIds.parse(keyId);
    KmsKey k = resolve(keyId, account, region);
    if (!k.manager().equals(KmsKey.CUSTOMER)) {
      throw KmsError.UNSUPPORTED_OPERATION.with(k.arn() + " is an AWS managed key: it cannot be"
          + " changed" + (r.alias() ? " or aliased" : ""));
    }
    return k;
  }

  private static void checkAliasName(String name) {
    if (!name.startsWith("alias/") || !KeyIds.ALIAS.matcher(name).matches()) {
      throw KmsError.INVALID_ALIAS_NAME.with("Alias must start with the prefix \"alias/\" and"
          + " contain only alphanumeric characters, '/', '_' or '-'");
    }
    if (name.startsWith(RESERVED_PREFIX)) {
      throw KmsError.INVALID_ALIAS_NAME.with("Alias cannot begin with \"alias/aws/\": that prefix"
          + " is reserved for AWS managed keys");
    }
  }

  private boolean configured(KeyIds.Ref r, String account, String region) {
    for (KeyIds.Ref c : configured) {
      if (c.alias() == r.alias() && c.name().equals(r.name())
          && (c.account() == null || c.account().equals(account))
          && (c.region() == null || c.region().equals(region))) {
        return true;
      }
    }
    return false;
  }

  private static KmsKey lookup(State s, KeyIds.Ref r, String account, String region) {
    String id = r.name();
    if (r.alias()) {
      Alias a = s.aliases().get(aliasKey(account, region, r.name()));
      if (a == null) {
        return null;
      }
      id = a.targetKeyId();
    }
    KmsKey k = s.keys().get(id);
    return k != null && !k.manager().equals(KmsKey.OWNED) && k.account().equals(account)
        && k.region().equals(region) ? k : null;
  }

  private static KmsKey findOwned(State s, String owner) {
    for (KmsKey k : s.keys().values()) {
      if (owner.equals(k.owner()) && k.manager().equals(KmsKey.OWNED)) {
        return k;
      }
    }
    return null;
  }

  private static KmsException notFound(KeyIds.Ref r, String account, String region) {
    return r.alias()
        ? KmsError.NOT_FOUND.with("Alias " + KeyIds.aliasArn(region, account, r.name())
            + " is not found.")
        : KmsError.NOT_FOUND.with("Key '" + KeyIds.keyArn(region, account, r.name())
            + "' does not exist");
  }

  private KmsKey newKey(String id, String account, String region, String description,
      String manager, String owner) {
    long now = clock.millis();
    return new KmsKey(id, account, region, description, manager, true, now,
        List.of(new KmsKey.Version(1, now, Aead.random(Envelope.KEY_BYTES), materialId(), null)),
        owner);
  }

  private static String materialId() {
    return HexFormat.of().formatHex(Aead.random(32));
  }

  private static String aliasKey(String account, String region, String name) {
    return account + "|" + region + "|" + name;
  }

  private static State withKey(State s, KmsKey k) {
    Map<String, KmsKey> keys = new LinkedHashMap<>(s.keys());
    keys.put(k.keyId(), k);
    return new State(Map.copyOf(keys), s.aliases());
  }

  private static State withAlias(State s, Alias a) {
    Map<String, Alias> aliases = new LinkedHashMap<>(s.aliases());
    aliases.put(aliasKey(a.account(), a.region(), a.name()), a);
    return new State(s.keys(), Map.copyOf(aliases));
  }

  /** Applies a change: written to the file first, then visible. Callers hold this object's lock. */
  private void change(UnaryOperator<State> f) {
    State next = f.apply(state);
    save(next);
    state = next;
  }

  private void save(State s) {
    if (dir == null) {
      return;
    }
    List<KmsKey> keys = new ArrayList<>(s.keys().values());
    keys.sort(Comparator.comparingLong(KmsKey::createdMillis).thenComparing(KmsKey::keyId));
    List<Alias> aliases = new ArrayList<>(s.aliases().values());
    aliases.sort(Comparator.comparing(Alias::account).thenComparing(Alias::region)
        .thenComparing(Alias::name));
    try {
      KeyStoreFile.write(dir, keys, aliases, masterKey);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the key store " + dir.resolve(KeyStoreFile.NAME), e);
    }
  }
}
