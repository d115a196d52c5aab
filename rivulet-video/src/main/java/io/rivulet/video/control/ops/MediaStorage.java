package io.rivulet.video.control.ops;

/** The MediaStorageConfiguration shape: the stream a channel's media goes to, and whether it does. */
public record MediaStorage(String streamARN, String status) {}
