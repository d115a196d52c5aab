package io.rivulet.protocol;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** Models and records shared by the tests. */
final class TestModels {
  static final Path KINESIS_MODEL =
      Path.of("../rivulet-streams/src/main/resources/io/rivulet/streams/kinesis-2013-12-02.shapes.json");

  private TestModels() {}

  static ServiceModel kinesis() {
    return ServiceModel.fromFile(KINESIS_MODEL);
  }

  /** A small model exercising every shape type; single quotes stand for double quotes. */
  static ServiceModel small() {
    String json =
        "{'metadata': {'targetPrefix': 'Small_20200101', 'jsonVersion': '1.0', 'protocol': 'json'},"
            + " 'operations': {'Echo': {'input': 'EchoInput', 'output': 'EchoOutput', 'errors': []},"
            + "   'NoInput': {'errors': []}},"
            + " 'shapes': {"
            + "  'EchoInput': {'type': 'structure', 'required': ['Name'], 'members': {"
            + "    'Name': {'shape': 'Name'}, 'Count': {'shape': 'Count'}, 'Big': {'shape': 'Big'},"
            + "    'Ratio': {'shape': 'Ratio'}, 'Flag': {'shape': 'Flag'}, 'Payload': {'shape': 'Payload'},"
            + "    'When': {'shape': 'When'}, 'Items': {'shape': 'Items'}, 'Labels': {'shape': 'Labels'},"
            + "    'Groups': {'shape': 'Groups'}, 'Mode': {'shape': 'Mode'}, 'Inner': {'shape': 'Inner'},"
            + "    'Keys': {'shape': 'Keys'}, 'ResourceARN': {'shape': 'Name'}}},"
            + "  'EchoOutput': {'type': 'structure', 'members': {'Name': {'shape': 'Name'},"
            + "    'Items': {'shape': 'Items'}, 'When': {'shape': 'When'}, 'Payload': {'shape': 'Payload'},"
            + "    'ResourceARN': {'shape': 'Name'}}},"
            + "  'Name': {'type': 'string', 'min': 1, 'max': 8, 'pattern': '[a-z ]+'},"
            + "  'Count': {'type': 'integer', 'min': 1, 'max': 10},"
            + "  'Big': {'type': 'long', 'min': 0},"
            + "  'Ratio': {'type': 'double'},"
            + "  'Flag': {'type': 'boolean'},"
            + "  'Payload': {'type': 'blob', 'max': 4},"
            + "  'When': {'type': 'timestamp'},"
            + "  'Mode': {'type': 'string', 'enum': ['A', 'B']},"
            + "  'Items': {'type': 'list', 'min': 1, 'max': 3, 'member': {'shape': 'Item'}},"
            + "  'Item': {'type': 'structure', 'required': ['Key'], 'members': {"
            + "    'Key': {'shape': 'Name'}, 'Data': {'shape': 'Payload'}, 'At': {'shape': 'When'}}},"
            + "  'Labels': {'type': 'map', 'max': 2, 'key': {'shape': 'Name'}, 'value': {'shape': 'Label'}},"
            + "  'Label': {'type': 'string', 'max': 3},"
            + "  'Groups': {'type': 'map', 'key': {'shape': 'Label'}, 'value': {'shape': 'Item'}},"
            + "  'Keys': {'type': 'list', 'member': {'shape': 'Name'}},"
            + "  'Inner': {'type': 'structure', 'members': {'Mode': {'shape': 'Mode'}, 'Deep': {'shape': 'Inner'}}}"
            + " }}";
    try {
      return ServiceModel.read(
          new ByteArrayInputStream(json.replace('\'', '"').getBytes(StandardCharsets.UTF_8)));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  record Item(String key, byte[] data, java.time.Instant at) {}

  record Inner(String mode, Inner deep) {}

  record EchoInput(
      String name,
      Integer count,
      Long big,
      Double ratio,
      Boolean flag,
      byte[] payload,
      java.time.Instant when,
      List<Item> items,
      Map<String, String> labels,
      Map<String, Item> groups,
      String mode,
      Inner inner,
      List<String> keys,
      String resourceARN) {}

  record EchoOutput(String name, List<Item> items, java.time.Instant when, byte[] payload, String resourceARN) {}

  record Empty() {}
}
