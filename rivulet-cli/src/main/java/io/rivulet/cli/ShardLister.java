package io.rivulet.cli;

import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.ListShardsResponse;
import software.amazon.awssdk.services.kinesis.model.Shard;
import software.amazon.awssdk.services.kinesis.model.ShardFilter;

/** Every shard ListShards returns, following NextToken (the SDK has no paginator for it). */
final class ShardLister {
  private ShardLister() {}

  static List<Shard> all(KinesisClient k, String stream, ShardFilter filter) {
    List<Shard> out = new ArrayList<>();
    ListShardsResponse r = k.listShards(b -> b.streamName(stream).shardFilter(filter));
    out.addAll(r.shards());
    while (r.nextToken() != null) {
      String token = r.nextToken();
      r = k.listShards(b -> b.nextToken(token));
      out.addAll(r.shards());
    }
    return out;
  }
}
