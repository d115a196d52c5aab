package io.rivulet.protocol.auth;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decides whether a principal may perform an action on a resource, as AWS's policy evaluation does
 * for identity-based and resource-based policies (no organisations, boundaries or sessions here):
 *
 * <ol>
 *   <li>an explicit Deny in the principal's identity policies, or in the resource's policy for
 *       this principal, denies;
 *   <li>within one account (the resource's account is the principal's, or the action has no
 *       resource): allowed if an identity policy allows (the account root always does) or the
 *       resource policy allows this principal by name ({@code *} or its ARN; naming the account
 *       defers to identity policies);
 *   <li>across accounts: allowed only if the resource policy allows the principal (by ARN, its
 *       account or {@code *}) and its identity policies allow too (the root's always do);
 *   <li>otherwise denied (default deny).
 * </ol>
 *
 * A denial reads as AWS words it: {@code User: <arn> is not authorized to perform: <action> on
 * resource: <arn> because no identity-based policy allows the <action> action} (or {@code … with
 * an explicit deny in an identity-based policy}, {@code … in a resource-based policy}, {@code …
 * because no resource-based policy allows …}); {@code on resource:} is left out for actions on
 * {@code *}. Thread-safe: parsed resource policies are cached by their text.
 */
final class Authorizer {
  private static final Logger LOG = LoggerFactory.getLogger(Authorizer.class);
  private static final int CACHE = 1024;

  private final Map<String, Optional<Policy>> parsed = new ConcurrentHashMap<>();

  /** AuthException(ACCESS_DENIED) unless every access is allowed. */
  void authorize(Principal principal, List<AccessRules.Access> accesses, AccessRules rules,
      Map<String, List<String>> context) {
    for (AccessRules.Access access : accesses) {
      String reason = denial(principal, access, rules, context);
      if (reason != null) {
        throw new AuthException(AuthFailure.ACCESS_DENIED, "User: " + principal.arn()
            + " is not authorized to perform: " + access.action()
            + (access.resource().equals("*") ? "" : " on resource: " + access.resource()) + " " + reason);
      }
    }
  }

  /** Why the access is denied, or null when it is allowed. */
  String denial(Principal p, AccessRules.Access access, AccessRules rules, Map<String, List<String>> context) {
    Policy.Facts facts = new Policy.Facts(p, access.action(), access.resource(), context);
    boolean identityAllows = p.isRoot();
    for (Policy policy : p.policies()) {
      if (policy.applies(Statement.Effect.DENY, facts, false)) {
        return "with an explicit deny in an identity-based policy";
      }
      identityAllows |= policy.applies(Statement.Effect.ALLOW, facts, false);
    }
    Policy resourcePolicy = resourcePolicy(rules, access.resource());
    if (resourcePolicy != null && resourcePolicy.applies(Statement.Effect.DENY, facts, true)) {
      return "with an explicit deny in a resource-based policy";
    }
    String owner = accountOf(access.resource());
    boolean sameAccount = owner == null || owner.isEmpty() || owner.equals(p.accountId());
    String noIdentity = "because no identity-based policy allows the " + access.action() + " action";
    if (sameAccount) {
      boolean direct = resourcePolicy != null && resourcePolicy.allowsDirectly(facts);
      return identityAllows || direct ? null : noIdentity;
    }
    if (resourcePolicy == null || !resourcePolicy.applies(Statement.Effect.ALLOW, facts, true)) {
      return "because no resource-based policy allows the " + access.action() + " action";
    }
    return identityAllows ? null : noIdentity;
  }

  private Policy resourcePolicy(AccessRules rules, String arn) {
    String text = rules.resourcePolicy(arn);
    if (text == null) {
      return null;
    }
    if (parsed.size() >= CACHE) {
      parsed.clear();
    }
    return parsed.computeIfAbsent(text, t -> {
      try {
        return Optional.of(Policy.parse(t, Policy.Kind.RESOURCE));
      } catch (IllegalArgumentException e) {
        LOG.warn("the resource policy of {} cannot be evaluated and grants nothing: {}", arn, e.getMessage());
        return Optional.empty();
      }
    }).orElse(null);
  }

  /** The account field of an ARN ({@code arn:partition:service:region:account:…}), or null. */
  static String accountOf(String arn) {
    if (!arn.startsWith("arn:")) {
      return null;
    }
    String[] parts = arn.split(":", 6);
    return parts.length >= 5 ? parts[4] : null;
  }
}
