package io.rivulet.firehose.processing;

import com.google.protobuf.ByteString;
import com.google.protobuf.DescriptorProtos.DescriptorProto;
import com.google.protobuf.DescriptorProtos.FieldDescriptorProto;
import com.google.protobuf.DescriptorProtos.FieldDescriptorProto.Label;
import com.google.protobuf.DescriptorProtos.FieldDescriptorProto.Type;
import com.google.protobuf.DescriptorProtos.FileDescriptorProto;
import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.DescriptorValidationException;
import com.google.protobuf.Descriptors.FileDescriptor;
import com.google.protobuf.DynamicMessage;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;

/**
 * Builds KPL aggregated records the way the KPL documents them (its {@code messages.proto},
 * encoded here by the protobuf library itself, then magic + message + MD5), independently of
 * the reader under test (public for the integration suite's end-to-end tests). Stateless.
 */
public final class KplRecords {
  private static final Descriptor AGGREGATED;
  private static final Descriptor RECORD;
  private static final Descriptor TAG;

  static {
    FileDescriptorProto proto = FileDescriptorProto.newBuilder()
        .setName("messages.proto")
        .setSyntax("proto2")
        .addMessageType(DescriptorProto.newBuilder().setName("Tag")
            .addField(field("key", 1, Type.TYPE_STRING, Label.LABEL_REQUIRED))
            .addField(field("value", 2, Type.TYPE_STRING, Label.LABEL_OPTIONAL)))
        .addMessageType(DescriptorProto.newBuilder().setName("Record")
            .addField(field("partition_key_index", 1, Type.TYPE_UINT64, Label.LABEL_REQUIRED))
            .addField(field("explicit_hash_key_index", 2, Type.TYPE_UINT64, Label.LABEL_OPTIONAL))
            .addField(field("data", 3, Type.TYPE_BYTES, Label.LABEL_REQUIRED))
            .addField(field("tags", 4, Type.TYPE_MESSAGE, Label.LABEL_REPEATED)
                .setTypeName(".Tag")))
        .addMessageType(DescriptorProto.newBuilder().setName("AggregatedRecord")
            .addField(field("partition_key_table", 1, Type.TYPE_STRING, Label.LABEL_REPEATED))
            .addField(field("explicit_hash_key_table", 2, Type.TYPE_STRING, Label.LABEL_REPEATED))
            .addField(field("records", 3, Type.TYPE_MESSAGE, Label.LABEL_REPEATED)
                .setTypeName(".Record")))
        .build();
    try {
      FileDescriptor file = FileDescriptor.buildFrom(proto, new FileDescriptor[0]);
      AGGREGATED = file.findMessageTypeByName("AggregatedRecord");
      RECORD = file.findMessageTypeByName("Record");
      TAG = file.findMessageTypeByName("Tag");
    } catch (DescriptorValidationException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  /** One user record to aggregate; {@code explicitHashKey} may be null. */
  public record User(String partitionKey, String explicitHashKey, String data) {}

  private KplRecords() {}

  private static FieldDescriptorProto.Builder field(String name, int number, Type type,
      Label label) {
    return FieldDescriptorProto.newBuilder().setName(name).setNumber(number).setType(type)
        .setLabel(label);
  }

  /** The protobuf AggregatedRecord for these user records (keys deduplicated into tables). */
  static byte[] message(List<User> users) {
    List<String> keys = new ArrayList<>();
    List<String> hashKeys = new ArrayList<>();
    DynamicMessage.Builder agg = DynamicMessage.newBuilder(AGGREGATED);
    for (User u : users) {
      if (!keys.contains(u.partitionKey())) {
        keys.add(u.partitionKey());
      }
      DynamicMessage.Builder r = DynamicMessage.newBuilder(RECORD)
          .setField(RECORD.findFieldByName("partition_key_index"),
              (long) keys.indexOf(u.partitionKey()))
          .setField(RECORD.findFieldByName("data"),
              ByteString.copyFrom(u.data(), StandardCharsets.UTF_8))
          .addRepeatedField(RECORD.findFieldByName("tags"), DynamicMessage.newBuilder(TAG)
              .setField(TAG.findFieldByName("key"), "source")
              .setField(TAG.findFieldByName("value"), "test").build());
      if (u.explicitHashKey() != null) {
        if (!hashKeys.contains(u.explicitHashKey())) {
          hashKeys.add(u.explicitHashKey());
        }
        r.setField(RECORD.findFieldByName("explicit_hash_key_index"),
            (long) hashKeys.indexOf(u.explicitHashKey()));
      }
      agg.addRepeatedField(AGGREGATED.findFieldByName("records"), r.build());
    }
    keys.forEach(k -> agg.addRepeatedField(AGGREGATED.findFieldByName("partition_key_table"), k));
    hashKeys.forEach(
        k -> agg.addRepeatedField(AGGREGATED.findFieldByName("explicit_hash_key_table"), k));
    return agg.build().toByteArray();
  }

  /** Magic F3 89 9A C2, the message, its MD5. */
  public static byte[] aggregate(List<User> users) {
    byte[] message = message(users);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(new byte[] {(byte) 0xF3, (byte) 0x89, (byte) 0x9A, (byte) 0xC2});
    out.writeBytes(message);
    try {
      out.writeBytes(MessageDigest.getInstance("MD5").digest(message));
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
    return out.toByteArray();
  }
}
