package io.rivulet.video.ml;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.rivulet.streams.api.PutEntry;
import io.rivulet.streams.api.PutResult;
import io.rivulet.streams.api.StreamId;
import io.rivulet.streams.api.StreamsApi;
import io.rivulet.video.images.FrameDecoder;
import io.rivulet.video.store.FragmentStore;
import io.rivulet.video.store.FragmentStore.Fragment;
import io.rivulet.video.store.FragmentStore.FragmentInfo;
import io.rivulet.video.store.FragmentStore.Frame;
import io.rivulet.video.store.FragmentStore.TrackInfo;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one started stream processor on its own thread: reads the input video stream's fragments
 * (stored ones from the start selector first, then each one as it is persisted), decodes the
 * video track's frames, hands one frame per sampling interval (and the first keyframe) to the
 * detector, and appends one Rekognition-shaped JSON record per analysed frame to the output data
 * stream, durably, before it counts the fragment as done. Thread-safe: {@link #close} may be
 * called from any thread.
 */
final class ProcessorRunner implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(ProcessorRunner.class);
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int PAGE = 100;
  private static final int APPEND_ATTEMPTS = 5;

  /** What the registry hears from a runner (on the runner's thread). */
  interface Listener {
    /** A fragment's records are durable in the output stream. */
    void done(String fragmentNumber);

    /** The run ended by itself: STOPPED (its stop selector) or FAILED with a message. */
    void ended(String status, String message);
  }

  /**
   * Where the run begins: after a fragment (exclusive), at a fragment (inclusive), at a producer
   * timestamp, or, when all are null, with the next fragment persisted.
   */
  record Start(String afterFragment, String atFragment, Instant producerTimestamp) {
    static final Start LIVE = new Start(null, null, null);
  }

  private final ProcessorMeta meta;
  private final Start start;
  private final FragmentStore store;
  private final StreamsApi streams;
  private final FrameDecoder decoder;
  private final Detector detector;
  private final long samplingMillis;
  private final long maxDurationMillis; // 0: no limit
  private final Listener listener;
  private final BlockingQueue<FragmentInfo> live = new LinkedBlockingQueue<>();
  private final Thread thread;
  private volatile boolean stopping;
  private long nextSample = Long.MIN_VALUE; // producer-time millis of the next frame to analyse
  // one decoding pass across fragments, as a player decodes a live stream: a fragment need not
  // start with a keyframe (ffmpeg's Matroska muxer starts clusters a frame after it), so a fresh
  // decoder per fragment could not decode it; a new pass starts with a new header or after a failure
  private FrameDecoder.Session session;
  private long sessionHeader = -1;
  private long firstAnalysed = Long.MIN_VALUE;

  ProcessorRunner(ProcessorMeta meta, Start start, FragmentStore store, StreamsApi streams,
      FrameDecoder decoder, Detector detector, long samplingMillis, long maxDurationSeconds,
      Listener listener) {
    this.meta = meta;
    this.start = start;
    this.store = store;
    this.streams = streams;
    this.decoder = decoder;
    this.detector = detector;
    this.samplingMillis = samplingMillis;
    this.maxDurationMillis = maxDurationSeconds * 1000;
    this.listener = listener;
    this.thread = new Thread(this::run, "stream-processor-" + meta.name());
    thread.setDaemon(true);
  }

  void start() {
    thread.start();
  }

  /** Stops the run and waits for its thread (at most a few seconds). */
  @Override
  public void close() {
    stopping = true;
    thread.interrupt();
    try {
      thread.join(5_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void run() {
    String arn = meta.videoStreamArn();
    FragmentStore.Subscription sub = store.subscribe(arn, live::add);
    try {
      String last = backlog(arn);
      while (!stopping) {
        FragmentInfo next = live.poll(200, TimeUnit.MILLISECONDS);
        if (next != null && (last == null || after(next.fragmentNumber(), last))) {
          if (!process(arn, next.fragmentNumber())) {
            return;
          }
          last = next.fragmentNumber();
        }
      }
    } catch (InterruptedException e) {
      // stopped
    } catch (RuntimeException | IOException | Detector.DetectorException e) {
      if (!stopping) {
        log.warn("stream processor {} failed: {}", meta.name(), e.toString());
        listener.ended("FAILED", e.getMessage());
      }
    } finally {
      sub.close();
      detector.close();
    }
  }

  /** Processes the stored fragments the start selector names; the last one done, or null. */
  private String backlog(String arn) throws IOException, InterruptedException,
      Detector.DetectorException {
    String last = start.afterFragment();
    if (start.atFragment() != null) {
      if (store.find(arn, start.atFragment()).isPresent()) {
        if (!process(arn, start.atFragment())) {
          throw new InterruptedException();
        }
      }
      last = start.atFragment();
    } else if (start.producerTimestamp() == null && last == null) {
      return store.latest(arn).map(FragmentInfo::fragmentNumber).orElse(null);
    }
    while (!stopping) {
      List<FragmentInfo> page = store.list(arn, FragmentStore.TimestampKind.PRODUCER_TIMESTAMP,
          last == null ? start.producerTimestamp() : null, null, last, PAGE);
      for (FragmentInfo f : page) {
        if (!process(arn, f.fragmentNumber())) {
          throw new InterruptedException();
        }
        last = f.fragmentNumber();
      }
      if (page.size() < PAGE) {
        break;
      }
    }
    return last;
  }

  /** Analyses one fragment; false when the run has ended (its stop selector was reached). */
  private boolean process(String arn, String number) throws IOException, InterruptedException,
      Detector.DetectorException {
    Fragment f = store.read(arn, number);
    TrackInfo video = f.header().tracks().stream().filter(t -> t.type() == 1).findFirst()
        .orElse(null);
    if (video == null || !decoder.supports(video)) {
      throw new IllegalStateException("the video stream's track is not H.264 video ("
          + (video == null ? "no video track" : video.codecId()) + ")");
    }
    List<PutEntry> records = new ArrayList<>();
    if (session == null || sessionHeader != f.info().headerId()) {
      session = decoder.open(video);
      sessionHeader = f.info().headerId();
    }
    boolean broken = false; // a frame failed: only keyframes decode until the next pass
    long base = f.info().producerTimestamp().toEpochMilli();
    long first = Long.MIN_VALUE;
    boolean ended = false;
    for (Frame frame : f.frames()) {
      if (frame.trackNumber() != video.number()) {
        continue;
      }
      first = first == Long.MIN_VALUE ? frame.timecodeMillis() : first;
      long offset = frame.timecodeMillis() - first;
      long producerTime = base + offset;
      if (broken && frame.keyframe()) {
        session = decoder.open(video);
        broken = false;
      }
      if (broken || !feed(session, frame)) {
        broken = true;
        continue;
      }
      if (producerTime < nextSample) {
        continue;
      }
      if (maxDurationMillis > 0 && firstAnalysed != Long.MIN_VALUE
          && producerTime - firstAnalysed >= maxDurationMillis) {
        ended = true;
        break;
      }
      firstAnalysed = firstAnalysed == Long.MIN_VALUE ? producerTime : firstAnalysed;
      nextSample = producerTime + samplingMillis;
      records.add(new PutEntry(partitionKey(arn), json(f.info(), offset, analyse(session))));
    }
    if (broken) {
      session = null;
    }
    append(records);
    listener.done(number);
    if (ended) {
      listener.ended("STOPPED", null);
      stopping = true;
      return false;
    }
    return true;
  }

  private static boolean feed(FrameDecoder.Session session, Frame frame) {
    try {
      session.feed(frame);
      return true;
    } catch (FrameDecoder.DecodeException e) {
      return false;
    }
  }

  private List<Detector.Detection> analyse(FrameDecoder.Session session)
      throws Detector.DetectorException {
    try {
      List<Detector.Detection> found = new ArrayList<>();
      double min = meta.minConfidence();
      for (Detector.Detection d : detector.detect(session.picture())) {
        if (d.confidence() >= min) {
          found.add(d);
        }
      }
      return found;
    } catch (FrameDecoder.DecodeException e) {
      throw new Detector.DetectorException("a frame could not be decoded: " + e.getMessage(), e);
    }
  }

  private static String partitionKey(String videoArn) {
    String[] parts = videoArn.split("/");
    return parts.length >= 2 ? parts[1] : videoArn;
  }

  /** The record for one analysed frame, shaped as Rekognition Video's stream output. */
  private byte[] json(FragmentInfo info, long offsetMillis, List<Detector.Detection> found) {
    Map<String, Object> video = new LinkedHashMap<>();
    video.put("StreamArn", info.streamArn());
    video.put("FragmentNumber", info.fragmentNumber());
    video.put("ServerTimestamp", info.serverTimestamp().toEpochMilli() / 1000.0);
    video.put("ProducerTimestamp", info.producerTimestamp().toEpochMilli() / 1000.0);
    video.put("FrameOffsetInSeconds", offsetMillis / 1000.0);
    List<Map<String, Object>> labels = new ArrayList<>();
    for (Detector.Detection d : found) {
      Map<String, Object> box = new LinkedHashMap<>();
      box.put("Width", d.width());
      box.put("Height", d.height());
      box.put("Left", d.left());
      box.put("Top", d.top());
      Map<String, Object> label = new LinkedHashMap<>();
      label.put("Name", d.name());
      label.put("Confidence", d.confidence());
      label.put("BoundingBox", box);
      labels.add(label);
    }
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("InputInformation", Map.of("KinesisVideo", video));
    out.put("StreamProcessorInformation", Map.of("Status", "RUNNING"));
    out.put("DetectedLabels", labels);
    try {
      return JSON.writeValueAsBytes(out);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Appends the records durably, retrying refused ones (throughput) a few times. */
  private void append(List<PutEntry> records) throws InterruptedException {
    if (records.isEmpty()) {
      return;
    }
    StreamId output = streams.describe(meta.dataStreamArn()).id();
    for (int from = 0; from < records.size(); from += StreamsApi.MAX_APPEND_RECORDS) {
      List<PutEntry> pending = records.subList(from,
          Math.min(records.size(), from + StreamsApi.MAX_APPEND_RECORDS));
      for (int attempt = 1; !pending.isEmpty(); attempt++) {
        List<PutResult> results;
        try {
          results = streams.append(output, pending).get();
        } catch (ExecutionException e) {
          throw new IllegalStateException("cannot write to " + meta.dataStreamArn() + ": "
              + e.getCause().getMessage(), e.getCause());
        }
        List<PutEntry> failed = new ArrayList<>();
        for (int i = 0; i < results.size(); i++) {
          if (results.get(i).failed()) {
            failed.add(pending.get(i));
          }
        }
        if (!failed.isEmpty() && attempt >= APPEND_ATTEMPTS) {
          throw new IllegalStateException(failed.size() + " records could not be written to "
              + meta.dataStreamArn());
        }
        if (!failed.isEmpty()) {
          Thread.sleep(200L * attempt);
        }
        pending = failed;
      }
    }
  }

  /** True if fragment number {@code a} comes after {@code b} (decimal strings). */
  static boolean after(String a, String b) {
    return a.length() != b.length() ? a.length() > b.length() : a.compareTo(b) > 0;
  }
}
