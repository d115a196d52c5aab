package io.rivulet.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.rivulet.server.RivuletServer;
import io.rivulet.server.http.GeneratedCertificate;
import io.rivulet.testkit.Clients;
import io.rivulet.testkit.RivuletExtension;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.ProtocolNegotiation;
import software.amazon.awssdk.http.apache5.Apache5HttpClient;
import software.amazon.awssdk.http.nio.netty.NettyNioAsyncHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.kinesis.KinesisAsyncClient;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.ShardIteratorType;
import software.amazon.awssdk.services.kinesis.model.SubscribeToShardEvent;
import software.amazon.awssdk.services.kinesis.model.SubscribeToShardResponseHandler;

/**
 * The SDK over {@code https://} trusting the server's certificate: the async (Netty) client doing
 * PutRecord and SubscribeToShard over HTTP/2 (with ALPN {@code h2}, and without ALPN as the SDK
 * does by default), the sync (Apache) client over HTTP/1.1, the generated certificate kept across a
 * restart, and a configured PEM certificate.
 */
@Timeout(120)
class TlsSdkTest {
  @RegisterExtension
  static RivuletExtension rivulet =
      new RivuletExtension(o -> o.withTls(new RivuletServer.Options.Tls(0, null, null)));

  @TempDir Path tmp;
  private final List<AutoCloseable> closeables = new ArrayList<>();
  static int counter;

  @AfterEach
  void close() throws Exception {
    for (AutoCloseable c : closeables) {
      c.close();
    }
  }

  /** What a Java client does to trust the server: a trust store holding the PEM certificate. */
  static TrustManagerFactory trusting(Path certificatePem) throws Exception {
    KeyStore trust = KeyStore.getInstance("PKCS12");
    trust.load(null, null);
    try (InputStream in = Files.newInputStream(certificatePem)) {
      trust.setCertificateEntry("rivulet",
          CertificateFactory.getInstance("X.509").generateCertificate(in));
    }
    TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    tmf.init(trust);
    return tmf;
  }

  KinesisAsyncClient async(URI endpoint, TrustManagerFactory tmf, ProtocolNegotiation negotiation) {
    KinesisAsyncClient client = KinesisAsyncClient.builder()
        .endpointOverride(endpoint)
        .region(Region.US_EAST_1)
        .credentialsProvider(credentials())
        .httpClientBuilder(NettyNioAsyncHttpClient.builder()
            .protocolNegotiation(negotiation)
            .tlsTrustManagersProvider(tmf::getTrustManagers))
        .overrideConfiguration(c -> c.apiCallTimeout(Duration.ofSeconds(60)))
        .build();
    closeables.add(client);
    return client;
  }

  KinesisClient sync(URI endpoint, TrustManagerFactory tmf) {
    KinesisClient client = KinesisClient.builder()
        .endpointOverride(endpoint)
        .region(Region.US_EAST_1)
        .credentialsProvider(credentials())
        .httpClientBuilder(Apache5HttpClient.builder().tlsTrustManagersProvider(tmf::getTrustManagers))
        .build();
    closeables.add(client);
    return client;
  }

  static StaticCredentialsProvider credentials() {
    return StaticCredentialsProvider.create(
        AwsBasicCredentials.create(Clients.ACCESS_KEY, Clients.SECRET_KEY));
  }

  URI https(String host) {
    return URI.create("https://" + host + ":" + rivulet.server().tlsPort());
  }

  @Test
  void putAndSubscribeOverHttp2ByAlpn() throws Exception {
    putAndSubscribe(ProtocolNegotiation.ALPN, "localhost");
  }

  @Test
  void putAndSubscribeOverHttp2WithoutAlpn() throws Exception {
    putAndSubscribe(ProtocolNegotiation.ASSUME_PROTOCOL, "127.0.0.1");
  }

  void putAndSubscribe(ProtocolNegotiation negotiation, String host) throws Exception {
    TrustManagerFactory tmf = trusting(rivulet.server().certificateFile());
    KinesisClient kinesis = sync(https(host), tmf);
    KinesisAsyncClient async = async(https(host), tmf, negotiation);
    String stream = "tls-" + (++counter);
    Sdk.createActive(kinesis, stream, 1);
    String arn = kinesis.describeStreamSummary(b -> b.streamName(stream)).streamDescriptionSummary().streamARN();
    String consumer = async.registerStreamConsumer(b -> b.streamARN(arn).consumerName("tls")).get()
        .consumer().consumerARN();
    BlockingQueue<SubscribeToShardEvent> events = new LinkedBlockingQueue<>();
    CompletableFuture<Void> done = async.subscribeToShard(
        b -> b.consumerARN(consumer).shardId("shardId-000000000000")
            .startingPosition(p -> p.type(ShardIteratorType.LATEST)),
        SubscribeToShardResponseHandler.builder()
            .subscriber(SubscribeToShardResponseHandler.Visitor.builder()
                .onSubscribeToShardEvent(events::add).build())
            .build());
    assertThat(events.poll(10, TimeUnit.SECONDS)).as("the first event (a heartbeat)").isNotNull();
    List<String> received = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      String data = "live-" + i;
      async.putRecord(b -> b.streamName(stream).partitionKey("k").data(Sdk.bytes(data))).get();
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
      while (received.size() <= i && System.nanoTime() < deadline) {
        SubscribeToShardEvent e = events.poll(1, TimeUnit.SECONDS);
        if (e != null) {
          e.records().forEach(r -> received.add(r.data().asUtf8String()));
        }
      }
    }
    assertThat(received).containsExactly("live-0", "live-1", "live-2");
    assertThat(done).isNotDone();
    done.cancel(true);
  }

  @Test
  void theSyncClientOverHttp11() throws Exception {
    KinesisClient kinesis = sync(https("localhost"), trusting(rivulet.server().certificateFile()));
    String stream = "tls-sync-" + (++counter);
    Sdk.createActive(kinesis, stream, 2);
    for (int i = 0; i < 4; i++) {
      String data = "r" + i;
      kinesis.putRecord(b -> b.streamName(stream).partitionKey("p" + data).data(Sdk.bytes(data)));
    }
    int read = 0;
    for (String shard : List.of("shardId-000000000000", "shardId-000000000001")) {
      read += Sdk.drain(kinesis, Sdk.iterator(kinesis, stream, shard, ShardIteratorType.TRIM_HORIZON)).size();
    }
    assertThat(read).isEqualTo(4);
  }

  @Test
  void aRestartKeepsTheGeneratedCertificate() throws Exception {
    Path cert = rivulet.server().certificateFile();
    assertThat(cert).isEqualTo(rivulet.dataDir().resolve("tls").resolve("certificate.pem"));
    String before = Files.readString(cert);
    TrustManagerFactory tmf = trusting(cert);
    rivulet.restart();
    assertThat(rivulet.server().certificateFile()).isEqualTo(cert);
    assertThat(Files.readString(cert)).isEqualTo(before);
    assertThat(rivulet.server().tlsEndpoint().getScheme()).isEqualTo("https");
    assertThat(sync(https("localhost"), tmf).listStreams().hasMoreStreams()).isFalse();
  }

  @Test
  void aConfiguredCertificate() throws Exception {
    GeneratedCertificate own = GeneratedCertificate.loadOrCreate(tmp.resolve("own"));
    KeyStore store = KeyStore.getInstance("PKCS12");
    try (InputStream in = Files.newInputStream(own.keyStore())) {
      store.load(in, own.password());
    }
    PrivateKey key = (PrivateKey) store.getKey("rivulet", own.password());
    Path keyPem = tmp.resolve("key.pem");
    Files.writeString(keyPem, "-----BEGIN PRIVATE KEY-----\n"
        + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(key.getEncoded())
        + "\n-----END PRIVATE KEY-----\n");
    try (RivuletServer server = RivuletServer.start(RivuletServer.Options.forTests(tmp.resolve("data"))
        .withTls(new RivuletServer.Options.Tls(0, own.certificateFile(), keyPem)))) {
      assertThat(server.certificateFile()).isEqualTo(own.certificateFile());
      assertThat(tmp.resolve("data").resolve("tls")).doesNotExist();
      KinesisAsyncClient async = async(server.tlsEndpoint(), trusting(own.certificateFile()),
          ProtocolNegotiation.ALPN);
      assertThat(async.listStreams().get().streamNames()).isEmpty();
      async.close();
      closeables.remove(async);
    }
  }
}
