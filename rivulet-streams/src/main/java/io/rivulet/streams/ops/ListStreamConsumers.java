package io.rivulet.streams.ops;

import io.rivulet.protocol.RequestContext;
import io.rivulet.streams.KinesisError;
import io.rivulet.streams.engine.ConsumerMeta;
import io.rivulet.streams.engine.DataPlane;
import io.rivulet.streams.engine.StreamMeta;
import io.rivulet.streams.engine.StreamsEngine;
import io.rivulet.streams.ops.ConsumerShapes.Consumer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** ListStreamConsumers: the stream's consumers in name order, paged by MaxResults / NextToken. */
public final class ListStreamConsumers
    extends KinesisOperation<ListStreamConsumers.Input, ListStreamConsumers.Output> {
  static final int DEFAULT_MAX = 100;

  public record Input(String streamARN, String nextToken, Integer maxResults,
      Instant streamCreationTimestamp) {}

  public record Output(List<Consumer> consumers, String nextToken) {}

  public ListStreamConsumers(StreamsEngine engine, DataPlane data) {
    super(engine, data, Input.class);
  }

  @Override
  protected Output call(Input in, RequestContext ctx) {
    StreamMeta m = engine.describe(StreamRefs.resolve(null, in.streamARN(), ctx));
    if (in.streamCreationTimestamp() != null
        && in.streamCreationTimestamp().getEpochSecond() != m.createdMillis() / 1000) {
      throw KinesisError.RESOURCE_NOT_FOUND.with("Stream " + m.name() + " under account "
          + m.account() + " not found.");
    }
    String after = in.nextToken() == null ? null : ListStreams.decode(in.nextToken());
    int max = in.maxResults() == null ? DEFAULT_MAX : in.maxResults();
    List<ConsumerMeta> sorted = new ArrayList<>(m.consumers());
    sorted.sort(Comparator.comparing(ConsumerMeta::name));
    List<Consumer> page = new ArrayList<>();
    boolean more = false;
    for (ConsumerMeta c : sorted) {
      if (after != null && c.name().compareTo(after) <= 0) {
        continue;
      }
      if (page.size() == max) {
        more = true;
        break;
      }
      page.add(Consumer.of(m, c));
    }
    String token = more ? ListStreams.encode(page.get(page.size() - 1).consumerName()) : null;
    return new Output(page, token);
  }
}
