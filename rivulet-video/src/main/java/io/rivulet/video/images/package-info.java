/**
 * GetImages: sampling instants, decoding H.264 frames (jcodec by default, ffmpeg optionally),
 * scaling and JPEG/PNG encoding.
 */
package io.rivulet.video.images;
