package io.rivulet.benchmarks.analytics;

import java.util.List;
import java.util.Locale;

/**
 * The Flink SQL of the analytics benchmark: the {@code bids} table over either source (the same
 * columns, the same event time {@code base + id} milliseconds and the same watermark), the
 * blackhole sinks and the three queries. Stateless; thread-safe.
 */
final class BenchQueries {
  /** Event time of event {@code id}: this epoch millisecond (2026-01-01T00:00:00Z) plus id ms. */
  static final long BASE_MILLIS = 1_767_225_600_000L;
  static final long AUCTIONS = 1_000;
  static final long BIDDERS = 100_000;
  static final long MAX_PRICE = 100_000;
  /** How far event time may go back across shards before rows count as late. */
  static final String WATERMARK_DELAY = "INTERVAL '30' SECOND";

  private BenchQueries() {}

  /** One benchmarked query: its sink's DDL and its INSERT. */
  record Query(String name, String sinkDdl, String insert) {}

  static final Query COUNT_DISTINCT = new Query("count-distinct",
      "CREATE TABLE active_users (window_start TIMESTAMP(3), window_end TIMESTAMP(3),"
          + " users BIGINT) WITH ('connector' = 'blackhole')",
      "INSERT INTO active_users SELECT window_start, window_end, COUNT(DISTINCT bidder)"
          + " FROM TABLE(HOP(TABLE bids, DESCRIPTOR(rt), INTERVAL '1' MINUTE,"
          + " INTERVAL '5' MINUTE)) GROUP BY window_start, window_end");

  /** Nexmark q5, hot items: the auctions with the most bids in each sliding window. */
  static final Query Q5 = new Query("q5",
      "CREATE TABLE hot_items (auction BIGINT, num BIGINT) WITH ('connector' = 'blackhole')",
      "INSERT INTO hot_items SELECT AuctionBids.auction, AuctionBids.num FROM ("
          + " SELECT auction, COUNT(*) AS num, window_start AS starttime, window_end AS endtime"
          + " FROM TABLE(HOP(TABLE bids, DESCRIPTOR(rt), INTERVAL '2' SECOND,"
          + " INTERVAL '10' SECOND)) GROUP BY auction, window_start, window_end) AS AuctionBids"
          + " JOIN ("
          + " SELECT MAX(CountBids.num) AS maxn, CountBids.starttime, CountBids.endtime FROM ("
          + " SELECT COUNT(*) AS num, window_start AS starttime, window_end AS endtime"
          + " FROM TABLE(HOP(TABLE bids, DESCRIPTOR(rt), INTERVAL '2' SECOND,"
          + " INTERVAL '10' SECOND)) GROUP BY auction, window_start, window_end) AS CountBids"
          + " GROUP BY CountBids.starttime, CountBids.endtime) AS MaxBids"
          + " ON AuctionBids.starttime = MaxBids.starttime"
          + " AND AuctionBids.endtime = MaxBids.endtime AND AuctionBids.num >= MaxBids.maxn");

  /**
   * Nexmark q7, highest bid: the bids with the highest price of each 10-second tumbling window
   * (Nexmark's join back to the bids, on the window's rowtime so that it is an interval join).
   */
  static final Query Q7 = new Query("q7",
      "CREATE TABLE highest_bids (auction BIGINT, price BIGINT, bidder BIGINT,"
          + " rt TIMESTAMP_LTZ(3)) WITH ('connector' = 'blackhole')",
      "INSERT INTO highest_bids SELECT B.auction, B.price, B.bidder, B.rt FROM bids B JOIN ("
          + " SELECT MAX(price) AS maxprice, window_time AS wt"
          + " FROM TABLE(TUMBLE(TABLE bids, DESCRIPTOR(rt), INTERVAL '10' SECOND))"
          + " GROUP BY window_start, window_end, window_time) B1"
          + " ON B.price = B1.maxprice"
          + " AND B.rt BETWEEN B1.wt - INTERVAL '10' SECOND AND B1.wt");

  static final List<Query> ALL = List.of(COUNT_DISTINCT, Q5, Q7);

  /** The query named {@code name} (count-distinct, q5 or q7). */
  static Query named(String name) {
    String n = name.trim().toLowerCase(Locale.ROOT);
    return ALL.stream().filter(q -> q.name().equals(n)).findFirst()
        .orElseThrow(() -> new IllegalArgumentException("unknown query '" + name
            + "': use count-distinct, q5 or q7"));
  }

  private static String columns() {
    return "id BIGINT, auction BIGINT, bidder BIGINT, price BIGINT,"
        + " rt AS TO_TIMESTAMP_LTZ(" + BASE_MILLIS + " + id, 3),"
        + " WATERMARK FOR rt AS rt - " + WATERMARK_DELAY;
  }

  /** {@code bids} from Flink's datagen: ids 0 to events - 1, the rest random, as fast as it can. */
  static String datagenTable(long events) {
    return "CREATE TABLE bids (" + columns() + ") WITH ('connector' = 'datagen',"
        + " 'rows-per-second' = '1000000000',"
        + " 'fields.id.kind' = 'sequence', 'fields.id.start' = '0',"
        + " 'fields.id.end' = '" + (events - 1) + "',"
        + " 'fields.auction.min' = '0', 'fields.auction.max' = '" + (AUCTIONS - 1) + "',"
        + " 'fields.bidder.min' = '0', 'fields.bidder.max' = '" + (BIDDERS - 1) + "',"
        + " 'fields.price.min' = '1', 'fields.price.max' = '" + MAX_PRICE + "')";
  }

  /** {@code bids} from a Rivulet stream of JSON events, in-process, from its oldest record. */
  static String rivuletTable(String stream) {
    return "CREATE TABLE bids (" + columns() + ") WITH ('connector' = 'rivulet',"
        + " 'stream' = '" + stream + "', 'format' = 'json',"
        + " 'scan.startup.mode' = 'trim-horizon')";
  }

  /** Event {@code id} as the JSON the stream holds. */
  static String json(long id, long auction, long bidder, long price) {
    return "{\"id\":" + id + ",\"auction\":" + auction + ",\"bidder\":" + bidder + ",\"price\":"
        + price + "}";
  }
}
