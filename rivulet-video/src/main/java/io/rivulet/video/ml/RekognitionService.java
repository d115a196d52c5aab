package io.rivulet.video.ml;

import io.rivulet.protocol.OperationTable;
import io.rivulet.protocol.ServiceDefinition;
import io.rivulet.protocol.ServiceModel;
import io.rivulet.protocol.auth.AccessRules;
import io.rivulet.protocol.auth.AuthErrors;

/**
 * Rekognition's stream-processor API ({@code RekognitionService}, AWS JSON 1.1) on Rivulet's
 * endpoint: processors that read a Kinesis video stream, run a detector on sampled frames and write
 * one record per analysed frame to a Kinesis data stream. Rekognition's image and video analysis
 * operations (DetectLabels, collections, ...) are not offered. Thread-safe.
 */
public final class RekognitionService implements AutoCloseable {
  public static final String TARGET_PREFIX = "RekognitionService";
  public static final String MODEL_RESOURCE = "/io/rivulet/video/ml/rekognition-2016-06-27.shapes.json";

  private final StreamProcessors processors;
  private final ServiceDefinition definition;

  public RekognitionService(StreamProcessors.Env env) {
    this.processors = new StreamProcessors(env);
    OperationTable table = OperationTable.builder()
        .add(new StreamProcessorOps.CreateStreamProcessor(processors))
        .add(new StreamProcessorOps.DeleteStreamProcessor(processors))
        .add(new StreamProcessorOps.DescribeStreamProcessor(processors))
        .add(new StreamProcessorOps.ListStreamProcessors(processors))
        .add(new StreamProcessorOps.ListTagsForResource(processors))
        .add(new StreamProcessorOps.StartStreamProcessor(processors))
        .add(new StreamProcessorOps.StopStreamProcessor(processors))
        .add(new StreamProcessorOps.TagResource(processors))
        .add(new StreamProcessorOps.UntagResource(processors))
        .add(new StreamProcessorOps.UpdateStreamProcessor(processors))
        .build();
    String processor = "arn:aws:rekognition:{region}:{account}:streamprocessor/{Name}";
    AccessRules rules = AccessRules.builder("rekognition", "rekognition", AuthErrors.Style.JSON)
        .on("CreateStreamProcessor", AccessRules.arn(processor, null))
        .on("DeleteStreamProcessor", AccessRules.arn(processor, null))
        .on("DescribeStreamProcessor", AccessRules.arn(processor, null))
        .on("ListStreamProcessors", AccessRules.none())
        .on("StartStreamProcessor", AccessRules.arn(processor, null))
        .on("StopStreamProcessor", AccessRules.arn(processor, null))
        .on("UpdateStreamProcessor", AccessRules.arn(processor, null))
        .on("TagResource", AccessRules.arn("{ResourceArn}", "ResourceArn"))
        .on("UntagResource", AccessRules.arn("{ResourceArn}", "ResourceArn"))
        .on("ListTagsForResource", AccessRules.arn("{ResourceArn}", "ResourceArn"))
        .build();
    this.definition = new ServiceDefinition(TARGET_PREFIX, ServiceModel.fromResource(MODEL_RESOURCE),
        table, rules);
  }

  public ServiceDefinition definition() {
    return definition;
  }

  /** The processors (for the console and metrics). */
  public StreamProcessors processors() {
    return processors;
  }

  /** Stops the running processors; they resume when the server starts again. */
  @Override
  public void close() {
    processors.close();
  }
}
