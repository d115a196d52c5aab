package io.rivulet.firehose.access;

import io.rivulet.protocol.auth.AccessRules;
import io.rivulet.protocol.auth.AccessRules.Access;
import io.rivulet.protocol.auth.AccessRules.Resources;
import io.rivulet.protocol.auth.AuthErrors;
import java.util.ArrayList;
import java.util.List;

/**
 * Amazon Data Firehose's authorisation table (used with {@code --auth}), one line per operation:
 * every delivery-stream operation acts on {@code arn:aws:firehose:<region>:<account>:deliverystream/
 * <DeliveryStreamName>}, ListDeliveryStreams on {@code *}; CreateDeliveryStream with Tags needs
 * firehose:TagDeliveryStream too. Wired where the Firehose service definition is built:
 * {@code new ServiceDefinition(TARGET_PREFIX, model, table, FirehoseAccess.rules())} (without it
 * every operation needs {@code firehose:<Operation>} on {@code *}). Stateless.
 */
public final class FirehoseAccess {
  static final String DELIVERY_STREAM = "arn:aws:firehose:{region}:{account}:deliverystream/{DeliveryStreamName}";

  private FirehoseAccess() {}

  public static AccessRules rules() {
    Resources stream = AccessRules.arn(DELIVERY_STREAM, null);
    return AccessRules.builder("firehose", "firehose", AuthErrors.Style.JSON)
        .rule("CreateDeliveryStream", (input, scope) -> {
          List<Access> out = new ArrayList<>();
          for (String arn : stream.arns(input, scope)) {
            out.add(new Access("firehose:CreateDeliveryStream", arn));
            if (input.get("Tags") instanceof List<?> tags && !tags.isEmpty()) {
              out.add(new Access("firehose:TagDeliveryStream", arn));
            }
          }
          return out;
        })
        .on("DeleteDeliveryStream", stream)
        .on("DescribeDeliveryStream", stream)
        .on("ListDeliveryStreams", AccessRules.none())
        .on("ListTagsForDeliveryStream", stream)
        .on("PutRecord", stream)
        .on("PutRecordBatch", stream)
        .on("StartDeliveryStreamEncryption", stream)
        .on("StopDeliveryStreamEncryption", stream)
        .on("TagDeliveryStream", stream)
        .on("UntagDeliveryStream", stream)
        .on("UpdateDestination", stream)
        .build();
  }
}
