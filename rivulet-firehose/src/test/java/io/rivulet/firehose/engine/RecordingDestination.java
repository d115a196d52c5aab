package io.rivulet.firehose.engine;

import io.rivulet.firehose.pipeline.DeliveryBatch;
import io.rivulet.firehose.pipeline.DeliveryContext;
import io.rivulet.firehose.pipeline.DeliveryException;
import io.rivulet.firehose.pipeline.DestinationWriter;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A destination for engine tests: keeps every batch it is given (and every error output and
 * backup written through the context; like the S3 writer it backs up each batch when S3BackupMode
 * is Enabled), and fails the next {@link #failNext} deliveries. Thread-safe.
 */
final class RecordingDestination {
  final List<DeliveryBatch> delivered = new CopyOnWriteArrayList<>();
  final List<DeliveryBatch> attempts = new CopyOnWriteArrayList<>();
  final List<String> errorOutputs = new CopyOnWriteArrayList<>();
  final List<DeliveryBatch> backups = new CopyOnWriteArrayList<>();
  final AtomicInteger failNext = new AtomicInteger();
  final AtomicInteger writersOpened = new AtomicInteger();
  final AtomicInteger writersClosed = new AtomicInteger();

  Destinations destinations() {
    return Destinations.builder()
        .destination(DestinationConfigs.EXTENDED_S3, this::writer, config -> {})
        .outputs(new Destinations.S3Outputs() {
          @Override
          public void writeErrorOutput(DeliveryStreamMeta meta, DeliveryBatch batch,
              String outputType, List<byte[]> lines) {
            for (byte[] line : lines) {
              errorOutputs.add(outputType + " " + new String(line).trim());
            }
          }

          @Override
          public void writeBackup(DeliveryStreamMeta meta, DeliveryBatch batch) {
            backups.add(batch);
          }
        })
        .build();
  }

  DestinationWriter writer(DeliveryStreamMeta meta, Map<String, Object> config,
      DeliveryContext ctx) {
    writersOpened.incrementAndGet();
    return new DestinationWriter() {
      @Override
      public void deliver(DeliveryBatch batch) throws DeliveryException {
        attempts.add(batch);
        if (failNext.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
          throw new DeliveryException("S3.ServiceUnavailable", "injected failure", true);
        }
        delivered.add(batch);
        if ("Enabled".equals(config.get("S3BackupMode"))) {
          ctx.writeBackup(batch); // as the S3 writer does: the context backs up the source records
        }
        ctx.delivered("S3", batch.records().size(), 0, batch.oldestArrivalMillis());
      }

      @Override
      public void close() {
        writersClosed.incrementAndGet();
      }
    };
  }
}
