package io.rivulet.flink.table;

import io.rivulet.flink.source.RivuletDeserializationSchema;
import io.rivulet.streams.api.StreamRecord;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.serialization.DeserializationSchema;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.table.data.GenericRowData;
import org.apache.flink.table.data.RowData;
import org.apache.flink.table.data.utils.JoinedRowData;
import org.apache.flink.util.Collector;

/**
 * A table row per record: the format decodes the data into the physical columns, and the
 * requested metadata columns follow them in the order the planner asked for. Used by one reader
 * thread at a time.
 */
final class RowDataDeserializer implements RivuletDeserializationSchema<RowData> {
  private static final long serialVersionUID = 1L;

  private final DeserializationSchema<RowData> format;
  private final List<ReadableMetadata> metadata;
  private final TypeInformation<RowData> producedType;
  private transient List<RowData> decoded;

  RowDataDeserializer(DeserializationSchema<RowData> format, List<ReadableMetadata> metadata,
      TypeInformation<RowData> producedType) {
    this.format = format;
    this.metadata = List.copyOf(metadata);
    this.producedType = producedType;
  }

  @Override
  public void open(DeserializationSchema.InitializationContext context) throws Exception {
    format.open(context);
  }

  @Override
  public void deserialize(StreamRecord record, String shardId, Collector<RowData> out)
      throws IOException {
    if (metadata.isEmpty()) {
      format.deserialize(record.data(), out);
      return;
    }
    if (decoded == null) {
      decoded = new ArrayList<>(1);
    }
    decoded.clear();
    format.deserialize(record.data(), new Collector<>() {
      @Override
      public void collect(RowData row) {
        decoded.add(row);
      }

      @Override
      public void close() {}
    });
    for (RowData row : decoded) {
      GenericRowData meta = new GenericRowData(metadata.size());
      for (int i = 0; i < metadata.size(); i++) {
        meta.setField(i, metadata.get(i).value(record, shardId));
      }
      out.collect(new JoinedRowData(row.getRowKind(), row, meta));
    }
  }

  @Override
  public TypeInformation<RowData> getProducedType() {
    return producedType;
  }
}
