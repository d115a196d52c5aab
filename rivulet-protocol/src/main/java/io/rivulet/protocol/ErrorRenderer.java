package io.rivulet.protocol;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The one place AWS JSON-protocol errors become responses. Stateless and thread-safe.
 *
 * <ul>
 *   <li>JSON and CBOR: {@code {"__type": "<type>", "message": "<text>"}} in the request's format
 *       with the code's status; the message is omitted when null, and its member is spelt as the
 *       code says ({@link ErrorCode#messageMember()}: {@code Message} for {@code
 *       SerializationException}, as AWS does). The AWS SDKs take the error code
 *       from the {@code x-amzn-ErrorType} header or, failing that, from {@code __type} (then {@code
 *       code}) in the body, so {@code __type} alone selects the modeled exception class.
 *   <li>XML, for requests AWS rejects before it knows the protocol (wrong method or Content-Type):
 *       {@code <Type>\n  <Message>text</Message>\n</Type>\n}, or {@code <Type/>\n}, without a
 *       Content-Type.
 *   <li>The deprecated {@code application/json} envelope: {@code {"Output": {"__type":
 *       "com.amazon.coral.service#<Type>"}, "Version": "1.0"}}.
 * </ul>
 */
public final class ErrorRenderer {
  private ErrorRenderer() {}

  public static AwsResponse render(AwsException e, WireFormat format) {
    return render(e.code(), e.getMessage(), e.extraMembers(), format);
  }

  public static AwsResponse render(ErrorCode code, String message, WireFormat format) {
    return render(code, message, Map.of(), format);
  }

  /** An error body with members besides {@code __type} and the message (see {@link AwsException#extraMembers()}). */
  public static AwsResponse render(ErrorCode code, String message, Map<String, Object> extra, WireFormat format) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(128);
    try (JsonGenerator g = JsonRpcCodec.factory(format).createGenerator(out)) {
      g.writeStartObject();
      g.writeStringField("__type", code.type());
      if (message != null) {
        g.writeStringField(code.messageMember(), message);
      }
      RecordWriter writer = RecordWriter.MODEL_LESS;
      for (Map.Entry<String, Object> member : extra.entrySet()) {
        if (member.getValue() != null) {
          g.writeFieldName(member.getKey());
          writer.write(g, member.getValue(), null);
        }
      }
      g.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return response(code.status(), format.contentType(), out.toByteArray());
  }

  /** An XML error body with the given status and no Content-Type. */
  public static AwsResponse xml(ErrorCode code, String message, int status) {
    String body =
        message == null
            ? "<" + code.type() + "/>\n"
            : "<" + code.type() + ">\n  <Message>" + escape(message) + "</Message>\n</" + code.type() + ">\n";
    return response(status, null, body.getBytes(StandardCharsets.UTF_8));
  }

  /** The deprecated {@code application/json} error envelope. */
  public static AwsResponse legacyJson(ErrorCode code, int status) {
    String body =
        "{\"Output\":{\"__type\":\"com.amazon.coral.service#" + code.type() + "\"},\"Version\":\"1.0\"}";
    return response(status, "application/json", body.getBytes(StandardCharsets.UTF_8));
  }

  private static AwsResponse response(int status, String contentType, byte[] body) {
    Map<String, String> headers = new LinkedHashMap<>();
    if (contentType != null) {
      headers.put("Content-Type", contentType);
    }
    return new AwsResponse(status, headers, body);
  }

  private static String escape(String s) {
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
  }
}
