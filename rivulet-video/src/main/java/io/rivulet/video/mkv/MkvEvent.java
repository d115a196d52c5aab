package io.rivulet.video.mkv;

import io.rivulet.video.store.FragmentStore.TrackInfo;
import java.util.List;

/**
 * What {@link MkvReader} reports, in stream order. Elements that carry {@code element} hold the
 * element's bytes as received (header included), so that ingest can store them unchanged.
 * Immutable records.
 */
public sealed interface MkvEvent {

  /** The EBML header (a new session starts with one). */
  record EbmlHeader(String docType, long offset) implements MkvEvent {}

  /** A Segment opens; {@code unknownSize} for live streams. */
  record SegmentStart(long offset, boolean unknownSize) implements MkvEvent {}

  /** The open Segment ended (its size was reached, a new EBML header, or the end of the stream). */
  record SegmentEnd(long offset) implements MkvEvent {}

  /** Segment Info. */
  record Info(long timecodeScaleNanos, String title, String muxingApp, String writingApp,
      byte[] element) implements MkvEvent {}

  /** Tracks. */
  record Tracks(List<TrackInfo> tracks, byte[] element) implements MkvEvent {}

  /** A Cluster opens at {@code offset}. */
  record ClusterStart(long offset, boolean unknownSize) implements MkvEvent {}

  /** The open Cluster's Timecode (TimecodeScale units). */
  record ClusterTimecode(long timecode, byte[] element) implements MkvEvent {}

  /** A SimpleBlock, or a BlockGroup's Block ({@code element} is then the whole BlockGroup). */
  record BlockEvent(Block block, byte[] element) implements MkvEvent {}

  /** The open Cluster ended; {@code offset} is where its last byte ended. */
  record ClusterEnd(long offset) implements MkvEvent {}

  /** A segment-level Tags element: its SimpleTags flattened, in order. */
  record Tags(List<SimpleTag> tags, byte[] element) implements MkvEvent {}

  /** One SimpleTag: name and string value (binary values as null). */
  record SimpleTag(String name, String value) {}
}
