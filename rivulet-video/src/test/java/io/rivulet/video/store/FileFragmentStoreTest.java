package io.rivulet.video.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rivulet.log.FsyncPolicy;
import io.rivulet.video.mkv.Matroska;
import io.rivulet.video.store.FragmentStore.FragmentInfo;
import io.rivulet.video.store.FragmentStore.TimestampKind;
import io.rivulet.video.store.FragmentStore.TrackInfo;
import io.rivulet.video.store.WritableFragmentStore.NewFragment;
import io.rivulet.video.testing.ManualClock;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileFragmentStoreTest {
  static final String ARN = "arn:aws:kinesisvideo:us-east-1:000000000000:stream/cam/1795630000000";
  static final List<TrackInfo> TRACKS = List.of(
      new TrackInfo(1, 1, "V_MPEG4/ISO/AVC", new byte[] {1, 66, 0, 30}, "kvs_video_track", 320,
          240));

  @TempDir Path dir;
  final ManualClock clock = new ManualClock(1_795_640_000_000L);
  int retentionHours = 2;
  FileFragmentStore store;

  FileFragmentStore open(Duration maxSegmentAge) throws IOException {
    store = FileFragmentStore.open(dir, FsyncPolicy.group(), clock,
        new FileFragmentStore.Config(1 << 20, maxSegmentAge, 4, Duration.ofHours(1)),
        arn -> OptionalInt.of(retentionHours));
    return store;
  }

  @AfterEach
  void close() throws IOException {
    if (store != null) {
      store.close();
    }
  }

  static byte[] cluster(long timecode, int frames) {
    List<byte[]> blocks = new ArrayList<>();
    for (int i = 0; i < frames; i++) {
      blocks.add(Matroska.simpleBlock(1, i * 40, i == 0, new byte[] {(byte) i, 7, 7}));
    }
    return Matroska.cluster(timecode, blocks);
  }

  FragmentInfo append(long header, long timecode, int retention) throws IOException {
    Instant now = clock.instant();
    clock.advance(Duration.ofMillis(1000));
    String number = store.reserve(ARN, now);
    return store.append(ARN, number, new NewFragment(Instant.ofEpochMilli(timecode), now, 1000, header,
        List.of(Map.entry("TEST_KEY", "v" + timecode)), cluster(timecode, 25)), retention);
  }

  @Test
  void appendsReadBackAndSurviveReopen() throws IOException {
    open(Duration.ofMinutes(10));
    long header = store.header(ARN, 1_000_000, TRACKS);
    assertThat(store.header(ARN, 1_000_000, TRACKS)).isEqualTo(header);
    List<FragmentInfo> infos = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      infos.add(append(header, 1000L * i, 2));
    }
    assertThat(infos).extracting(FragmentInfo::fragmentNumber)
        .allSatisfy(n -> assertThat(n).hasSize(47).containsOnlyDigits()).isSorted()
        .doesNotHaveDuplicates();
    FragmentStore.Fragment f = store.read(ARN, infos.get(2).fragmentNumber());
    assertThat(f.frames()).hasSize(25);
    assertThat(f.frames().get(0).timecodeMillis()).isEqualTo(2000);
    assertThat(f.frames().get(1).timecodeMillis()).isEqualTo(2040);
    assertThat(f.frames().get(0).keyframe()).isTrue();
    assertThat(f.tags()).containsExactly(Map.entry("TEST_KEY", "v2000"));
    assertThat(f.cluster()).isEqualTo(cluster(2000, 25));
    assertThat(f.header().tracks().get(0).codecPrivate()).containsExactly(1, 66, 0, 30);
    assertThat(store.list(ARN, TimestampKind.PRODUCER_TIMESTAMP, Instant.ofEpochMilli(1000),
        Instant.ofEpochMilli(3000), null, 10)).containsExactlyElementsOf(infos.subList(1, 4));
    assertThat(store.list(ARN, TimestampKind.SERVER_TIMESTAMP, null, null,
        infos.get(1).fragmentNumber(), 2)).containsExactlyElementsOf(infos.subList(2, 4));
    assertThat(store.latest(ARN)).contains(infos.get(4));

    store.close();
    open(Duration.ofMinutes(10));
    assertThat(store.list(ARN, TimestampKind.SERVER_TIMESTAMP, null, null, null, 100))
        .containsExactlyElementsOf(infos);
    assertThat(store.header(ARN, 1_000_000, TRACKS)).isEqualTo(header);
    assertThat(store.header(ARN, 100_000, TRACKS)).isNotEqualTo(header);
    FragmentInfo next = append(header, 5000, 2);
    assertThat(next.fragmentNumber()).isGreaterThan(infos.get(4).fragmentNumber());
    assertThat(store.read(ARN, infos.get(0).fragmentNumber()).frames()).hasSize(25);
  }

  @Test
  void aTornTailIsCutAtEveryByte() throws IOException {
    open(Duration.ofMinutes(10));
    long header = store.header(ARN, 1_000_000, TRACKS);
    List<FragmentInfo> infos = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      infos.add(append(header, 1000L * i, 2));
    }
    Path segment = store.segmentFiles(ARN).get(0);
    store.close();
    store = null;
    byte[] whole = Files.readAllBytes(segment);
    long lastLength = infos.get(2).sizeBytes() + 12;
    long lastStart = whole.length - lastLength;
    for (long cut = lastStart; cut < whole.length; cut += 7) {
      Files.write(segment, java.util.Arrays.copyOf(whole, (int) cut));
      open(Duration.ofMinutes(10));
      assertThat(store.list(ARN, TimestampKind.SERVER_TIMESTAMP, null, null, null, 100))
          .containsExactlyElementsOf(infos.subList(0, 2));
      assertThat(Files.size(segment)).isEqualTo(lastStart);
      store.close();
    }
    // a flipped byte in the last record's cluster: its CRC fails, it is dropped
    byte[] flipped = whole.clone();
    flipped[whole.length - 5] ^= 0x55;
    Files.write(segment, flipped);
    open(Duration.ofMinutes(10));
    assertThat(store.list(ARN, TimestampKind.SERVER_TIMESTAMP, null, null, null, 100))
        .containsExactlyElementsOf(infos.subList(0, 2));
    assertThat(append(header, 9000, 2).fragmentNumber())
        .isGreaterThan(infos.get(2).fragmentNumber());
    store.close();
    // garbage after good records
    try (FileChannel ch = FileChannel.open(segment, StandardOpenOption.APPEND)) {
      ch.write(java.nio.ByteBuffer.wrap("garbage garbage garbage".getBytes()));
    }
    open(Duration.ofMinutes(10));
    assertThat(store.list(ARN, TimestampKind.SERVER_TIMESTAMP, null, null, null, 100)).hasSize(3);
  }

  @Test
  void retentionDropsWholeSegmentsAndNumbersKeepIncreasing() throws IOException {
    open(Duration.ofMinutes(5));
    long header = store.header(ARN, 1_000_000, TRACKS);
    FragmentInfo first = append(header, 0, 2);
    clock.advance(Duration.ofMinutes(6));
    FragmentInfo second = append(header, 1000, 2); // rolls: the first segment is 6 minutes old
    assertThat(store.segmentFiles(ARN)).hasSize(2);
    clock.advance(Duration.ofMinutes(116)); // first is now > 2 h old, second not yet
    assertThat(store.enforceRetention()).isEqualTo(1);
    assertThat(store.find(ARN, first.fragmentNumber())).isEmpty();
    assertThat(store.find(ARN, second.fragmentNumber())).contains(second);
    assertThat(store.segmentFiles(ARN)).hasSize(1);
    clock.advance(Duration.ofHours(3));
    assertThat(store.enforceRetention()).isEqualTo(1);
    assertThat(store.latest(ARN)).isEmpty();
    assertThatThrownBy(() -> store.read(ARN, second.fragmentNumber()))
        .isInstanceOf(FileNotFoundException.class);
    store.close();
    open(Duration.ofMinutes(5));
    clock.set(second.serverTimestamp().toEpochMilli()); // even with the clock set back
    FragmentInfo third = append(header, 2000, 2);
    assertThat(third.fragmentNumber()).isGreaterThan(second.fragmentNumber());
  }

  @Test
  void retentionZeroKeepsFragmentsOnlyForLiveReaders() throws IOException {
    open(Duration.ofMinutes(10));
    long header = store.header(ARN, 1_000_000, TRACKS);
    List<FragmentInfo> heard = new ArrayList<>();
    FragmentStore.Subscription sub = store.subscribe(ARN, heard::add);
    List<FragmentInfo> infos = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      infos.add(append(header, 1000L * i, 0));
    }
    sub.close();
    append(header, 6000, 0);
    assertThat(heard).containsExactlyElementsOf(infos);
    assertThat(store.list(ARN, TimestampKind.SERVER_TIMESTAMP, null, null, null, 100)).isEmpty();
    assertThat(store.read(ARN, infos.get(5).fragmentNumber()).frames()).hasSize(25);
    assertThat(store.find(ARN, infos.get(0).fragmentNumber())).isEmpty(); // only 4 kept
    assertThat(store.latest(ARN).orElseThrow().fragmentNumber())
        .isGreaterThan(infos.get(5).fragmentNumber());
    assertThat(store.segmentFiles(ARN)).isEmpty();
  }

  @Test
  void deleteStreamRemovesItsFiles() throws IOException {
    open(Duration.ofMinutes(10));
    long header = store.header(ARN, 1_000_000, TRACKS);
    FragmentInfo info = append(header, 0, 2);
    Path segment = store.segmentFiles(ARN).get(0);
    store.deleteStream(ARN);
    assertThat(segment).doesNotExist();
    assertThat(segment.getParent()).doesNotExist();
    assertThat(store.find(ARN, info.fragmentNumber())).isEmpty();
    long again = store.header(ARN, 1_000_000, TRACKS);
    assertThat(append(again, 0, 2).fragmentNumber()).hasSize(47);
  }

  @Test
  void fragmentNumbersParseBackOnlyForTheirStream() {
    String prefix = FragmentNumbers.prefix(ARN);
    String n = FragmentNumbers.format(prefix, 1_795_640_000_000_123L);
    assertThat(n).hasSize(47).startsWith("90001795630000000");
    assertThat(FragmentNumbers.sequence(prefix, n)).isEqualTo(1_795_640_000_000_123L);
    assertThat(FragmentNumbers.sequence(FragmentNumbers.prefix(ARN + "1"), n)).isEqualTo(-1);
    assertThat(FragmentNumbers.sequence(prefix, "12")).isEqualTo(-1);
    assertThat(FragmentNumbers.sequence(prefix, n.replace('0', 'x'))).isEqualTo(-1);
  }
}
