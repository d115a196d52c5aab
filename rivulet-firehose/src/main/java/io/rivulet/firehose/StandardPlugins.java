package io.rivulet.firehose;

import io.rivulet.firehose.engine.DeliveryStreamMeta;
import io.rivulet.firehose.engine.DestinationConfigs;
import io.rivulet.firehose.engine.Destinations;
import io.rivulet.firehose.engine.FirehoseConfig;
import io.rivulet.firehose.engine.SourceFactory;
import io.rivulet.firehose.http.HttpEndpointDestinationWriter;
import io.rivulet.firehose.opensearch.OpenSearchDestinationWriter;
import io.rivulet.firehose.opensearch.OpenSearchFlavor;
import io.rivulet.firehose.format.FormatConverters;
import io.rivulet.firehose.format.InMemorySchemaCatalog;
import io.rivulet.firehose.format.SchemaCatalog;
import io.rivulet.firehose.pipeline.BufferWriter;
import io.rivulet.firehose.pipeline.DeliveryBatch;
import io.rivulet.firehose.pipeline.DeliveryException;
import io.rivulet.firehose.pipeline.RecordFormatConverter;
import io.rivulet.firehose.redshift.RedshiftDestinationWriter;
import io.rivulet.firehose.s3.S3Clients;
import io.rivulet.firehose.s3.S3DestinationWriter;
import io.rivulet.firehose.s3.S3Outputs;
import io.rivulet.firehose.pipeline.DeliveryContext;
import io.rivulet.firehose.pipeline.FailedRecord;
import io.rivulet.firehose.pipeline.RecordProcessor;
import io.rivulet.firehose.processing.LambdaEndpoints;
import io.rivulet.firehose.processing.ProcessingPipeline;
import io.rivulet.firehose.processing.ProcessorEnv;
import io.rivulet.firehose.processing.Processors;
import io.rivulet.firehose.source.KinesisStreamSource;
import io.rivulet.firehose.splunk.SplunkDestinationWriter;
import io.rivulet.streams.api.StreamsApi;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The plug-ins a server runs Firehose with: this build's destination writers, processors and S3
 * outputs, configured from the server's endpoints, and the Kinesis stream reader over Data
 * Streams' {@link StreamsApi}. Stateless.
 */
public final class StandardPlugins {
  private StandardPlugins() {}

  /**
   * Every destination type this build delivers to, with the processors and the S3 outputs; S3
   * clients (one per region) go to {@code endpoints.s3()} and are closed with the result. Record
   * format conversion reads tables from the local Glue catalog {@code glueCatalog} (null: an empty
   * one, so conversions fail their records with a table-not-found error).
   */
  public static Destinations destinations(FirehoseConfig.Endpoints endpoints, Path glueCatalog) {
    Map<String, String> endpointMap = endpoints.endpointMap();
    S3ClientCache s3 = new S3ClientCache(endpoints);
    SchemaCatalog catalog = glueCatalog == null ? new InMemorySchemaCatalog()
        : SchemaCatalog.directory(glueCatalog);
    Destinations.Builder b = Destinations.builder()
        .destination(DestinationConfigs.EXTENDED_S3, (meta, config, ctx) ->
                new S3DestinationWriter(config, new S3DestinationWriter.Env(s3.client(meta.region()),
                    ctx, meta.name(), Integer.toString(meta.versionId()),
                    converter(config, catalog, meta), null)),
            S3DestinationWriter::validate)
        .destination(DestinationConfigs.REDSHIFT, (meta, config, ctx) ->
                new RedshiftDestinationWriter(config, ctx, s3.client(meta.region()),
                    hostPort -> endpointMap.getOrDefault(hostPort, hostPort)),
            RedshiftDestinationWriter::validate)
        .destination(DestinationConfigs.HTTP_ENDPOINT, (meta, config, ctx) ->
                new HttpEndpointDestinationWriter(mapped(config, endpointMap,
                    "EndpointConfiguration", "Url"), ctx),
            HttpEndpointDestinationWriter::validate)
        .destination(DestinationConfigs.SPLUNK, (meta, config, ctx) ->
                new SplunkDestinationWriter(mapped(config, endpointMap, null, "HECEndpoint"), ctx),
            SplunkDestinationWriter::validate);
    for (Map.Entry<String, OpenSearchFlavor> e : Map.of(
        DestinationConfigs.OPENSEARCH, OpenSearchFlavor.OPENSEARCH_SERVICE,
        DestinationConfigs.ELASTICSEARCH, OpenSearchFlavor.ELASTICSEARCH,
        DestinationConfigs.OPENSEARCH_SERVERLESS, OpenSearchFlavor.OPENSEARCH_SERVERLESS).entrySet()) {
      OpenSearchFlavor flavor = e.getValue();
      b.destination(e.getKey(),
          (meta, config, ctx) -> new OpenSearchDestinationWriter(flavor, config, ctx, endpointMap),
          config -> OpenSearchDestinationWriter.validate(flavor, config));
    }
    return b.processors(processors(endpoints)).outputs(outputs(s3)).closing(s3).build();
  }

  @SuppressWarnings("unchecked")
  private static RecordFormatConverter converter(Map<String, Object> config, SchemaCatalog catalog,
      DeliveryStreamMeta meta) {
    if (!(config.get("DataFormatConversionConfiguration") instanceof Map<?, ?> c)
        || !FormatConverters.enabled((Map<String, Object>) c)) {
      return null;
    }
    return FormatConverters.from((Map<String, Object>) c, catalog, meta.arn());
  }

  /**
   * S3 error output and backup: an ExtendedS3 destination's errors go by its own configuration,
   * every other destination's by its S3Configuration; backups go to the S3BackupConfiguration of
   * ExtendedS3 and Redshift destinations, to the S3Configuration of the others (their AllData).
   */
  static Destinations.S3Outputs outputs(S3ClientCache s3) {
    return new Destinations.S3Outputs() {
      @Override
      public void writeErrorOutput(DeliveryStreamMeta meta, DeliveryBatch batch, String outputType,
          List<byte[]> lines) throws DeliveryException {
        boolean s3Destination = meta.destinationType().equals(DestinationConfigs.EXTENDED_S3);
        s3Outputs(meta, s3Destination ? meta.destination()
            : section(meta, "S3Configuration"), s3).writeErrorOutput(batch, outputType, lines);
      }

      @Override
      public void writeBackup(DeliveryStreamMeta meta, DeliveryBatch sourceBatch)
          throws DeliveryException {
        boolean ownBackup = meta.destinationType().equals(DestinationConfigs.EXTENDED_S3)
            || meta.destinationType().equals(DestinationConfigs.REDSHIFT);
        s3Outputs(meta, section(meta, ownBackup ? "S3BackupConfiguration" : "S3Configuration"), s3)
            .writeBackup(sourceBatch);
      }
    };
  }

  private static S3Outputs s3Outputs(DeliveryStreamMeta meta, Map<String, Object> s3Config,
      S3ClientCache s3) throws DeliveryException {
    if (s3Config == null) {
      throw new DeliveryException("S3.NoConfiguration", "the " + meta.destinationType()
          + " destination of " + meta.arn() + " has no S3 configuration for this output", true);
    }
    Object zone = meta.destination().get("CustomTimeZone");
    return new S3Outputs(s3Config, s3.client(meta.region()), meta.name(),
        Integer.toString(meta.versionId()), zone instanceof String z && !z.isEmpty()
            ? ZoneId.of(z) : null, Clock.systemUTC());
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> section(DeliveryStreamMeta meta, String member) {
    return meta.destination().get(member) instanceof Map<?, ?> m ? (Map<String, Object>) m : null;
  }

  /** One S3 client per region for the configured endpoint and credentials. Thread-safe. */
  static final class S3ClientCache implements AutoCloseable {
    private final FirehoseConfig.Endpoints endpoints;
    private final Map<String, S3Client> clients = new ConcurrentHashMap<>();

    S3ClientCache(FirehoseConfig.Endpoints endpoints) {
      this.endpoints = endpoints;
    }

    S3Client client(String region) {
      return clients.computeIfAbsent(region, r -> S3Clients.create(endpoints.s3(), r,
          endpoints.accessKeyId(), endpoints.secretAccessKey()));
    }

    @Override
    public void close() {
      clients.values().forEach(S3Client::close);
      clients.clear();
    }
  }

  /** The processors of ProcessingConfigurations: built-in ones and Lambda at the endpoints. */
  static Destinations.ProcessorFactory processors(FirehoseConfig.Endpoints endpoints) {
    LambdaEndpoints lambda = endpoints.lambda() == null ? LambdaEndpoints.none()
        : LambdaEndpoints.parse(endpoints.lambda());
    return new Destinations.ProcessorFactory() {
      @Override
      public RecordProcessor create(DeliveryStreamMeta meta, Map<String, Object> config,
          DeliveryContext ctx) {
        Object source = meta.source().get("KinesisStreamSourceConfiguration");
        ProcessorEnv env = ProcessorEnv.of(null, meta.arn(), meta.region(), ctx.clock(), ctx::sleep)
            .withLambdaEndpoints(lambda)
            .withCredentials(endpoints.accessKeyId(), endpoints.secretAccessKey())
            .withSourceKinesisStreamArn(source instanceof Map<?, ?> k
                ? (String) k.get(KinesisStreamSource.STREAM_ARN) : null);
        return Processors.from(config, env);
      }

      @Override
      public void validate(Map<String, Object> config) {
        Processors.validate(config);
      }

      @Override
      public Map<String, Object> describe(Map<String, Object> config, String roleArn) {
        return Processors.describe(config, roleArn);
      }

      @Override
      public String errorOutputType(FailedRecord failed) {
        return Processors.errorOutputType(failed);
      }

      @Override
      public String lambdaArn(RecordProcessor processor) {
        return processor instanceof ProcessingPipeline p ? p.lambdaArn() : null;
      }
    };
  }

  /**
   * {@code config} with the URL at {@code [structure.]member} rewritten by the endpoint map: an
   * entry for the whole URL wins, else one for its origin ({@code https://host[:port]}), whose
   * mapped origin then replaces it (path and query kept).
   */
  @SuppressWarnings("unchecked")
  static Map<String, Object> mapped(Map<String, Object> config, Map<String, String> endpointMap,
      String structure, String member) {
    Map<String, Object> holder = structure == null ? config
        : config.get(structure) instanceof Map<?, ?> m ? (Map<String, Object>) m : null;
    if (holder == null || !(holder.get(member) instanceof String url) || endpointMap.isEmpty()) {
      return config;
    }
    String target = endpointMap.get(url);
    if (target == null) {
      URI u = URI.create(url);
      String origin = u.getScheme() + "://" + u.getRawAuthority();
      String to = endpointMap.get(origin);
      if (to == null) {
        return config;
      }
      URI t = URI.create(to);
      target = t.getScheme() + "://" + t.getRawAuthority() + url.substring(origin.length());
    }
    Map<String, Object> changed = new LinkedHashMap<>(holder);
    changed.put(member, target);
    if (structure == null) {
      return changed;
    }
    Map<String, Object> out = new LinkedHashMap<>(config);
    out.put(structure, changed);
    return out;
  }

  /**
   * The reader of KinesisStreamAsSource delivery streams, keeping each one's positions in
   * {@code stateRoot/<account>/<region>/<name>-<created>/} (null: a temporary directory, for a
   * server without a data directory).
   */
  public static SourceFactory sources(StreamsApi streams, Path stateRoot, Clock clock) {
    Path root = stateRoot != null ? stateRoot : temporaryDirectory();
    return new SourceFactory() {
      @Override
      public void validate(Map<String, Object> config) {
        KinesisStreamSource.validate(config, streams);
      }

      @Override
      public Reader start(DeliveryStreamMeta meta, BufferWriter buffer) {
        @SuppressWarnings("unchecked")
        Map<String, Object> config =
            (Map<String, Object>) meta.source().get("KinesisStreamSourceConfiguration");
        KinesisStreamSource source = new KinesisStreamSource(config, new KinesisStreamSource.Env(
            meta.name(), streams, buffer, root.resolve(meta.logName()),
            Instant.ofEpochMilli(meta.createdMillis()), clock));
        source.start();
        return new Reader() {
          @Override
          public Stats stats() {
            KinesisStreamSource.Status s = source.status();
            return new Stats(s.recordsRead(), s.bytesRead(), s.millisBehindLatest(), s.error());
          }

          @Override
          public void close() {
            source.close();
          }
        };
      }

      @Override
      public void delete(DeliveryStreamMeta meta) {
        deleteRecursively(root.resolve(meta.logName()));
      }
    };
  }

  private static Path temporaryDirectory() {
    try {
      Path dir = Files.createTempDirectory("rivulet-firehose-sources-");
      dir.toFile().deleteOnExit();
      return dir;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void deleteRecursively(Path dir) {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(dir)) {
      for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot delete " + dir, e);
    }
  }

  /** Parses {@code from=to,from=to} (the server's endpoint map option). */
  public static Map<String, String> parseEndpointMap(String text) {
    Map<String, String> out = new LinkedHashMap<>();
    if (text == null || text.isBlank()) {
      return out;
    }
    for (String pair : text.split(",")) {
      int eq = pair.indexOf('=');
      if (eq <= 0 || eq == pair.length() - 1) {
        throw new IllegalArgumentException("endpoint map entries are from=to, not " + pair);
      }
      out.put(pair.substring(0, eq).trim(), pair.substring(eq + 1).trim());
    }
    return out;
  }
}
