/**
 * EBML and Matroska for Kinesis Video: an incremental reader ({@link io.rivulet.video.mkv.MkvReader},
 * pull events over a byte stream, unknown-size Segments and Clusters, CRC-32 and Void skipped), a
 * writer ({@link io.rivulet.video.mkv.EbmlWriter}, {@link io.rivulet.video.mkv.Matroska}) and the
 * stored-cluster helper {@link io.rivulet.video.mkv.ClusterFrames}.
 */
package io.rivulet.video.mkv;
