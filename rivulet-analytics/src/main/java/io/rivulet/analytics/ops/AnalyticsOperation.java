package io.rivulet.analytics.ops;

import io.rivulet.analytics.AnalyticsError;
import io.rivulet.analytics.engine.AnalyticsEngine;
import io.rivulet.analytics.engine.Application;
import io.rivulet.analytics.engine.Configurations;
import io.rivulet.analytics.engine.Descriptions;
import io.rivulet.protocol.AbstractOperation;
import io.rivulet.protocol.RequestContext;
import java.util.List;
import java.util.Map;

/** Base of the kinesisanalyticsv2 operations: the engine and the description renderer. Thread-safe. */
public abstract class AnalyticsOperation<I, O> extends AbstractOperation<I, O> {
  protected final AnalyticsEngine engine;
  protected final Descriptions descriptions;

  protected AnalyticsOperation(AnalyticsEngine engine, Descriptions descriptions, Class<I> inputType) {
    super(inputType);
    this.engine = engine;
    this.descriptions = descriptions;
  }

  /** The current version of the caller's application of that name. */
  protected Application application(RequestContext ctx, String name) {
    return engine.describe(ctx.accountId(), ctx.region(), name);
  }

  /** The ApplicationDetail of a version. */
  protected Map<String, Object> detail(Application a) {
    return descriptions.detail(a, AnalyticsEngine.conditionalToken(a));
  }

  /** A list member of a version's SqlApplicationConfigurationDescription (empty when absent). */
  @SuppressWarnings("unchecked")
  protected List<Map<String, Object>> sqlDescriptions(Application a, String member) {
    Object sql = descriptions.configuration(a).get("SqlApplicationConfigurationDescription");
    Object list = sql instanceof Map<?, ?> m ? m.get(member) : null;
    return list == null ? List.of() : (List<Map<String, Object>>) list;
  }

  /** For operations only Managed Service for Apache Flink applications have. */
  protected static void requireFlink(Application a, String what) {
    if (a.isSql()) {
      throw AnalyticsError.UNSUPPORTED_OPERATION.with(what + " is not supported for SQL-1_0"
          + " applications.");
    }
  }

  /** For operations only SQL-1_0 applications have. */
  protected static void requireSql(Application a, String what) {
    if (!a.isSql()) {
      throw AnalyticsError.INVALID_ARGUMENT.with(what + " is supported only for SQL-1_0"
          + " applications; " + a.name() + " is a " + a.runtimeEnvironment() + " application.");
    }
  }

  /** An operation id for the response: Flink applications report one, SQL-1_0 ones do not. */
  protected static String operationId(AnalyticsEngine.Change c) {
    return c.application().isSql() ? null : c.operation().id();
  }

  /**
   * The element of a SQL configuration list with this id (ResourceNotFoundException when none),
   * removed from the list when {@code remove}.
   */
  @SuppressWarnings("unchecked")
  protected static Map<String, Object> element(Map<String, Object> config, String list,
      String idMember, String id, boolean remove) {
    List<Object> elements = Configurations.list(config, "SqlApplicationConfiguration", list);
    for (java.util.Iterator<Object> it = elements.iterator(); it.hasNext(); ) {
      Map<String, Object> el = (Map<String, Object>) it.next();
      if (id.equals(el.get(idMember))) {
        if (remove) {
          it.remove();
        }
        return el;
      }
    }
    throw AnalyticsError.RESOURCE_NOT_FOUND.with(idMember.replace("Id", "") + " with id " + id
        + " not found in the application.");
  }

  /**
   * Adds an element (input, output or reference data source) to a SQL-1_0 application's list,
   * with the next id of its kind, at most {@code max} of them: a new version.
   */
  protected AnalyticsEngine.Change addSqlElement(RequestContext ctx, String application,
      Long currentVersion, String list, String idMember, int max, String what,
      Map<String, Object> element) {
    requireSql(application(ctx, application), name());
    return engine.update(ctx.accountId(), ctx.region(), application,
        new AnalyticsEngine.VersionCheck(currentVersion, null, true), name(), b -> {
          List<Object> elements = Configurations.list(b.configuration, "SqlApplicationConfiguration", list);
          if (elements.size() >= max) {
            throw AnalyticsError.INVALID_ARGUMENT.with("An application can have at most " + max
                + " " + what + ".");
          }
          Map<String, Object> added = Configurations.copyMap(element);
          added.put(idMember, Configurations.nextId(idMember, b.idCounters));
          elements.add(added);
        });
  }

  /** Removes an element of a SQL-1_0 application's list by id: a new version. */
  protected AnalyticsEngine.Change deleteSqlElement(RequestContext ctx, String application,
      Long currentVersion, String list, String idMember, String id) {
    requireSql(application(ctx, application), name());
    return engine.update(ctx.accountId(), ctx.region(), application,
        new AnalyticsEngine.VersionCheck(currentVersion, null, true), name(),
        b -> element(b.configuration, list, idMember, id, true));
  }

  /** An empty output (operations whose response body is {@code {}}). */
  public record Empty() {}

  /** A tag as the API writes it. */
  public record Tag(String key, String value) {}
}
