package io.rivulet.protocol.auth;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A service's authorisation table, kept beside its operation table: the SigV4 signing name its
 * credential scopes must name, the IAM action prefix, the error vocabulary, and for each operation
 * the IAM actions and resource ARNs a request needs (as data: one line per operation, e.g. {@code
 * .on("PutRecord", STREAM)} with {@code STREAM = arn("arn:aws:kinesis:{region}:{account}:stream/
 * {StreamName}", "StreamARN")}). An operation without a line needs {@code <prefix>:<Operation>}
 * on {@code *}. Optionally the service's resource policies (Kinesis's PutResourcePolicy), by ARN.
 * Immutable and thread-safe.
 */
public final class AccessRules {
  /** One permission a request needs: an IAM action on a resource ARN, or on {@code *}. */
  public record Access(String action, String resource) {}

  /** Where a request runs: the caller's account and the region it signed for. */
  public record Scope(String account, String region) {}

  /** The permissions an operation needs, from its validated input (member names as in the model). */
  @FunctionalInterface
  public interface Rule {
    List<Access> resolve(Map<String, Object> input, Scope scope);
  }

  /** The resource ARNs an operation acts on (none: {@code *}). */
  @FunctionalInterface
  public interface Resources {
    List<String> arns(Map<String, Object> input, Scope scope);
  }

  /** A resource's policy document (JSON) by ARN, or null when it has none. */
  @FunctionalInterface
  public interface ResourcePolicies {
    String policy(String arn);
  }

  private static final Pattern PLACEHOLDER = Pattern.compile("\\{([A-Za-z]+)}");

  private final String signingName;
  private final String actionPrefix;
  private final AuthErrors.Style style;
  private final Map<String, Rule> rules;
  private final ResourcePolicies policies;

  private AccessRules(Builder b) {
    this.signingName = b.signingName;
    this.actionPrefix = b.actionPrefix;
    this.style = b.style;
    this.rules = Map.copyOf(b.rules);
    this.policies = b.policies;
  }

  public static Builder builder(String signingName, String actionPrefix, AuthErrors.Style style) {
    return new Builder(signingName, actionPrefix, style);
  }

  /**
   * Rules for a JSON-RPC service that declares none: the signing name and action prefix are its
   * target prefix up to the {@code _}, lower-cased ({@code Firehose_20150804}: {@code firehose}),
   * every operation needs {@code <prefix>:<Operation>} on {@code *}.
   */
  public static AccessRules defaults(String targetPrefix) {
    int underscore = targetPrefix.indexOf('_');
    String name = (underscore < 0 ? targetPrefix : targetPrefix.substring(0, underscore)).toLowerCase(Locale.ROOT);
    return builder(name, name, AuthErrors.Style.JSON).build();
  }

  public String signingName() {
    return signingName;
  }

  public String actionPrefix() {
    return actionPrefix;
  }

  public AuthErrors.Style style() {
    return style;
  }

  /** The operations with a line of their own. */
  public Set<String> operations() {
    return rules.keySet();
  }

  /** The policy attached to a resource, or null. */
  public String resourcePolicy(String arn) {
    return policies == null || arn.equals("*") ? null : policies.policy(arn);
  }

  /** What a call of {@code operation} with this input needs; never empty. */
  public List<Access> accessFor(String operation, Map<String, Object> input, Scope scope) {
    Rule rule = rules.get(operation);
    List<Access> accesses = rule == null ? List.of() : rule.resolve(input, scope);
    return accesses.isEmpty() ? List.of(new Access(actionPrefix + ":" + operation, "*")) : accesses;
  }

  // ---------------------------------------------------------------- declarative resources

  /** No resource-level permissions: the action on {@code *}. */
  public static Resources none() {
    return (input, scope) -> List.of();
  }

  /**
   * The ARN given in member {@code arnMember} if the request has it, else {@code template} with
   * {@code {region}}, {@code {account}} and {@code {Member}} filled from the request (nothing,
   * that is {@code *}, when a member is missing: the operation then refuses the request itself).
   */
  public static Resources arn(String template, String arnMember) {
    return (input, scope) -> {
      Object given = arnMember == null ? null : input.get(arnMember);
      if (given instanceof String s && !s.isEmpty()) {
        return List.of(s);
      }
      String arn = fill(template, input, scope);
      return arn == null ? List.of() : List.of(arn);
    };
  }

  /** {@code template} filled for one value of a member (a name found elsewhere in the input). */
  public static String fill(String template, Map<String, Object> input, Scope scope) {
    Matcher m = PLACEHOLDER.matcher(template);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      String name = m.group(1);
      Object value = switch (name) {
        case "region" -> scope.region();
        case "account" -> scope.account();
        default -> input.get(name);
      };
      if (!(value instanceof String s) || s.isEmpty()) {
        return null;
      }
      m.appendReplacement(out, Matcher.quoteReplacement(s));
    }
    m.appendTail(out);
    return out.toString();
  }

  /** The keys of a map member (e.g. DynamoDB's RequestItems: table names), or none. */
  public static Collection<String> keysOf(Map<String, Object> input, String member) {
    return input.get(member) instanceof Map<?, ?> m ? m.keySet().stream().map(String::valueOf).toList() : List.of();
  }

  /** Collects one service's rules; an operation given twice is a programming error. Not thread-safe. */
  public static final class Builder {
    private final String signingName;
    private final String actionPrefix;
    private final AuthErrors.Style style;
    private final Map<String, Rule> rules = new LinkedHashMap<>();
    private ResourcePolicies policies;

    private Builder(String signingName, String actionPrefix, AuthErrors.Style style) {
      this.signingName = signingName;
      this.actionPrefix = actionPrefix;
      this.style = style;
    }

    /** {@code <prefix>:<operation>} on the resources. */
    public Builder on(String operation, Resources resources) {
      String action = actionPrefix + ":" + operation;
      return rule(operation, (input, scope) -> {
        List<Access> out = new ArrayList<>();
        for (String arn : resources.arns(input, scope)) {
          out.add(new Access(action, arn));
        }
        return out;
      });
    }

    /** Any permissions (several actions, or an action not named after the operation). */
    public Builder rule(String operation, Rule rule) {
      if (rules.putIfAbsent(operation, rule) != null) {
        throw new IllegalArgumentException("access rule given twice: " + operation);
      }
      return this;
    }

    public Builder policies(ResourcePolicies p) {
      this.policies = p;
      return this;
    }

    public AccessRules build() {
      return new AccessRules(this);
    }
  }
}
