package io.rivulet.video.ml;

import io.rivulet.protocol.AbstractOperation;
import io.rivulet.protocol.RequestContext;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The Rekognition stream-processor operations (and tagging of processors), each a thin call into
 * {@link StreamProcessors}. Thread-safe.
 */
final class StreamProcessorOps {
  static final int DEFAULT_MAX_RESULTS = 1000;

  private StreamProcessorOps() {}

  /** Empty output. */
  record Empty() {}

  @SuppressWarnings("unchecked")
  static Map<String, Object> map(Object o) {
    return o instanceof Map<?, ?> m ? (Map<String, Object>) m : null;
  }

  /** CreateStreamProcessor. */
  static final class CreateStreamProcessor
      extends AbstractOperation<CreateStreamProcessor.Input, CreateStreamProcessor.Output> {
    record Input(Object input, Object output, String name, Object settings, String roleArn,
        Map<String, String> tags, Object notificationChannel, String kmsKeyId,
        List<Object> regionsOfInterest, Object dataSharingPreference) {}

    record Output(String streamProcessorArn) {}

    private final StreamProcessors processors;

    CreateStreamProcessor(StreamProcessors processors) {
      super(Input.class);
      this.processors = processors;
    }

    @Override
    protected Output call(Input in, RequestContext ctx) {
      ProcessorMeta m = processors.create(new ProcessorMeta(in.name(), null, ctx.accountId(),
          ctx.region(), null, null, 0, 0, map(in.input()), map(in.output()), in.roleArn(),
          map(in.settings()), in.tags(), map(in.notificationChannel()), in.kmsKeyId(),
          in.regionsOfInterest(), map(in.dataSharingPreference()), null, null));
      return new Output(m.arn());
    }
  }

  /** StartStreamProcessor. */
  static final class StartStreamProcessor
      extends AbstractOperation<StartStreamProcessor.Input, StartStreamProcessor.Output> {
    record Input(String name, Object startSelector, Object stopSelector) {}

    record Output(String sessionId) {}

    private final StreamProcessors processors;

    StartStreamProcessor(StreamProcessors processors) {
      super(Input.class);
      this.processors = processors;
    }

    @Override
    protected Output call(Input in, RequestContext ctx) {
      Map<String, Object> kvs = map(map(in.startSelector()) == null ? null
          : map(in.startSelector()).get("KVSStreamStartSelector"));
      String fragment = kvs == null ? null : (String) kvs.get("FragmentNumber");
      Long producer = kvs != null && kvs.get("ProducerTimestamp") instanceof Number n
          ? n.longValue() : null;
      if (fragment != null && producer != null) {
        throw RekognitionError.INVALID_PARAMETER.with("KVSStreamStartSelector takes either"
            + " FragmentNumber or ProducerTimestamp, not both");
      }
      Map<String, Object> stop = map(in.stopSelector());
      long max = stop != null && stop.get("MaxDurationInSeconds") instanceof Number n
          ? n.longValue() : 0;
      return new Output(processors.start(ctx.accountId(), ctx.region(), in.name(), fragment,
          producer, max));
    }
  }

  /** StopStreamProcessor. */
  static final class StopStreamProcessor extends AbstractOperation<Named, Empty> {
    private final StreamProcessors processors;

    StopStreamProcessor(StreamProcessors processors) {
      super(Named.class);
      this.processors = processors;
    }

    @Override
    protected Empty call(Named in, RequestContext ctx) {
      processors.stop(ctx.accountId(), ctx.region(), in.name());
      return new Empty();
    }
  }

  /** A request naming one processor. */
  record Named(String name) {}

  /** DescribeStreamProcessor. */
  static final class DescribeStreamProcessor
      extends AbstractOperation<Named, DescribeStreamProcessor.Output> {
    record Output(String name, String streamProcessorArn, String status, String statusMessage,
        Instant creationTimestamp, Instant lastUpdateTimestamp, Map<String, Object> input,
        Map<String, Object> output, String roleArn, Map<String, Object> settings,
        Map<String, Object> notificationChannel, String kmsKeyId, List<Object> regionsOfInterest,
        Map<String, Object> dataSharingPreference) {}

    private final StreamProcessors processors;

    DescribeStreamProcessor(StreamProcessors processors) {
      super(Named.class);
      this.processors = processors;
    }

    @Override
    protected Output call(Named in, RequestContext ctx) {
      ProcessorMeta m = processors.describe(ctx.accountId(), ctx.region(), in.name());
      return new Output(m.name(), m.arn(), m.status(), m.statusMessage(),
          Instant.ofEpochMilli(m.created()), Instant.ofEpochMilli(m.updated()), m.input(),
          m.output(), m.roleArn(), m.settings(), m.notificationChannel(), m.kmsKeyId(),
          m.regionsOfInterest(), m.dataSharingPreference());
    }
  }

  /** ListStreamProcessors, by name, paged by the next name. */
  static final class ListStreamProcessors
      extends AbstractOperation<ListStreamProcessors.Input, ListStreamProcessors.Output> {
    record Input(String nextToken, Integer maxResults) {}

    record Summary(String name, String status) {}

    record Output(String nextToken, List<Summary> streamProcessors) {}

    private final StreamProcessors processors;

    ListStreamProcessors(StreamProcessors processors) {
      super(Input.class);
      this.processors = processors;
    }

    @Override
    protected Output call(Input in, RequestContext ctx) {
      String after = null;
      if (in.nextToken() != null) {
        if (!in.nextToken().startsWith("after:")) {
          throw RekognitionError.INVALID_PAGINATION_TOKEN.with("Invalid pagination token");
        }
        after = in.nextToken().substring("after:".length());
      }
      int max = in.maxResults() == null ? DEFAULT_MAX_RESULTS : in.maxResults();
      List<ProcessorMeta> all = processors.list(ctx.accountId(), ctx.region(), after);
      List<Summary> page = new ArrayList<>();
      for (ProcessorMeta m : all.subList(0, Math.min(max, all.size()))) {
        page.add(new Summary(m.name(), m.status()));
      }
      String next = all.size() > max ? "after:" + page.get(page.size() - 1).name() : null;
      return new Output(next, page);
    }
  }

  /** DeleteStreamProcessor. */
  static final class DeleteStreamProcessor extends AbstractOperation<Named, Empty> {
    private final StreamProcessors processors;

    DeleteStreamProcessor(StreamProcessors processors) {
      super(Named.class);
      this.processors = processors;
    }

    @Override
    protected Empty call(Named in, RequestContext ctx) {
      processors.delete(ctx.accountId(), ctx.region(), in.name());
      return new Empty();
    }
  }

  /** UpdateStreamProcessor (ConnectedHome labels and confidence, regions, data sharing). */
  static final class UpdateStreamProcessor
      extends AbstractOperation<UpdateStreamProcessor.Input, Empty> {
    record Input(String name, Object settingsForUpdate, List<Object> regionsOfInterestForUpdate,
        Object dataSharingPreferenceForUpdate, List<String> parametersToDelete) {}

    private final StreamProcessors processors;

    UpdateStreamProcessor(StreamProcessors processors) {
      super(Input.class);
      this.processors = processors;
    }

    @Override
    protected Empty call(Input in, RequestContext ctx) {
      Map<String, Object> settings = map(in.settingsForUpdate());
      Map<String, Object> home = settings == null ? null
          : map(settings.get("ConnectedHomeForUpdate"));
      processors.update(ctx.accountId(), ctx.region(), in.name(), home,
          in.regionsOfInterestForUpdate(), map(in.dataSharingPreferenceForUpdate()),
          in.parametersToDelete());
      return new Empty();
    }
  }

  /** TagResource (stream processors). */
  static final class TagResource extends AbstractOperation<TagResource.Input, Empty> {
    record Input(String resourceArn, Map<String, String> tags) {}

    private final StreamProcessors processors;

    TagResource(StreamProcessors processors) {
      super(Input.class);
      this.processors = processors;
    }

    @Override
    protected Empty call(Input in, RequestContext ctx) {
      ProcessorMeta m = byArn(processors, in.resourceArn());
      Map<String, String> tags = new LinkedHashMap<>(m.tags());
      tags.putAll(in.tags());
      if (tags.size() > 200) {
        throw RekognitionError.INVALID_PARAMETER.with("A resource can have at most 200 tags");
      }
      processors.tags(m, tags);
      return new Empty();
    }
  }

  /** UntagResource (stream processors). */
  static final class UntagResource extends AbstractOperation<UntagResource.Input, Empty> {
    record Input(String resourceArn, List<String> tagKeys) {}

    private final StreamProcessors processors;

    UntagResource(StreamProcessors processors) {
      super(Input.class);
      this.processors = processors;
    }

    @Override
    protected Empty call(Input in, RequestContext ctx) {
      ProcessorMeta m = byArn(processors, in.resourceArn());
      Map<String, String> tags = new LinkedHashMap<>(m.tags());
      in.tagKeys().forEach(tags::remove);
      processors.tags(m, tags);
      return new Empty();
    }
  }

  /** ListTagsForResource (stream processors). */
  static final class ListTagsForResource
      extends AbstractOperation<ListTagsForResource.Input, ListTagsForResource.Output> {
    record Input(String resourceArn) {}

    record Output(Map<String, String> tags) {}

    private final StreamProcessors processors;

    ListTagsForResource(StreamProcessors processors) {
      super(Input.class);
      this.processors = processors;
    }

    @Override
    protected Output call(Input in, RequestContext ctx) {
      return new Output(byArn(processors, in.resourceArn()).tags());
    }
  }

  static ProcessorMeta byArn(StreamProcessors processors, String arn) {
    return processors.byArn(arn).orElseThrow(() ->
        RekognitionError.RESOURCE_NOT_FOUND.with("Resource " + arn + " not found"));
  }
}
