package io.rivulet.analytics.engine;

/**
 * One application operation as ListApplicationOperations and DescribeApplicationOperation show it.
 * Immutable.
 *
 * @param operation the API operation's name, e.g. "StartApplication"
 * @param status IN_PROGRESS, CANCELLED, SUCCESSFUL or FAILED
 * @param endMillis when it ended, or null while IN_PROGRESS
 * @param fromVersion the version it updated from, or null when it changed no version
 * @param toVersion the version it updated to, or null
 * @param error why it failed, or null
 */
public record OperationRecord(String id, String operation, long startMillis, Long endMillis,
    String status, Long fromVersion, Long toVersion, String error) {

  public static final String IN_PROGRESS = "IN_PROGRESS";
  public static final String SUCCESSFUL = "SUCCESSFUL";
  public static final String FAILED = "FAILED";
  public static final String CANCELLED = "CANCELLED";

  public OperationRecord ended(String endStatus, long nowMillis, String why) {
    return new OperationRecord(id, operation, startMillis, nowMillis, endStatus, fromVersion,
        toVersion, why);
  }

  public boolean inProgress() {
    return IN_PROGRESS.equals(status);
  }
}
