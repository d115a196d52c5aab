package io.rivulet.analytics.flink.sql;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.ConfigOptions;
import org.apache.flink.table.connector.RuntimeConverter;
import org.apache.flink.table.connector.source.DynamicTableSource;
import org.apache.flink.table.connector.source.LookupTableSource;
import org.apache.flink.table.connector.source.lookup.LookupFunctionProvider;
import org.apache.flink.table.data.RowData;
import org.apache.flink.table.data.StringData;
import org.apache.flink.table.factories.DynamicTableSourceFactory;
import org.apache.flink.table.factories.FactoryUtil;
import org.apache.flink.table.functions.FunctionContext;
import org.apache.flink.table.functions.LookupFunction;
import org.apache.flink.table.types.DataType;
import org.apache.flink.table.types.logical.LogicalType;
import org.apache.flink.table.types.logical.utils.LogicalTypeParser;
import org.apache.flink.types.Row;

/**
 * {@code 'connector' = 'rivulet-reference'}: a SQL-1_0 reference table held in memory (its rows,
 * read from S3 when the application starts, in the {@code rows} option as a JSON array of arrays
 * of text values) and joined by lookup, so a stream keeps its ROWTIME through the join and no
 * join state grows. Stateless, so thread-safe.
 */
public final class ReferenceTableFactory implements DynamicTableSourceFactory {
  public static final String IDENTIFIER = "rivulet-reference";
  static final ConfigOption<String> ROWS = ConfigOptions.key("rows").stringType().noDefaultValue();
  private static final ObjectMapper JSON = new ObjectMapper();

  @Override
  public String factoryIdentifier() {
    return IDENTIFIER;
  }

  @Override
  public Set<ConfigOption<?>> requiredOptions() {
    return Set.of(ROWS);
  }

  @Override
  public Set<ConfigOption<?>> optionalOptions() {
    return Set.of();
  }

  /** Rows as the {@code rows} option's text. */
  static String encode(List<List<String>> rows) {
    try {
      return JSON.writeValueAsString(rows);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public DynamicTableSource createDynamicTableSource(Context context) {
    FactoryUtil.TableFactoryHelper helper = FactoryUtil.createTableFactoryHelper(this, context);
    helper.validate();
    List<List<String>> rows;
    try {
      rows = JSON.readValue(helper.getOptions().get(ROWS), new TypeReference<>() {});
    } catch (IOException e) {
      throw new org.apache.flink.table.api.ValidationException("bad 'rows': " + e.getMessage());
    }
    return new Source(context.getPhysicalRowDataType(), rows);
  }

  private record Source(DataType type, List<List<String>> rows) implements LookupTableSource {
    @Override
    public LookupRuntimeProvider getLookupRuntimeProvider(LookupContext context) {
      int[] keys = new int[context.getKeys().length];
      for (int i = 0; i < keys.length; i++) {
        keys[i] = context.getKeys()[i][0];
      }
      List<String> types = type.getLogicalType().getChildren().stream()
          .map(LogicalType::asSerializableString).toList();
      return LookupFunctionProvider.of(new Lookup(rows, types, keys,
          context.createDataStructureConverter(type)));
    }

    @Override
    public DynamicTableSource copy() {
      return this;
    }

    @Override
    public String asSummaryString() {
      return "SQL-1_0 reference table";
    }
  }

  /** Answers lookups from an index built at open. Called from one task thread; not thread-safe. */
  public static final class Lookup extends LookupFunction {
    private static final long serialVersionUID = 1L;
    private final List<List<String>> rows;
    private final List<String> types;
    private final int[] keys;
    private final DynamicTableSource.DataStructureConverter converter;
    private transient Map<List<Object>, List<RowData>> index;
    private transient RowData.FieldGetter[] rowKeys;
    private transient RowData.FieldGetter[] lookupKeys;

    Lookup(List<List<String>> rows, List<String> types, int[] keys,
        DynamicTableSource.DataStructureConverter converter) {
      this.rows = rows;
      this.types = types;
      this.keys = keys;
      this.converter = converter;
    }

    @Override
    public void open(FunctionContext context) {
      converter.open(RuntimeConverter.Context.create(Lookup.class.getClassLoader()));
      rowKeys = new RowData.FieldGetter[keys.length];
      lookupKeys = new RowData.FieldGetter[keys.length];
      for (int i = 0; i < keys.length; i++) {
        LogicalType t = LogicalTypeParser.parse(types.get(keys[i]), Lookup.class.getClassLoader());
        rowKeys[i] = RowData.createFieldGetter(t, keys[i]);
        lookupKeys[i] = RowData.createFieldGetter(t, i);
      }
      index = new HashMap<>();
      for (List<String> values : rows) {
        Object[] fields = new Object[types.size()];
        for (int i = 0; i < fields.length; i++) {
          String v = i < values.size() ? values.get(i) : null;
          fields[i] = v == null ? null : RecordMapper.convert(v, types.get(i));
        }
        RowData row = (RowData) converter.toInternal(Row.of(fields));
        index.computeIfAbsent(key(rowKeys, row), x -> new ArrayList<>()).add(row);
      }
    }

    @Override
    public Collection<RowData> lookup(RowData keyRow) {
      return index.getOrDefault(key(lookupKeys, keyRow), List.of());
    }

    private static List<Object> key(RowData.FieldGetter[] getters, RowData row) {
      List<Object> key = new ArrayList<>(getters.length);
      for (RowData.FieldGetter g : getters) {
        Object v = g.getFieldOrNull(row);
        key.add(v instanceof StringData s ? s.toString() : v);
      }
      return key;
    }
  }
}
