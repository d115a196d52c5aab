package io.rivulet.firehose.format;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The directory catalog and the in-memory one answer alike. */
class SchemaCatalogTest {
  private static final List<SchemaCatalog.Column> COLUMNS =
      List.of(new SchemaCatalog.Column("a", "int"), new SchemaCatalog.Column("b", "string"));

  @TempDir
  Path root;

  @Test
  void readsEveryJsonFormOfATable() throws Exception {
    String columns = "{\"Columns\":[{\"Name\":\"a\",\"Type\":\"int\"},"
        + "{\"Name\":\"b\",\"Type\":\"string\",\"Comment\":\"c\"}]}";
    write("db/descriptor.json", columns);
    write("db/table.json", "{\"Name\":\"table\",\"StorageDescriptor\":" + columns
        + ",\"PartitionKeys\":[{\"Name\":\"dt\",\"Type\":\"string\"}]}");
    write("db/gettable.json", "{\"Table\":{\"Name\":\"gettable\",\"StorageDescriptor\":"
        + columns + "}}");
    write("db/version.json", "{\"TableVersion\":{\"Table\":{\"StorageDescriptor\":" + columns
        + "},\"VersionId\":\"3\"}}");
    SchemaCatalog catalog = SchemaCatalog.directory(root);

    for (String table : List.of("descriptor", "table", "gettable", "version")) {
      assertThat(catalog.columns(ref("db", table, null))).as(table).isEqualTo(COLUMNS);
    }
  }

  @Test
  void findsNamesAsGivenThenLowerCasedAndVersionsBesideTheTable() throws Exception {
    write("sales/orders.json", "{\"Columns\":[{\"Name\":\"a\",\"Type\":\"int\"}]}");
    write("sales/orders.2.json", "{\"Columns\":[{\"Name\":\"old\",\"Type\":\"int\"}]}");
    SchemaCatalog dir = SchemaCatalog.directory(root);
    InMemorySchemaCatalog memory = new InMemorySchemaCatalog()
        .put("sales", "orders", List.of(new SchemaCatalog.Column("a", "int")))
        .putVersion("sales", "orders", "2", List.of(new SchemaCatalog.Column("old", "int")));

    for (SchemaCatalog catalog : List.of(dir, memory)) {
      assertThat(catalog.columns(ref("Sales", "ORDERS", null))).extracting(c -> c.name())
          .containsExactly("a");
      assertThat(catalog.columns(ref("sales", "orders", "LATEST"))).extracting(c -> c.name())
          .containsExactly("a");
      assertThat(catalog.columns(ref("sales", "orders", "2"))).extracting(c -> c.name())
          .containsExactly("old");
      assertThat(code(catalog, ref("sales", "orders", "7")))
          .isEqualTo(ConversionException.INVALID_VERSION_ID);
      assertThat(code(catalog, ref("sales", "missing", null)))
          .isEqualTo(ConversionException.ENTITY_NOT_FOUND);
      assertThat(code(catalog, ref("nodb", "orders", null)))
          .isEqualTo(ConversionException.ENTITY_NOT_FOUND);
    }
  }

  @Test
  void unreadableEntriesAreInvalidSchemasOrMissingColumns() throws Exception {
    write("db/broken.json", "{\"Columns\":[");
    write("db/wrong.json", "{\"Columns\":[{\"Name\":\"a\"}]}");
    write("db/empty.json", "{\"Name\":\"empty\"}");
    SchemaCatalog catalog = SchemaCatalog.directory(root);

    assertThat(code(catalog, ref("db", "broken", null)))
        .isEqualTo(ConversionException.INVALID_SCHEMA);
    assertThat(code(catalog, ref("db", "wrong", null)))
        .isEqualTo(ConversionException.INVALID_SCHEMA);
    assertThat(code(catalog, ref("db", "empty", null)))
        .isEqualTo(ConversionException.NON_EXISTENT_COLUMNS);
  }

  @Test
  void namesCannotLeaveTheCatalogDirectory() throws Exception {
    write("secret.json", "{\"Columns\":[{\"Name\":\"a\",\"Type\":\"int\"}]}");
    Files.createDirectories(root.resolve("db"));
    SchemaCatalog catalog = SchemaCatalog.directory(root.resolve("db"));

    assertThat(code(catalog, ref("..", "secret", null)))
        .isEqualTo(ConversionException.ENTITY_NOT_FOUND);
    assertThat(code(catalog, ref("db", "../../secret", null)))
        .isEqualTo(ConversionException.ENTITY_NOT_FOUND);
  }

  private void write(String path, String json) throws Exception {
    Path file = root.resolve(path);
    Files.createDirectories(file.getParent());
    Files.writeString(file, json);
  }

  private static SchemaCatalog.TableRef ref(String db, String table, String version) {
    return new SchemaCatalog.TableRef(null, db, table, null, version);
  }

  private static String code(SchemaCatalog catalog, SchemaCatalog.TableRef ref) {
    try {
      catalog.columns(ref);
      return "found";
    } catch (ConversionException e) {
      return e.errorCode();
    }
  }
}
