/** Durable storage of video fragments and the read side playback and processors use. */
package io.rivulet.video.store;
