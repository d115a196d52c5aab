package io.rivulet.console;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.rivulet.video.control.StreamMeta;
import io.rivulet.video.control.VideoStreams;
import io.rivulet.video.store.FragmentStore;
import io.rivulet.video.store.FragmentStore.FragmentInfo;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Optional;

/**
 * The console's read-only view of Kinesis Video Streams: every stream with its settings and, when
 * a fragment store is wired, how many fragments it holds (counted up to {@link #COUNT_CAP}) and
 * the newest one.
 *
 * <pre>
 * {"timeMillis": 1700000000000, "fragmentStore": true,
 *  "streams": [{"account": "000000000000", "region": "us-east-1", "name": "cam",
 *     "arn": "arn:aws:kinesisvideo:...:stream/cam/1700000000000", "status": "ACTIVE",
 *     "mediaType": "video/h264", "deviceName": null, "dataRetentionInHours": 24,
 *     "creationTime": 1700000000.000, "fragments": 12, "fragmentsCapped": false,
 *     "lastFragment": {"fragmentNumber": "...", "producerTimestamp": 1700000001.000,
 *        "serverTimestamp": 1700000001.020, "durationMillis": 2000, "sizeBytes": 51234}}]}
 * </pre>
 *
 * {@code fragments} and {@code lastFragment} are null without a fragment store. Thread-safe (reads
 * the catalog and store, both thread-safe).
 */
final class ConsoleVideo {
  /** Fragments are counted up to this many per stream. */
  static final int COUNT_CAP = 100_000;
  private static final JsonFactory JSON = new JsonFactory();

  private final VideoStreams streams;
  private final FragmentStore store; // null: none wired

  ConsoleVideo(VideoStreams streams, FragmentStore store) {
    this.streams = streams;
    this.store = store;
  }

  /** The streams of one account (null: every account's). */
  byte[] json(String account) {
    long now = streams.clockMillis();
    ByteArrayOutputStream out = new ByteArrayOutputStream(2048);
    try (JsonGenerator g = JSON.createGenerator(out)) {
      g.writeStartObject();
      g.writeNumberField("timeMillis", now);
      g.writeBooleanField("fragmentStore", store != null);
      g.writeArrayFieldStart("streams");
      for (StreamMeta m : streams.all()) {
        if (account == null || account.equals(m.account())) {
          writeStream(g, m, now);
        }
      }
      g.writeEndArray();
      g.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  private void writeStream(JsonGenerator g, StreamMeta m, long now) throws IOException {
    g.writeStartObject();
    g.writeStringField("account", m.account());
    g.writeStringField("region", m.region());
    g.writeStringField("name", m.name());
    g.writeStringField("arn", m.arn());
    g.writeStringField("status", m.status(now));
    g.writeStringField("mediaType", m.mediaType());
    g.writeStringField("deviceName", m.deviceName());
    g.writeNumberField("dataRetentionInHours", m.dataRetentionInHours());
    g.writeNumberField("creationTime", m.creationMillis() / 1000.0);
    if (store == null) {
      g.writeNullField("fragments");
      g.writeNullField("lastFragment");
    } else {
      int count = store.list(m.arn(), FragmentStore.TimestampKind.SERVER_TIMESTAMP, null, null,
          null, COUNT_CAP + 1).size();
      g.writeNumberField("fragments", Math.min(count, COUNT_CAP));
      g.writeBooleanField("fragmentsCapped", count > COUNT_CAP);
      writeLast(g, store.latest(m.arn()));
    }
    g.writeEndObject();
  }

  private static void writeLast(JsonGenerator g, Optional<FragmentInfo> last) throws IOException {
    if (last.isEmpty()) {
      g.writeNullField("lastFragment");
      return;
    }
    FragmentInfo f = last.get();
    g.writeObjectFieldStart("lastFragment");
    g.writeStringField("fragmentNumber", f.fragmentNumber());
    g.writeNumberField("producerTimestamp", f.producerTimestamp().toEpochMilli() / 1000.0);
    g.writeNumberField("serverTimestamp", f.serverTimestamp().toEpochMilli() / 1000.0);
    g.writeNumberField("durationMillis", f.durationMillis());
    g.writeNumberField("sizeBytes", f.sizeBytes());
    g.writeEndObject();
  }
}
