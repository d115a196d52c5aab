package io.rivulet.server;

import io.rivulet.log.FsyncPolicy;
import io.rivulet.protocol.auth.AccessControl;
import io.rivulet.streams.engine.StreamsConfig;
import io.rivulet.video.MeteredFragmentStore;
import io.rivulet.video.VideoEndpoint;
import io.rivulet.video.VideoService;
import io.rivulet.video.VideoStats;
import io.rivulet.video.control.DataEndpoints;
import io.rivulet.video.control.VideoConfig;
import io.rivulet.video.control.VideoControlPlane;
import io.rivulet.video.hls.ArchivedPlayback;
import io.rivulet.video.images.GetImagesEndpoint;
import io.rivulet.video.images.JcodecFrameDecoder;
import io.rivulet.video.ingest.IngestConfig;
import io.rivulet.video.ingest.PutMedia;
import io.rivulet.video.media.MediaAccess;
import io.rivulet.video.media.MediaEndpoint;
import io.rivulet.video.store.FileFragmentStore;
import io.rivulet.video.store.WritableFragmentStore;
import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.concurrent.Executor;
import java.util.function.IntSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Kinesis Video Streams in one server: the fragment store ({@code <data-dir>/video/fragments}, or
 * a temporary directory removed at close when the server keeps everything in memory; counted into
 * {@link VideoStats} by a {@link MeteredFragmentStore}), the control plane ({@code
 * <data-dir>/video/meta}), PutMedia (the HTTP layer's streaming handler) and the router over the
 * control plane, GetMedia / ListFragments / GetMediaForFragmentList, GetImages and HLS / DASH /
 * GetClip, tried in that order. {@link #close} stops the endpoints, then the store. Thread-safe.
 */
final class VideoParts implements Closeable {
  private static final Logger log = LoggerFactory.getLogger(VideoParts.class);

  private final Path temporaryDir; // the fragments' directory when in memory, else null
  private final WritableFragmentStore fragments;
  private final VideoControlPlane control;
  private final PutMedia putMedia;
  private final VideoService service;
  private final List<AutoCloseable> closeables = new ArrayList<>();

  /**
   * @param httpPort, httpsPort the server's ports (-1: none), read when GetDataEndpoint answers
   *     a Host without a port
   */
  VideoParts(Path dataDir, FsyncPolicy fsync, StreamsConfig delays, Clock clock,
      AccessControl access, Executor handlers, IntSupplier httpPort, IntSupplier httpsPort)
      throws IOException {
    this.temporaryDir = dataDir == null ? Files.createTempDirectory("rivulet-video-") : null;
    Path videoDir = dataDir == null ? temporaryDir : dataDir.resolve("video");
    VideoStats stats = new VideoStats();
    VideoControlPlane[] controlRef = new VideoControlPlane[1];
    FileFragmentStore store = FileFragmentStore.open(videoDir.resolve("fragments"), fsync, clock,
        FileFragmentStore.Config.defaults(), arn -> controlRef[0] == null ? OptionalInt.empty()
            : controlRef[0].streams().retentionHours(arn));
    this.fragments = new MeteredFragmentStore(store, stats);
    this.control = new VideoControlPlane(config(delays), clock,
        dataDir == null ? null : videoDir.resolve("meta"), fragments, stats, access,
        r -> DataEndpoints.baseUrl(r, httpPort.getAsInt(), httpsPort.getAsInt()));
    controlRef[0] = control;
    this.putMedia = new PutMedia(control.streams(), fragments, access, clock, IngestConfig.defaults(),
        stats);
    this.service = new VideoService(endpoints(clock, access), handlers);
  }

  /** Video streams move through CREATING, UPDATING and DELETING as Data Streams do. */
  private static VideoConfig config(StreamsConfig streams) {
    VideoConfig d = VideoConfig.defaults();
    return new VideoConfig(streams.createDelay(), streams.deleteDelay(), streams.updateDelay(),
        d.streamLimit(), d.channelLimit());
  }

  private List<VideoEndpoint> endpoints(Clock clock, AccessControl access) {
    MediaAccess mediaAccess = new MediaAccess(access);
    MediaEndpoint media = new MediaEndpoint(control.streams(), mediaAccess, fragments, clock,
        MediaEndpoint.DEFAULT_IDLE);
    GetImagesEndpoint images = new GetImagesEndpoint(control.streams(), mediaAccess, fragments,
        new JcodecFrameDecoder());
    closeables.add(media);
    closeables.add(images);
    List<VideoEndpoint> endpoints = new ArrayList<>();
    endpoints.add(control.endpoint());
    endpoints.add(media);
    endpoints.add(images);
    endpoints.addAll(ArchivedPlayback.endpoints(control.streams(), fragments, clock, access));
    return endpoints;
  }

  WritableFragmentStore fragments() {
    return fragments;
  }

  VideoControlPlane control() {
    return control;
  }

  /** {@code POST /putMedia}, for the HTTP layer's full-duplex requests. */
  PutMedia putMedia() {
    return putMedia;
  }

  VideoService service() {
    return service;
  }

  @Override
  public void close() {
    closeQuietly(putMedia);
    closeables.forEach(VideoParts::closeQuietly);
    closeQuietly(fragments);
    if (temporaryDir != null) {
      RivuletServer.deleteQuietly(temporaryDir);
    }
  }

  private static void closeQuietly(AutoCloseable c) {
    try {
      c.close();
    } catch (Exception e) {
      log.warn("could not close {}", c.getClass().getSimpleName(), e);
    }
  }
}
