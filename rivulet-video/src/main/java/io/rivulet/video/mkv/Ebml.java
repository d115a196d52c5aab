package io.rivulet.video.mkv;

/**
 * EBML and Matroska element ids (with their marker bits, as written on the wire) and variable-size
 * integer helpers. Stateless and thread-safe.
 */
public final class Ebml {
  // EBML header
  public static final long EBML = 0x1A45DFA3L;
  public static final long EBML_VERSION = 0x4286;
  public static final long EBML_READ_VERSION = 0x42F7;
  public static final long EBML_MAX_ID_LENGTH = 0x42F2;
  public static final long EBML_MAX_SIZE_LENGTH = 0x42F3;
  public static final long DOC_TYPE = 0x4282;
  public static final long DOC_TYPE_VERSION = 0x4287;
  public static final long DOC_TYPE_READ_VERSION = 0x4285;
  // global
  public static final long VOID = 0xEC;
  public static final long CRC32 = 0xBF;
  // segment and its top-level children
  public static final long SEGMENT = 0x18538067L;
  public static final long SEEK_HEAD = 0x114D9B74L;
  public static final long INFO = 0x1549A966L;
  public static final long TRACKS = 0x1654AE6BL;
  public static final long CLUSTER = 0x1F43B675L;
  public static final long CUES = 0x1C53BB6BL;
  public static final long CHAPTERS = 0x1043A770L;
  public static final long ATTACHMENTS = 0x1941A469L;
  public static final long TAGS = 0x1254C367L;
  // Info
  public static final long TIMECODE_SCALE = 0x2AD7B1;
  public static final long DURATION = 0x4489;
  public static final long TITLE = 0x7BA9;
  public static final long MUXING_APP = 0x4D80;
  public static final long WRITING_APP = 0x5741;
  public static final long SEGMENT_UID = 0x73A4;
  // Tracks
  public static final long TRACK_ENTRY = 0xAE;
  public static final long TRACK_NUMBER = 0xD7;
  public static final long TRACK_UID = 0x73C5;
  public static final long TRACK_TYPE = 0x83;
  public static final long CODEC_ID = 0x86;
  public static final long CODEC_PRIVATE = 0x63A2;
  public static final long CODEC_NAME = 0x258688;
  public static final long NAME = 0x536E;
  public static final long DEFAULT_DURATION = 0x23E383;
  public static final long VIDEO = 0xE0;
  public static final long PIXEL_WIDTH = 0xB0;
  public static final long PIXEL_HEIGHT = 0xBA;
  public static final long AUDIO = 0xE1;
  public static final long SAMPLING_FREQUENCY = 0xB5;
  public static final long CHANNELS = 0x9F;
  // Cluster
  public static final long TIMECODE = 0xE7;
  public static final long POSITION = 0xA7;
  public static final long PREV_SIZE = 0xAB;
  public static final long SILENT_TRACKS = 0x5854;
  public static final long SIMPLE_BLOCK = 0xA3;
  public static final long BLOCK_GROUP = 0xA0;
  public static final long BLOCK = 0xA1;
  public static final long BLOCK_DURATION = 0x9B;
  public static final long REFERENCE_BLOCK = 0xFB;
  public static final long ENCRYPTED_BLOCK = 0xAF;
  // Tags
  public static final long TAG = 0x7373;
  public static final long TARGETS = 0x63C0;
  public static final long TARGET_TYPE_VALUE = 0x68CA;
  public static final long SIMPLE_TAG = 0x67C8;
  public static final long TAG_NAME = 0x45A3;
  public static final long TAG_STRING = 0x4487;
  public static final long TAG_BINARY = 0x4485;
  public static final long TAG_LANGUAGE = 0x447A;

  /** The size field value that means "unknown" for an n-byte size: all value bits set. */
  public static long unknownSize(int length) {
    return (1L << (7 * length)) - 1;
  }

  /** The bytes of an element id (its value already carries the length marker). */
  public static byte[] idBytes(long id) {
    int length = idLength(id);
    byte[] out = new byte[length];
    for (int i = length - 1; i >= 0; i--) {
      out[i] = (byte) id;
      id >>>= 8;
    }
    return out;
  }

  /** How many bytes an id occupies. */
  public static int idLength(long id) {
    if (id <= 0 || id > 0xFFFFFFFFL) {
      throw new IllegalArgumentException("bad EBML id " + id);
    }
    return id > 0xFFFFFF ? 4 : id > 0xFFFF ? 3 : id > 0xFF ? 2 : 1;
  }

  /** A size as the shortest vint that can hold it (never the all-ones "unknown" pattern). */
  public static byte[] sizeBytes(long size) {
    int length = 1;
    while (length < 8 && size >= unknownSize(length)) {
      length++;
    }
    return sizeBytes(size, length);
  }

  /** A size as an n-byte vint. */
  public static byte[] sizeBytes(long size, int length) {
    if (length < 1 || length > 8 || size < 0 || size > unknownSize(length)) {
      throw new IllegalArgumentException("size " + size + " does not fit " + length + " bytes");
    }
    byte[] out = new byte[length];
    long value = size | (1L << (7 * length));
    for (int i = length - 1; i >= 0; i--) {
      out[i] = (byte) value;
      value >>>= 8;
    }
    return out;
  }

  private Ebml() {}
}
