package io.rivulet.firehose.format;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A catalog held in memory, for tests and for embedding: tables are put with their columns (or
 * their Glue JSON). Lookups follow {@link DirectorySchemaCatalog}: names as given, then
 * lower-cased. Thread-safe.
 */
public final class InMemorySchemaCatalog implements SchemaCatalog {
  private static final String LATEST = "";
  private final Map<String, List<Column>> tables = new ConcurrentHashMap<>();

  /** Puts (or replaces) the latest version of {@code database.table}. */
  public InMemorySchemaCatalog put(String database, String table, List<Column> columns) {
    return putVersion(database, table, LATEST, columns);
  }

  /** Puts one version of {@code database.table} (the latest is put with {@link #put}). */
  public InMemorySchemaCatalog putVersion(String database, String table, String versionId,
      List<Column> columns) {
    tables.put(key(database, table, versionId), List.copyOf(columns));
    return this;
  }

  /** Puts the latest version from Glue JSON (a StorageDescriptor, Table or get-table output). */
  public InMemorySchemaCatalog putJson(String database, String table, String json)
      throws ConversionException {
    return put(database, table,
        GlueTableJson.columns(json.getBytes(java.nio.charset.StandardCharsets.UTF_8), table));
  }

  public void remove(String database, String table) {
    tables.keySet().removeIf(k -> k.startsWith(key(database, table, "")));
  }

  @Override
  public List<Column> columns(TableRef ref) throws ConversionException {
    String db = ref.databaseName();
    String name = ref.tableName();
    String lowerDb = db.toLowerCase(Locale.ROOT);
    String lowerName = name.toLowerCase(Locale.ROOT);
    String[][] candidates = {{db, name}, {lowerDb, lowerName}, {db, lowerName}, {lowerDb, name}};
    for (String[] c : candidates) {
      if (tables.containsKey(key(c[0], c[1], LATEST))) {
        if (ref.latest()) {
          return tables.get(key(c[0], c[1], LATEST));
        }
        List<Column> version = tables.get(key(c[0], c[1], ref.versionId()));
        if (version == null) {
          throw new ConversionException(ConversionException.INVALID_VERSION_ID,
              ConversionException.INVALID_VERSION_ID_MESSAGE);
        }
        return version;
      }
    }
    throw new ConversionException(ConversionException.ENTITY_NOT_FOUND,
        ConversionException.ENTITY_NOT_FOUND_MESSAGE);
  }

  private static String key(String database, String table, String versionId) {
    return database + '\u0000' + table + '\u0000' + versionId;
  }
}
