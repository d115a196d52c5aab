/**
 * Kinesis Video Streams on Rivulet's endpoint: shared contracts (endpoints, the stream catalog,
 * the AWS error) used by the control plane, ingest, playback and stream processor packages.
 */
package io.rivulet.video;
