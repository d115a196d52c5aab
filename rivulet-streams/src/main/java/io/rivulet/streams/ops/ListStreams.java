package io.rivulet.streams.ops;

import io.rivulet.protocol.RequestContext;
import io.rivulet.streams.KinesisError;
import io.rivulet.streams.engine.DataPlane;
import io.rivulet.streams.engine.StreamMeta;
import io.rivulet.streams.engine.StreamsEngine;
import io.rivulet.streams.model.Shapes.StreamSummary;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * ListStreams: names in order, paged by Limit and ExclusiveStartStreamName or NextToken (the
 * token is the last name returned, encoded).
 */
public final class ListStreams extends KinesisOperation<ListStreams.Input, ListStreams.Output> {
  static final int DEFAULT_LIMIT = 100;

  public record Input(Integer limit, String exclusiveStartStreamName, String nextToken) {}

  public record Output(List<String> streamNames, Boolean hasMoreStreams, String nextToken,
      List<StreamSummary> streamSummaries) {}

  public ListStreams(StreamsEngine engine, DataPlane data) {
    super(engine, data, Input.class);
  }

  @Override
  protected Output call(Input in, RequestContext ctx) {
    String after = in.exclusiveStartStreamName();
    if (in.nextToken() != null) {
      if (after != null) {
        throw KinesisError.INVALID_ARGUMENT.with(
            "NextToken and ExclusiveStartStreamName cannot be provided together.");
      }
      after = decode(in.nextToken());
    }
    int limit = in.limit() == null ? DEFAULT_LIMIT : Math.min(in.limit(), DEFAULT_LIMIT);
    List<String> names = new ArrayList<>();
    List<StreamSummary> summaries = new ArrayList<>();
    boolean more = false;
    for (StreamMeta m : engine.list(ctx.accountId(), ctx.region())) {
      if (after != null && m.name().compareTo(after) <= 0) {
        continue;
      }
      if (names.size() == limit) {
        more = true;
        break;
      }
      names.add(m.name());
      summaries.add(StreamSummary.of(m));
    }
    String token = more ? encode(names.get(names.size() - 1)) : null;
    return new Output(names, more, token, summaries);
  }

  /** A NextToken that resumes after {@code name} (name-ordered listings). */
  static String encode(String name) {
    return Base64.getUrlEncoder().withoutPadding().encodeToString(name.getBytes(StandardCharsets.UTF_8));
  }

  /** The name a NextToken resumes after; InvalidArgumentException for a foreign token. */
  static String decode(String token) {
    try {
      return new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      throw KinesisError.INVALID_ARGUMENT.with("Invalid NextToken.");
    }
  }
}
