/**
 * PutMedia: full-duplex ingest sessions that parse a producer's live MKV, cut it into fragments
 * (one Cluster each), store them in the {@link io.rivulet.video.store.WritableFragmentStore} and
 * acknowledge each with newline-separated JSON acks while the upload continues.
 */
package io.rivulet.video.ingest;
