package io.rivulet.protocol;

import io.rivulet.protocol.auth.AccessRules;

/**
 * One AWS JSON-RPC service as the dispatcher routes it: requests whose {@code X-Amz-Target} is
 * {@code <targetPrefix>.<Operation>} are validated against {@code model} and handled by {@code
 * operations}; with {@code --auth}, signatures are verified for the signing name in {@code access}
 * and every call authorised by its rules (IAM actions and resource ARNs per operation).
 */
public record ServiceDefinition(String targetPrefix, ServiceModel model, OperationTable operations,
    AccessRules access) {

  public ServiceDefinition {
    if (access == null) {
      access = AccessRules.defaults(targetPrefix);
    }
  }

  /** A service whose every operation needs {@code <service>:<Operation>} on {@code *}. */
  public ServiceDefinition(String targetPrefix, ServiceModel model, OperationTable operations) {
    this(targetPrefix, model, operations, null);
  }

  /** The same service with these access rules. */
  public ServiceDefinition withAccess(AccessRules rules) {
    return new ServiceDefinition(targetPrefix, model, operations, rules);
  }
}
