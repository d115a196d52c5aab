/**
 * Rekognition-style stream processors over Kinesis video streams: the API, the runners, and the
 * detectors (motion by frame differencing built in; ONNX text detection as a plug-in).
 */
package io.rivulet.video.ml;
