package io.rivulet.it;

import static io.rivulet.it.Sdk.assertError;
import static io.rivulet.it.Sdk.bytes;
import static io.rivulet.it.Sdk.createActive;
import static io.rivulet.it.Sdk.error;
import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.rivulet.testkit.Clients;
import io.rivulet.testkit.RivuletExtension;
import io.rivulet.testkit.WireMode;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import java.util.zip.CRC32C;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.EncryptionType;
import software.amazon.awssdk.services.kinesis.model.MinimumThroughputBillingCommitmentOutputStatus;
import software.amazon.awssdk.services.kinesis.model.PutRecordsRequestEntry;
import software.amazon.awssdk.services.kinesis.model.Record;
import software.amazon.awssdk.services.kinesis.model.ShardIteratorType;
import software.amazon.awssdk.services.kinesis.model.StreamDescriptionSummary;

/**
 * Start/StopStreamEncryption: records written meanwhile are encrypted on disk, read back
 * transparently (also after a restart, as account settings survive), and a changed ciphertext byte
 * fails the read, logged and counted. Key rotation, disabled keys and the key store: {@link
 * KmsEncryptionTest}.
 */
@ParameterizedClass
@EnumSource(WireMode.class)
class EncryptionTest {
  static final String SHARD = "shardId-000000000000";
  @RegisterExtension static RivuletExtension rivulet = new RivuletExtension();

  @Parameter WireMode mode;
  KinesisClient kinesis;
  String stream;
  static int counter;

  @BeforeEach
  void setUp() {
    kinesis = rivulet.sync(mode);
    stream = "enc-" + mode.name().toLowerCase() + "-" + (++counter);
  }

  StreamDescriptionSummary summary() {
    return kinesis.describeStreamSummary(b -> b.streamName(stream)).streamDescriptionSummary();
  }

  void start(String keyId) {
    kinesis.startStreamEncryption(b -> b.streamName(stream).encryptionType(EncryptionType.KMS).keyId(keyId));
  }

  /** The segment files of the stream's first shard (one incarnation per name in these tests). */
  List<Path> segments(String name) throws IOException {
    Path account = rivulet.dataDir().resolve("streams/logs/000000000000/us-east-1");
    List<Path> out = new ArrayList<>();
    try (Stream<Path> dirs = Files.list(account)) {
      for (Path d : dirs.filter(p -> p.getFileName().toString().startsWith(name + "-")).toList()) {
        try (Stream<Path> files = Files.list(d.resolve(SHARD))) {
          out.addAll(files.filter(p -> p.toString().endsWith(".log")).sorted().toList());
        }
      }
    }
    assertThat(out).isNotEmpty();
    return out;
  }

  String onDisk(String name) throws IOException {
    StringBuilder all = new StringBuilder();
    for (Path p : segments(name)) {
      all.append(new String(Files.readAllBytes(p), StandardCharsets.ISO_8859_1));
    }
    return all.toString();
  }

  List<Record> readAll() {
    return Sdk.drain(kinesis, Sdk.iterator(kinesis, stream, SHARD, ShardIteratorType.TRIM_HORIZON));
  }

  @Test
  void recordsWrittenWhileOnAreEncryptedAtRestAndReadBackTransparently() throws IOException {
    createActive(kinesis, stream, 1);
    String before = "BEFORE-" + UUID.randomUUID();
    String secret = "SECRET-" + UUID.randomUUID();
    String secretKey = "PK-" + UUID.randomUUID();
    String after = "AFTER-" + UUID.randomUUID();
    assertThat(kinesis.putRecord(b -> b.streamName(stream).partitionKey("p").data(bytes(before)))
        .encryptionType()).isEqualTo(EncryptionType.NONE);

    start("alias/aws/kinesis");
    assertThat(summary().encryptionType()).isEqualTo(EncryptionType.KMS);
    assertThat(summary().keyId()).isEqualTo("alias/aws/kinesis");
    assertThat(kinesis.putRecord(b -> b.streamName(stream).partitionKey(secretKey).data(bytes(secret)))
        .encryptionType()).isEqualTo(EncryptionType.KMS);
    String keyArn = rivulet.kms().createKey(b -> b.description(stream)).keyMetadata().arn();
    start(keyArn); // a new key for records from now on
    assertThat(kinesis.putRecords(b -> b.streamName(stream).records(PutRecordsRequestEntry.builder()
        .partitionKey(secretKey).data(bytes(secret + "-2")).build())).encryptionType())
        .isEqualTo(EncryptionType.KMS);
    kinesis.stopStreamEncryption(b -> b.streamName(stream).encryptionType(EncryptionType.KMS).keyId(keyArn));
    assertThat(summary().encryptionType()).isEqualTo(EncryptionType.NONE);
    assertThat(kinesis.putRecord(b -> b.streamName(stream).partitionKey("p").data(bytes(after)))
        .encryptionType()).isEqualTo(EncryptionType.NONE);

    String disk = onDisk(stream);
    assertThat(disk).contains(before, after).doesNotContain(secret, secretKey);
    assertThat(rivulet.dataDir().resolve("kms/keys.json")).exists();

    List<Record> records = readAll();
    assertThat(records).extracting(r -> r.data().asUtf8String())
        .containsExactly(before, secret, secret + "-2", after);
    assertThat(records).extracting(Record::partitionKey).containsExactly("p", secretKey, secretKey, "p");
    assertThat(records).extracting(Record::encryptionType)
        .containsExactly(null, EncryptionType.KMS, EncryptionType.KMS, null);

    String account = mode == WireMode.CBOR ? "444444444444" : "555555555555";
    try (KinesisClient other = Clients.syncAs(rivulet.endpoint(), mode, account, Region.US_EAST_1)) {
      other.updateAccountSettings(b -> b.minimumThroughputBillingCommitment(c -> c.status("ENABLED")));
    }
    rivulet.restart();
    KinesisClient again = rivulet.sync(mode);
    try (KinesisClient other = Clients.syncAs(rivulet.endpoint(), mode, account, Region.US_EAST_1)) {
      assertThat(other.describeAccountSettings(b -> { }).minimumThroughputBillingCommitment().status())
          .as("account settings survive a restart")
          .isEqualTo(MinimumThroughputBillingCommitmentOutputStatus.ENABLED);
    }
    assertThat(Sdk.drain(again, Sdk.iterator(again, stream, SHARD, ShardIteratorType.TRIM_HORIZON)))
        .extracting(r -> r.data().asUtf8String()).containsExactly(before, secret, secret + "-2", after);
    kinesis = again;
  }

  @Test
  void aChangedCiphertextByteFailsTheReadWithALoggedError() throws IOException {
    createActive(kinesis, stream, 1);
    start(rivulet.kms().createKey(b -> b.description("tamper")).keyMetadata().keyId());
    kinesis.putRecord(b -> b.streamName(stream).partitionKey("p").data(bytes("tamper me " + stream)));
    Path segment = segments(stream).get(0);
    byte[] file = Files.readAllBytes(segment);
    // one batch of one record: 29-byte batch header, then attributes, timestamp, key length (0),
    // value length, value = wrapped data key (82) || ciphertext || tag (docs/FORMAT.md)
    int value = 29 + 4 + 8 + 4 + 4;
    file[value + 82 + 3] ^= 0x40;
    int batchEnd = ByteBuffer.wrap(file, 8, 4).getInt() + 12;
    CRC32C crc = new CRC32C();
    crc.update(file, 17, batchEnd - 17); // keep the batch CRC valid: only the cipher can tell
    ByteBuffer.wrap(file, 13, 4).putInt((int) crc.getValue());
    Files.write(segment, file);

    Logger cipherLog = (Logger) LoggerFactory.getLogger("io.rivulet.streams.engine.RecordCipher");
    ListAppender<ILoggingEvent> events = new ListAppender<>();
    events.start();
    cipherLog.addAppender(events);
    try {
      String it = Sdk.iterator(kinesis, stream, SHARD, ShardIteratorType.TRIM_HORIZON);
      try (KinesisClient once = Clients.syncWithoutRetries(rivulet.endpoint(), mode)) {
        assertError(error(() -> once.getRecords(b -> b.shardIterator(it))), "InternalFailure", 500,
            "Internal service failure.");
      }
    } finally {
      cipherLog.detachAppender(events);
    }
    assertThat(events.list).anySatisfy(e -> {
      assertThat(e.getLevel()).isEqualTo(Level.ERROR);
      assertThat(e.getFormattedMessage()).contains("cannot decrypt record 0 of", stream, SHARD,
          "failed authentication");
    });
    assertThat(Sdk.metrics(rivulet.endpoint())).contains(
        "rivulet_kinesis_decryption_failures_stream_total{account=\"000000000000\",region=\"us-east-1\",stream=\""
            + stream + "\"} 1.0");
  }

  @Test
  void encryptionTypeAndKeyIdAreChecked() {
    createActive(kinesis, stream, 1);
    assertError(error(() -> kinesis.startStreamEncryption(b -> b.streamName(stream)
        .encryptionType(EncryptionType.NONE).keyId("alias/aws/kinesis"))), "InvalidArgumentException", 400,
        "KMS is the only valid EncryptionType for this request");
    assertError(error(() -> start("not-a-key")), "InvalidArgumentException", 400,
        "Received KeyId is not a properly formatted Alias or GUID");
    assertError(error(() -> start("arn:aws:kms:us-east-1:123456789012:bucket/x")),
        "InvalidArgumentException", 400, "Received KeyId ARN is not a properly formatted ARN");
    assertError(error(() -> kinesis.startStreamEncryption(b -> b.streamName("absent")
        .encryptionType(EncryptionType.KMS).keyId("alias/aws/kinesis"))), "ResourceNotFoundException", 400,
        "Stream absent under account 000000000000 not found.");
    assertError(error(() -> start("arn:aws:kms:us-east-1:123456789012:alias/MyAlias")),
        "KMSNotFoundException", 400, "Alias arn:aws:kms:us-east-1:123456789012:alias/MyAlias is not found.");
    String keyId = rivulet.kms().createKey(b -> { }).keyMetadata().keyId();
    String alias = "alias/MyAlias-" + stream;
    rivulet.kms().createAlias(b -> b.aliasName(alias).targetKeyId(keyId));
    start("arn:aws:kms:us-east-1:000000000000:" + alias);
    assertThat(summary().keyId()).isEqualTo("arn:aws:kms:us-east-1:000000000000:" + alias);
  }
}
