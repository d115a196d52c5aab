package io.rivulet.protocol;

/**
 * One AWS JSON-RPC service as the dispatcher routes it: requests whose {@code X-Amz-Target} is
 * {@code <targetPrefix>.<Operation>} are validated against {@code model} and handled by {@code
 * operations}; {@code errors} are the service's own error codes (for lookups by name).
 */
public record ServiceDefinition(String targetPrefix, ServiceModel model, OperationTable operations) {}
