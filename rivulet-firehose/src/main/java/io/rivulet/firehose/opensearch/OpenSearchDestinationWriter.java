package io.rivulet.firehose.opensearch;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.rivulet.firehose.opensearch.BulkClient.Doc;
import io.rivulet.firehose.opensearch.BulkClient.Outcome;
import io.rivulet.firehose.pipeline.DeliveryBatch;
import io.rivulet.firehose.pipeline.DeliveryContext;
import io.rivulet.firehose.pipeline.DeliveryException;
import io.rivulet.firehose.pipeline.DestinationWriter;
import io.rivulet.firehose.pipeline.FirehoseRecord;
import io.rivulet.firehose.util.Backoff;
import io.rivulet.firehose.util.RetryLoop;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * The Amazon OpenSearch Service, Elasticsearch and OpenSearch Serverless destination: indexes each
 * record (a JSON object) through the cluster's {@code _bulk} API into IndexName plus the
 * IndexRotationPeriod suffix of the record's arrival time, with a document id derived from the
 * record id (FIREHOSE_DEFAULT, so a redelivered batch overwrites its documents) or none
 * (NO_DOCUMENT_ID). Items that fail with 429 or 5xx, and requests that fail as a whole, are retried
 * with exponential back-off, 1 s doubling to 30 s (waiting through {@link DeliveryContext#sleep}),
 * until RetryOptions' DurationInSeconds (default 300) has passed since the first attempt began
 * ({@link RetryLoop.Budget#ELAPSED}); what fails otherwise or
 * after that goes to the S3 error output ({@code opensearch-failed} / {@code elasticsearch-failed})
 * as Firehose's failed-document JSON lines. S3BackupMode AllDocuments also writes every batch to
 * the S3 backup. A DomainARN cannot be reached from here: the endpoint map given to the
 * constructor names the URL for it (or replaces a ClusterEndpoint). Called from one delivery
 * thread; not thread-safe.
 */
public final class OpenSearchDestinationWriter implements DestinationWriter {
  private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);
  private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(120);
  private static final int MAX_ID_BYTES = 512;
  private static final ObjectMapper JSON = new ObjectMapper();

  private final OpenSearchConfig config;
  private final RetryLoop.Policy retries;
  private final DeliveryContext ctx;
  private final BulkClient client;
  private Boolean takesTypes;

  /**
   * A writer for an AmazonopensearchserviceDestinationConfiguration (or, when it has a
   * CollectionEndpoint, an AmazonOpenSearchServerlessDestinationConfiguration) whose
   * ClusterEndpoint is reachable as configured.
   */
  public OpenSearchDestinationWriter(Map<String, Object> config, DeliveryContext ctx) {
    this(flavorOf(config), config, ctx, Map.of());
  }

  /**
   * A writer for {@code config} of the given destination. {@code endpointMap} maps a DomainARN,
   * ClusterEndpoint or CollectionEndpoint, exactly as configured, to the URL to use instead
   * ({@code http://127.0.0.1:9200}; user info becomes HTTP Basic authentication); unmapped
   * endpoints are used as they are, an unmapped DomainARN sends every document to the error
   * output.
   */
  public OpenSearchDestinationWriter(OpenSearchFlavor flavor, Map<String, Object> config,
      DeliveryContext ctx, Map<String, String> endpointMap) {
    this.config = OpenSearchConfig.parse(flavor, config, endpointMap);
    this.retries = new RetryLoop.Policy(Backoff.ONE_TO_THIRTY_SECONDS,
        this.config.retryDuration(), RetryLoop.Budget.ELAPSED);
    this.ctx = ctx;
    this.client = this.config.endpoint() == null ? null
        : new BulkClient(this.config.endpoint(), flavor, CONNECT_TIMEOUT, REQUEST_TIMEOUT);
  }

  /**
   * Checks an OpenSearch Service or Elasticsearch configuration (or a Serverless one, when it has
   * a CollectionEndpoint) at CreateDeliveryStream/UpdateDestination time.
   *
   * @throws io.rivulet.protocol.AwsException InvalidArgumentException
   */
  public static void validate(Map<String, Object> config) {
    validate(flavorOf(config), config);
  }

  /** Checks a configuration of the given destination; see {@link #validate(Map)}. */
  public static void validate(OpenSearchFlavor flavor, Map<String, Object> config) {
    OpenSearchConfig.validate(flavor, config);
  }

  private static OpenSearchFlavor flavorOf(Map<String, Object> config) {
    return config.containsKey("CollectionEndpoint") ? OpenSearchFlavor.OPENSEARCH_SERVERLESS
        : OpenSearchFlavor.OPENSEARCH_SERVICE;
  }

  /** A document that went to the error output, and why. */
  private record Failure(Doc doc, Outcome outcome, int attempts, long endedMillis) {}

  @Override
  public void deliver(DeliveryBatch batch) throws DeliveryException, InterruptedException {
    if (batch.records().isEmpty()) {
      return;
    }
    if (config.backupAll()) {
      ctx.writeBackup(batch);
    }
    List<Failure> failures = new ArrayList<>();
    List<Doc> docs = prepare(batch.records(), failures);
    List<Doc> indexed = config.endpoint() == null ? unresolved(docs, failures)
        : indexWithRetries(docs, failures);
    if (!failures.isEmpty()) {
      List<byte[]> lines = new ArrayList<>(failures.size());
      for (Failure f : failures) {
        lines.add(failedDocumentLine(f));
      }
      ctx.writeErrorOutput(batch, config.flavor().errorOutputType(), lines);
      ctx.failed(config.flavor().metricsName(), failures.size());
    }
    if (!indexed.isEmpty()) {
      long bytes = 0;
      long oldest = Long.MAX_VALUE;
      for (Doc d : indexed) {
        bytes += d.record().data().length;
        oldest = Math.min(oldest, d.record().arrivalMillis());
      }
      ctx.delivered(config.flavor().metricsName(), indexed.size(), bytes, oldest);
    }
  }

  /**
   * The documents of {@code records}: index by arrival time, id by record id (a record id seen
   * again in the batch, as after de-aggregation, gets its subsequence number appended), the JSON
   * on one line. Records that are not one JSON object go to {@code failures}.
   */
  private List<Doc> prepare(List<FirehoseRecord> records, List<Failure> failures) {
    List<Doc> docs = new ArrayList<>(records.size());
    Map<String, Integer> seen = new HashMap<>();
    long now = ctx.clock().millis();
    for (FirehoseRecord r : records) {
      int sub = seen.merge(r.recordId(), 1, Integer::sum) - 1;
      String index = config.rotation().indexName(config.indexName(), r.arrivalMillis());
      String id = config.documentIds() ? documentId(r.recordId(), sub) : null;
      byte[] source = jsonObjectLine(r.data());
      Doc doc = new Doc(r, sub, index, id, source);
      if (source == null) {
        failures.add(new Failure(doc, new Outcome(0,
            config.flavor().errorCode("MalformedData"),
            "The record is not a single valid JSON object.", false), 0, now));
      } else {
        docs.add(doc);
      }
    }
    return docs;
  }

  static String documentId(String recordId, int subsequence) {
    String id = subsequence == 0 ? recordId : recordId + "-" + subsequence;
    if (id.getBytes(StandardCharsets.UTF_8).length <= MAX_ID_BYTES) {
      return id;
    }
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
          .digest(id.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * {@code data} when it is exactly one JSON object (whitespace around it allowed), with line
   * breaks turned into spaces so it fits on one bulk line (in valid JSON they are only ever
   * whitespace, and no UTF-8 sequence contains their bytes); null otherwise.
   */
  static byte[] jsonObjectLine(byte[] data) {
    try (JsonParser p = JSON.createParser(data)) {
      if (p.nextToken() != JsonToken.START_OBJECT) {
        return null;
      }
      p.skipChildren();
      if (p.nextToken() != null) {
        return null;
      }
    } catch (IOException e) {
      return null;
    }
    byte[] line = data;
    for (int i = 0; i < line.length; i++) {
      if (line[i] == '\n' || line[i] == '\r') {
        if (line == data) {
          line = data.clone();
        }
        line[i] = ' ';
      }
    }
    return line;
  }

  /** An unmapped DomainARN: nothing can be sent; every document goes to the error output. */
  private List<Doc> unresolved(List<Doc> docs, List<Failure> failures) {
    Outcome o = new Outcome(0, config.flavor().errorCode("ResourceNotFound"),
        "The domain " + config.configuredEndpoint() + " cannot be reached from here: map it to a"
            + " cluster URL (the Firehose endpoint map).", false);
    long now = ctx.clock().millis();
    for (Doc d : docs) {
      failures.add(new Failure(d, o, 0, now));
    }
    return List.of();
  }

  /**
   * Sends the pending documents until each is indexed, failed for good, or RetryDuration (from the
   * first attempt) is over; returns the indexed ones and adds the rest to {@code failures}.
   */
  private List<Doc> indexWithRetries(List<Doc> docs, List<Failure> failures)
      throws InterruptedException {
    Attempts attempts = new Attempts(docs, failures);
    if (!docs.isEmpty()) {
      RetryLoop.run(ctx, retries, attempts::next);
    }
    attempts.giveUp();
    return attempts.indexed;
  }

  /**
   * One batch's documents across attempts: each attempt sends only those still pending (429 or
   * 5xx last time); documents failed for good go to {@code failures} at once.
   */
  private final class Attempts {
    final List<Doc> indexed = new ArrayList<>();
    private final List<Failure> failures;
    private List<Doc> pending;
    private List<Outcome> pendingOutcomes = List.of();
    private int made;
    private long endedMillis;

    Attempts(List<Doc> docs, List<Failure> failures) {
      this.pending = docs;
      this.failures = failures;
    }

    /** One attempt; throws a retryable failure while documents are left to retry. */
    void next() throws DeliveryException, InterruptedException {
      made++;
      List<Outcome> outcomes = attempt(pending);
      endedMillis = ctx.clock().millis();
      List<Doc> retry = new ArrayList<>();
      List<Outcome> retryOutcomes = new ArrayList<>();
      for (int i = 0; i < pending.size(); i++) {
        Outcome o = outcomes.get(i);
        if (o.indexed()) {
          indexed.add(pending.get(i));
        } else if (o.retryable()) {
          retry.add(pending.get(i));
          retryOutcomes.add(o);
        } else {
          failures.add(new Failure(pending.get(i), o, made, endedMillis));
        }
      }
      pending = retry;
      pendingOutcomes = retryOutcomes;
      if (!pending.isEmpty()) {
        throw new DeliveryException(retryOutcomes.get(0).errorCode(),
            pending.size() + " documents to retry", true);
      }
    }

    /** The documents still pending when the retry duration ended fail with their last outcome. */
    void giveUp() {
      for (int i = 0; i < pending.size(); i++) {
        failures.add(new Failure(pending.get(i), pendingOutcomes.get(i), made, endedMillis));
      }
    }
  }

  private List<Outcome> attempt(List<Doc> pending) throws InterruptedException {
    String type = null;
    if (config.typeName() != null) {
      try {
        if (takesTypes == null) {
          takesTypes = client.takesTypes();
        }
      } catch (BulkClient.RequestFailure f) {
        return Collections.nCopies(pending.size(), f.outcome);
      }
      type = takesTypes ? config.typeName() : null;
    }
    return client.index(pending, type);
  }

  /** Firehose's failed-document line for the S3 error output (without the line break). */
  private byte[] failedDocumentLine(Failure f) {
    ObjectNode n = JSON.createObjectNode();
    n.put("attemptsMade", f.attempts());
    n.put("arrivalTimestamp", f.doc().record().arrivalMillis());
    n.put("errorCode", f.outcome().errorCode());
    n.put("errorMessage", f.outcome().errorMessage());
    n.put("attemptEndingTimestamp", f.endedMillis());
    n.put("rawData", Base64.getEncoder().encodeToString(f.doc().record().data()));
    n.put("subsequenceNumber", f.doc().subsequence());
    n.put("esDocumentId", f.doc().id());
    n.put("esIndexName", f.doc().index());
    n.put("esTypeName", config.typeName() == null ? "" : config.typeName());
    try {
      return JSON.writeValueAsBytes(n);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public void close() {
    if (client != null) {
      client.close();
    }
  }
}
