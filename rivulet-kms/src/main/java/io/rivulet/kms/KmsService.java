package io.rivulet.kms;

import io.rivulet.kms.ops.CreateAlias;
import io.rivulet.kms.ops.CreateKey;
import io.rivulet.kms.ops.DeleteAlias;
import io.rivulet.kms.ops.DescribeKey;
import io.rivulet.kms.ops.DisableKey;
import io.rivulet.kms.ops.EnableKey;
import io.rivulet.kms.ops.KmsAccess;
import io.rivulet.kms.ops.ListAliases;
import io.rivulet.kms.ops.ListKeyRotations;
import io.rivulet.kms.ops.ListKeys;
import io.rivulet.kms.ops.RotateKeyOnDemand;
import io.rivulet.protocol.OperationTable;
import io.rivulet.protocol.ServiceDefinition;
import io.rivulet.protocol.ServiceModel;

/**
 * The KMS subset that manages the local key store ({@code TrentService}, AWS JSON 1.1, on the same
 * endpoint): keys, aliases, enabling, rotation, so {@code aws kms …} and {@code ./rivulet keys}
 * work. No cryptographic operations (Encrypt, Decrypt, GenerateDataKey): the services use the
 * store directly. Thread-safe.
 */
public final class KmsService {
  public static final String TARGET_PREFIX = "TrentService";
  public static final String MODEL_RESOURCE = "/io/rivulet/kms/kms-2014-11-01.shapes.json";

  private final KeyStore store;
  private final Envelope envelope;
  private final ServiceDefinition definition;

  public KmsService(KeyStore store) {
    this.store = store;
    this.envelope = new Envelope(store);
    OperationTable table = OperationTable.builder()
        .add(new CreateAlias(store))
        .add(new CreateKey(store))
        .add(new DeleteAlias(store))
        .add(new DescribeKey(store))
        .add(new DisableKey(store))
        .add(new EnableKey(store))
        .add(new ListAliases(store))
        .add(new ListKeyRotations(store))
        .add(new ListKeys(store))
        .add(new RotateKeyOnDemand(store))
        .build();
    this.definition = new ServiceDefinition(TARGET_PREFIX, ServiceModel.fromResource(MODEL_RESOURCE),
        table, KmsAccess.rules(store));
  }

  public KeyStore store() {
    return store;
  }

  /** The envelope encryption every service shares (one cache of unwrapped data keys). */
  public Envelope envelope() {
    return envelope;
  }

  public ServiceDefinition definition() {
    return definition;
  }
}
