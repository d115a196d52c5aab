package io.rivulet.firehose.format;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The row type of the converted files: the table's columns in catalog order, names lower-cased as
 * Hive keeps them. Immutable.
 */
record TableSchema(HiveType.Struct row) {

  /**
   * The schema of {@code columns}.
   *
   * @throws ConversionException {@link ConversionException#NON_EXISTENT_COLUMNS} for no columns,
   *     {@link ConversionException#INVALID_SCHEMA} for a type that cannot be parsed or a column
   *     named twice
   */
  static TableSchema of(List<SchemaCatalog.Column> columns) throws ConversionException {
    if (columns.isEmpty()) {
      throw new ConversionException(ConversionException.NON_EXISTENT_COLUMNS,
          "Could not find any columns to convert. Make sure the table's StorageDescriptor has"
              + " Columns.");
    }
    List<HiveType.Field> fields = new ArrayList<>();
    Set<String> names = new HashSet<>();
    for (SchemaCatalog.Column c : columns) {
      String name = c.name().toLowerCase(Locale.ROOT);
      if (name.isBlank() || !names.add(name)) {
        throw new ConversionException(ConversionException.INVALID_SCHEMA,
            "The schema is invalid. Column name '" + c.name() + "' is empty or not unique.");
      }
      try {
        fields.add(new HiveType.Field(name, HiveType.parse(c.type())));
      } catch (IllegalArgumentException e) {
        throw new ConversionException(ConversionException.INVALID_SCHEMA,
            "The schema is invalid. Column '" + c.name() + "': " + e.getMessage());
      }
    }
    return new TableSchema(new HiveType.Struct(fields));
  }

  List<HiveType.Field> columns() {
    return row.fields();
  }
}
