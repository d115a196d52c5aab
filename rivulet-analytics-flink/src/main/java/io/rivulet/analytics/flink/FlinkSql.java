package io.rivulet.analytics.flink;

import io.rivulet.analytics.runtime.RuntimeFailure;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.flink.api.common.JobID;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.table.api.EnvironmentSettings;
import org.apache.flink.table.api.StatementSet;
import org.apache.flink.table.api.TableEnvironment;
import org.apache.flink.table.api.TableResult;

/**
 * Flink SQL scripts: split into statements, with {@code ${PropertyGroupId.key}} references to the
 * application's EnvironmentProperties replaced, and run as one streaming job: every statement but
 * the INSERTs (CREATE TABLE/VIEW/FUNCTION, SET, USE ...) is executed in order, then the INSERT
 * statements are submitted together as one job (a statement set; BEGIN STATEMENT SET / END and
 * EXECUTE STATEMENT SET wrappers are accepted). Stateless; thread-safe.
 */
public final class FlinkSql {
  private static final Pattern REFERENCE = Pattern.compile("\\$\\{([A-Za-z0-9_.-]+?)\\.([^}]+)}");

  private FlinkSql() {}

  /**
   * Splits a script at the semicolons outside quotes ('...', "...", `...`) and comments
   * ({@code -- ...}, {@code /* ... *}{@code /}); comments are kept, empty statements dropped.
   */
  public static List<String> split(String script) {
    List<String> statements = new ArrayList<>();
    StringBuilder current = new StringBuilder();
    int i = 0;
    while (i < script.length()) {
      char c = script.charAt(i);
      int end = i + 1;
      if (c == '\'' || c == '"' || c == '`') {
        end = script.indexOf(c, i + 1);
        end = end < 0 ? script.length() : end + 1;
      } else if (script.startsWith("--", i)) {
        end = script.indexOf('\n', i);
        end = end < 0 ? script.length() : end + 1;
      } else if (script.startsWith("/*", i)) {
        end = script.indexOf("*/", i + 2);
        end = end < 0 ? script.length() : end + 2;
      } else if (c == ';') {
        addStatement(statements, current);
        i++;
        continue;
      }
      current.append(script, i, end);
      i = end;
    }
    addStatement(statements, current);
    return statements;
  }

  private static void addStatement(List<String> statements, StringBuilder current) {
    String statement = current.toString().strip();
    current.setLength(0);
    if (!stripComments(statement).isBlank()) {
      statements.add(statement);
    }
  }

  /**
   * Replaces each {@code ${group.key}} with the value of {@code key} in property group {@code
   * group}.
   *
   * @throws RuntimeFailure naming a reference that no property answers
   */
  public static String substitute(String script, Map<String, Map<String, String>> properties)
      throws RuntimeFailure {
    Matcher matcher = REFERENCE.matcher(script);
    StringBuilder out = new StringBuilder();
    while (matcher.find()) {
      Map<String, String> group = properties.get(matcher.group(1));
      String value = group == null ? null : group.get(matcher.group(2));
      if (value == null) {
        throw new RuntimeFailure("the Flink SQL script refers to " + matcher.group()
            + ", but the application has no property " + matcher.group(2) + " in group "
            + matcher.group(1));
      }
      matcher.appendReplacement(out, Matcher.quoteReplacement(value));
    }
    matcher.appendTail(out);
    return out.toString();
  }

  /**
   * Runs the statements in a streaming TableEnvironment configured by {@code configuration} (which
   * says where the job goes, e.g. {@link FlinkEngine#clientConfiguration()}) and returns the id of
   * the job the INSERT statements became.
   *
   * @throws RuntimeFailure naming the statement Flink rejected, or when there is no INSERT
   */
  static JobID execute(List<String> statements, Configuration configuration) throws RuntimeFailure {
    TableEnvironment table;
    try {
      table = TableEnvironment.create(EnvironmentSettings.newInstance().inStreamingMode()
          .withConfiguration(configuration).build());
    } catch (RuntimeException e) {
      throw new RuntimeFailure("could not create a Flink table environment: "
          + FlinkEngine.rootMessage(e), e);
    }
    StatementSet inserts = table.createStatementSet();
    int count = 0;
    for (int n = 0; n < statements.size(); n++) {
      String statement = statements.get(n);
      String head = stripComments(statement).strip().toUpperCase(Locale.ROOT).replaceAll("\\s+", " ");
      try {
        if (head.startsWith("EXECUTE STATEMENT SET BEGIN") || head.startsWith("BEGIN STATEMENT SET")
            || head.equals("END")) {
          continue;
        }
        if (head.startsWith("EXECUTE INSERT")) {
          statement = stripComments(statement).strip().substring("EXECUTE".length());
          head = "INSERT";
        }
        if (head.startsWith("INSERT")) {
          inserts.addInsertSql(statement);
          count++;
        } else if (head.startsWith("SELECT") || head.startsWith("WITH") || head.startsWith("VALUES")) {
          throw new RuntimeFailure("statement " + (n + 1) + " is a query; a Flink SQL application"
              + " writes its results with INSERT INTO a table");
        } else {
          table.executeSql(statement);
        }
      } catch (RuntimeFailure e) {
        throw e;
      } catch (RuntimeException e) {
        throw new RuntimeFailure("Flink SQL statement " + (n + 1) + " failed: "
            + FlinkEngine.rootMessage(e), e);
      }
    }
    if (count == 0) {
      throw new RuntimeFailure("the Flink SQL script has no INSERT INTO statement, so there is no"
          + " job to run");
    }
    try {
      TableResult result = inserts.execute();
      JobClient client = result.getJobClient().orElseThrow(
          () -> new RuntimeFailure("Flink returned no job for the INSERT statements"));
      return client.getJobID();
    } catch (RuntimeException e) {
      throw new RuntimeFailure("could not submit the Flink SQL job: " + FlinkEngine.rootMessage(e),
          e);
    }
  }

  /** The statement without its comments (quotes kept as they are). */
  static String stripComments(String sql) {
    return sql.replaceAll("(?s)/\\*.*?\\*/", " ").replaceAll("--[^\n]*", " ");
  }
}
