package io.rivulet.video.mkv;

import io.rivulet.video.mkv.EbmlReader.Header;
import io.rivulet.video.mkv.MkvEvent.SimpleTag;
import io.rivulet.video.store.FragmentStore.TrackInfo;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Parses whole, in-memory master elements (EBML header, Info, Tracks, Tags, BlockGroup) into
 * {@link MkvEvent}s. Children must have known sizes; unknown children are skipped. Stateless and
 * thread-safe.
 */
final class ElementParsers {
  /** SimpleTags may nest; deeper than this is refused (a nesting bomb would overflow the stack). */
  static final int MAX_TAG_DEPTH = 16;

  /** Iterates the children of one in-memory master payload. */
  private interface ChildVisitor {
    void visit(EbmlReader r, Header child) throws IOException;
  }

  static void children(byte[] element, int headerLength, long offset, ChildVisitor visitor)
      throws IOException {
    EbmlReader r = new EbmlReader(
        new ByteArrayInputStream(element, headerLength, element.length - headerLength),
        offset + headerLength);
    long end = offset + element.length;
    Header h;
    while (r.position() < end && (h = r.readHeader()) != null) {
      if (h.unknownSize() || h.end() > end) {
        throw new MkvException("child 0x" + Long.toHexString(h.id()) + " overruns its parent",
            h.offset());
      }
      long before = r.position();
      visitor.visit(r, h);
      if (r.position() == before) {
        r.skip(h);
      }
    }
  }

  /** The child's bytes (header included) taken from an in-memory master. */
  static byte[] whole(EbmlReader r, Header h) throws IOException {
    return r.readElement(h, Integer.MAX_VALUE - 16);
  }

  static MkvEvent.EbmlHeader ebmlHeader(byte[] element, Header top) throws IOException {
    String[] docType = {"matroska"};
    children(element, top.headerLength(), top.offset(), (r, h) -> {
      if (h.id() == Ebml.DOC_TYPE) {
        docType[0] = r.readString(h, 256);
      }
    });
    return new MkvEvent.EbmlHeader(docType[0], top.offset());
  }

  static MkvEvent.Info info(byte[] element, Header top) throws IOException {
    long[] scale = {1_000_000};
    String[] text = new String[3];
    children(element, top.headerLength(), top.offset(), (r, h) -> {
      if (h.id() == Ebml.TIMECODE_SCALE) {
        scale[0] = r.readUnsigned(h);
      } else if (h.id() == Ebml.TITLE) {
        text[0] = r.readString(h, 65536);
      } else if (h.id() == Ebml.MUXING_APP) {
        text[1] = r.readString(h, 65536);
      } else if (h.id() == Ebml.WRITING_APP) {
        text[2] = r.readString(h, 65536);
      }
    });
    if (scale[0] <= 0) {
      throw new MkvException("TimecodeScale must be positive", top.offset());
    }
    return new MkvEvent.Info(scale[0], text[0], text[1], text[2], element);
  }

  static MkvEvent.Tracks tracks(byte[] element, Header top) throws IOException {
    List<TrackInfo> tracks = new ArrayList<>();
    children(element, top.headerLength(), top.offset(), (r, h) -> {
      if (h.id() == Ebml.TRACK_ENTRY) {
        tracks.add(trackEntry(whole(r, h), h));
      }
    });
    return new MkvEvent.Tracks(List.copyOf(tracks), element);
  }

  private static TrackInfo trackEntry(byte[] element, Header top) throws IOException {
    long[] num = new long[4]; // number, type, width, height
    String[] text = {"", ""};
    byte[][] codecPrivate = {null};
    children(element, top.headerLength(), top.offset(), (r, h) -> {
      if (h.id() == Ebml.TRACK_NUMBER) {
        num[0] = r.readUnsigned(h);
      } else if (h.id() == Ebml.TRACK_TYPE) {
        num[1] = r.readUnsigned(h);
      } else if (h.id() == Ebml.CODEC_ID) {
        text[0] = r.readString(h, 65536);
      } else if (h.id() == Ebml.NAME) {
        text[1] = r.readString(h, 65536);
      } else if (h.id() == Ebml.CODEC_PRIVATE) {
        codecPrivate[0] = r.readPayload(h, Integer.MAX_VALUE - 16);
      } else if (h.id() == Ebml.VIDEO) {
        children(whole(r, h), h.headerLength(), h.offset(), (vr, vh) -> {
          if (vh.id() == Ebml.PIXEL_WIDTH) {
            num[2] = vr.readUnsigned(vh);
          } else if (vh.id() == Ebml.PIXEL_HEIGHT) {
            num[3] = vr.readUnsigned(vh);
          }
        });
      }
    });
    if (num[0] <= 0) {
      throw new MkvException("TrackEntry without a TrackNumber", top.offset());
    }
    return new TrackInfo(num[0], (int) Math.min(num[1], 255), text[0],
        codecPrivate[0] == null ? new byte[0] : codecPrivate[0], text[1],
        (int) Math.min(num[2], Integer.MAX_VALUE), (int) Math.min(num[3], Integer.MAX_VALUE));
  }

  static MkvEvent.Tags tags(byte[] element, Header top) throws IOException {
    List<SimpleTag> tags = new ArrayList<>();
    children(element, top.headerLength(), top.offset(), (r, h) -> {
      if (h.id() == Ebml.TAG) {
        children(whole(r, h), h.headerLength(), h.offset(), (tr, th) -> {
          if (th.id() == Ebml.SIMPLE_TAG) {
            simpleTag(whole(tr, th), th, tags, 0);
          }
        });
      }
    });
    return new MkvEvent.Tags(List.copyOf(tags), element);
  }

  private static void simpleTag(byte[] element, Header top, List<SimpleTag> out, int depth)
      throws IOException {
    if (depth > MAX_TAG_DEPTH) {
      throw new MkvException("SimpleTags nested deeper than " + MAX_TAG_DEPTH, top.offset());
    }
    String[] nv = {null, null};
    List<SimpleTag> nested = new ArrayList<>();
    children(element, top.headerLength(), top.offset(), (r, h) -> {
      if (h.id() == Ebml.TAG_NAME) {
        nv[0] = r.readString(h, 65536);
      } else if (h.id() == Ebml.TAG_STRING) {
        nv[1] = r.readString(h, 1 << 20);
      } else if (h.id() == Ebml.SIMPLE_TAG) {
        simpleTag(whole(r, h), h, nested, depth + 1);
      }
    });
    if (nv[0] != null) {
      out.add(new SimpleTag(nv[0], nv[1]));
    }
    out.addAll(nested);
  }

  static MkvEvent.BlockEvent blockGroup(byte[] element, Header top) throws IOException {
    byte[][] block = {null};
    long[] blockOffset = {0};
    boolean[] referenced = {false};
    children(element, top.headerLength(), top.offset(), (r, h) -> {
      if (h.id() == Ebml.BLOCK) {
        blockOffset[0] = h.offset() + h.headerLength();
        block[0] = r.readPayload(h, Integer.MAX_VALUE - 16);
      } else if (h.id() == Ebml.REFERENCE_BLOCK) {
        referenced[0] = true;
      }
    });
    if (block[0] == null) {
      throw new MkvException("BlockGroup without a Block", top.offset());
    }
    return new MkvEvent.BlockEvent(
        Block.parse(block[0], false, !referenced[0], blockOffset[0]), element);
  }

  private ElementParsers() {}
}
