/**
 * Video playback over stored fragments: GetMedia (every StartSelector, live tail), ListFragments
 * and GetMediaForFragmentList, as MKV chunks laid out as Kinesis Video Streams writes them.
 */
package io.rivulet.video.media;
