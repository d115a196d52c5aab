package io.rivulet.firehose.format;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * The local Glue Data Catalog: one directory per database, one JSON file per table. Thread-safe
 * (it keeps nothing; every lookup reads the file, so edits apply to the next batch).
 *
 * <pre>
 * &lt;root&gt;/&lt;DatabaseName&gt;/&lt;TableName&gt;.json              the table (VersionId absent or LATEST)
 * &lt;root&gt;/&lt;DatabaseName&gt;/&lt;TableName&gt;.&lt;VersionId&gt;.json  one version of it
 * </pre>
 *
 * <p>A file holds the table in any form {@link GlueTableJson} reads (the StorageDescriptor's
 * {@code {"Columns":[{"Name":"...","Type":"..."}]}}, or {@code aws glue get-table} output). Names
 * are looked up as given, then lower-cased (Glue keeps database and table names in lower case).
 * CatalogId and Region are not part of the path: there is one local catalog.
 */
final class DirectorySchemaCatalog implements SchemaCatalog {
  private final Path root;

  DirectorySchemaCatalog(Path root) {
    this.root = root;
  }

  @Override
  public List<Column> columns(TableRef table) throws ConversionException {
    String db = table.databaseName();
    String name = table.tableName();
    if (!safe(db) || !safe(name) || (!table.latest() && !safe(table.versionId()))) {
      throw new ConversionException(ConversionException.ENTITY_NOT_FOUND,
          ConversionException.ENTITY_NOT_FOUND_MESSAGE);
    }
    Path dir = existing(root.resolve(db), root.resolve(db.toLowerCase(Locale.ROOT)));
    Path latest = dir == null ? null
        : existing(dir.resolve(name + ".json"), dir.resolve(name.toLowerCase(Locale.ROOT) + ".json"));
    if (latest == null) {
      throw new ConversionException(ConversionException.ENTITY_NOT_FOUND,
          ConversionException.ENTITY_NOT_FOUND_MESSAGE);
    }
    Path file = latest;
    if (!table.latest()) {
      String base = latest.getFileName().toString();
      file = latest.resolveSibling(
          base.substring(0, base.length() - ".json".length()) + "." + table.versionId() + ".json");
    }
    try {
      return GlueTableJson.columns(Files.readAllBytes(file), root.relativize(file).toString());
    } catch (NoSuchFileException e) {
      throw new ConversionException(ConversionException.INVALID_VERSION_ID,
          ConversionException.INVALID_VERSION_ID_MESSAGE);
    } catch (IOException e) {
      throw new ConversionException(ConversionException.INVALID_SCHEMA,
          "The schema is invalid. Cannot read " + file + ": " + e.getMessage());
    }
  }

  private static Path existing(Path asGiven, Path lowerCase) {
    if (Files.exists(asGiven)) {
      return asGiven;
    }
    return Files.exists(lowerCase) ? lowerCase : null;
  }

  /** A name that stays one path element below the root. */
  private static boolean safe(String name) {
    return name != null && !name.isEmpty() && !name.equals(".") && !name.equals("..")
        && name.indexOf('/') < 0 && name.indexOf('\\') < 0 && name.indexOf('\0') < 0;
  }
}
