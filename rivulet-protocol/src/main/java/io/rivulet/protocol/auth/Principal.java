package io.rivulet.protocol.auth;

import java.util.List;

/**
 * Who signed a request: the access key, the account it belongs to, and either the account's root
 * (no user name: allowed everything in its own account, as AWS's root user is) or an IAM-style
 * user whose identity policies are evaluated with default deny. Immutable.
 *
 * @param userName null for the account root; may carry a path ({@code team/alice})
 */
public record Principal(String accessKeyId, String accountId, String userName, List<Policy> policies) {
  public Principal {
    policies = List.copyOf(policies);
  }

  public boolean isRoot() {
    return userName == null;
  }

  /** {@code arn:aws:iam::<account>:root} or {@code arn:aws:iam::<account>:user/<name>}. */
  public String arn() {
    return "arn:aws:iam::" + accountId + (isRoot() ? ":root" : ":user/" + userName);
  }

  /** The user name without its path ({@code aws:username}), or null for the root. */
  public String simpleName() {
    return userName == null ? null : userName.substring(userName.lastIndexOf('/') + 1);
  }
}
