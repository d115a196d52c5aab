package io.rivulet.video.mkv;

import io.rivulet.video.mkv.EbmlReader.Header;
import java.io.IOException;
import java.io.InputStream;

/**
 * Incremental Matroska reader: pulls {@link MkvEvent}s from a byte stream as its bytes arrive
 * (each call blocks only until the next event is complete). Accepts Segments and Clusters of
 * unknown size (1- to 8-byte all-ones size fields): an unknown-size Cluster ends at the first
 * element that cannot be its child, an unknown-size Segment at a new EBML header or the end of
 * the stream. Skips CRC-32 and Void everywhere, and SeekHead, Cues, Chapters, Attachments, Position
 * and PrevSize; several EBML header + Segment sessions may follow each other. Element payloads
 * above {@code maxElementSize} are rejected. Not thread-safe.
 */
public final class MkvReader {

  /** The default cap on one element read into memory (a fragment is at most 50 MB). */
  public static final long DEFAULT_MAX_ELEMENT = 64L << 20;

  private final EbmlReader in;
  private final long maxElement;
  private Header pending;
  private boolean inSegment;
  private long segmentEnd = -1;
  private boolean inCluster;
  private long clusterEnd = -1;

  public MkvReader(InputStream in) {
    this(in, DEFAULT_MAX_ELEMENT);
  }

  public MkvReader(InputStream in, long maxElementSize) {
    this.in = new EbmlReader(in);
    this.maxElement = maxElementSize;
  }

  /** Bytes consumed so far (including a peeked element header). */
  public long position() {
    return in.position();
  }

  /** The next event, or null once the stream has ended (after closing open elements). */
  public MkvEvent next() throws IOException {
    while (true) {
      if (inCluster && clusterEnd >= 0 && in.position() >= clusterEnd && pending == null) {
        return endCluster(clusterEnd);
      }
      if (inSegment && segmentEnd >= 0 && in.position() >= segmentEnd && pending == null) {
        inSegment = false;
        return new MkvEvent.SegmentEnd(segmentEnd);
      }
      Header h = peek();
      if (h == null) {
        if (inCluster) {
          return endCluster(in.position());
        }
        if (inSegment) {
          inSegment = false;
          return new MkvEvent.SegmentEnd(in.position());
        }
        return null;
      }
      if (h.id() == Ebml.VOID || h.id() == Ebml.CRC32) {
        skip(h);
        continue;
      }
      MkvEvent e = inCluster ? clusterChild(h) : inSegment ? segmentChild(h) : topLevel(h);
      if (e != null) {
        return e;
      }
    }
  }

  private Header peek() throws IOException {
    if (pending == null) {
      pending = in.readHeader();
      if (pending != null) {
        checkFits(pending);
      }
    }
    return pending;
  }

  private void checkFits(Header h) throws MkvException {
    long parentEnd = inCluster && clusterEnd >= 0 ? clusterEnd : inSegment ? segmentEnd : -1;
    if (parentEnd >= 0 && !h.unknownSize() && h.end() > parentEnd) {
      throw new MkvException("element 0x" + Long.toHexString(h.id()) + " overruns its parent",
          h.offset());
    }
  }

  private MkvEvent endCluster(long offset) {
    inCluster = false;
    clusterEnd = -1;
    return new MkvEvent.ClusterEnd(offset);
  }

  private static boolean isClusterChild(long id) {
    return id == Ebml.TIMECODE || id == Ebml.SIMPLE_BLOCK || id == Ebml.BLOCK_GROUP
        || id == Ebml.POSITION || id == Ebml.PREV_SIZE || id == Ebml.SILENT_TRACKS
        || id == Ebml.ENCRYPTED_BLOCK;
  }

  private MkvEvent clusterChild(Header h) throws IOException {
    if (!isClusterChild(h.id())) {
      if (clusterEnd < 0) {
        return endCluster(h.offset()); // an unknown-size Cluster ends here; h stays pending
      }
      skip(h); // an unknown element inside a sized Cluster
      return null;
    }
    if (h.id() == Ebml.TIMECODE) {
      byte[] element = take(h);
      return new MkvEvent.ClusterTimecode(
          EbmlReader.unsigned(payload(element, h), h.offset()), element);
    }
    if (h.id() == Ebml.SIMPLE_BLOCK) {
      byte[] element = take(h);
      return new MkvEvent.BlockEvent(
          Block.parse(payload(element, h), true, false, h.offset() + h.headerLength()), element);
    }
    if (h.id() == Ebml.BLOCK_GROUP) {
      return ElementParsers.blockGroup(take(h), h);
    }
    skip(h);
    return null;
  }

  private MkvEvent segmentChild(Header h) throws IOException {
    long id = h.id();
    if (id == Ebml.EBML || id == Ebml.SEGMENT) {
      if (segmentEnd >= 0) {
        throw new MkvException("0x" + Long.toHexString(id) + " inside a sized Segment",
            h.offset());
      }
      inSegment = false;
      return new MkvEvent.SegmentEnd(h.offset());
    }
    if (id == Ebml.CLUSTER) {
      pending = null;
      inCluster = true;
      clusterEnd = h.unknownSize() ? -1 : h.end();
      return new MkvEvent.ClusterStart(h.offset(), h.unknownSize());
    }
    if (id == Ebml.INFO) {
      return ElementParsers.info(take(h), h);
    }
    if (id == Ebml.TRACKS) {
      return ElementParsers.tracks(take(h), h);
    }
    if (id == Ebml.TAGS) {
      return ElementParsers.tags(take(h), h);
    }
    skip(h); // SeekHead, Cues, Chapters, Attachments and unknown elements
    return null;
  }

  private MkvEvent topLevel(Header h) throws IOException {
    if (h.id() == Ebml.EBML) {
      return ElementParsers.ebmlHeader(take(h), h);
    }
    if (h.id() == Ebml.SEGMENT) {
      pending = null;
      inSegment = true;
      segmentEnd = h.unknownSize() ? -1 : h.end();
      return new MkvEvent.SegmentStart(h.offset(), h.unknownSize());
    }
    throw new MkvException("expected an EBML header or a Segment, found 0x"
        + Long.toHexString(h.id()), h.offset());
  }

  private byte[] take(Header h) throws IOException {
    pending = null;
    return in.readElement(h, maxElement);
  }

  private void skip(Header h) throws IOException {
    pending = null;
    in.skip(h);
  }

  private static byte[] payload(byte[] element, Header h) {
    byte[] out = new byte[element.length - h.headerLength()];
    System.arraycopy(element, h.headerLength(), out, 0, out.length);
    return out;
  }
}
