package io.rivulet.firehose.s3;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import org.gaul.s3proxy.AuthenticationType;
import org.gaul.s3proxy.S3Proxy;
import org.jclouds.ContextBuilder;
import org.jclouds.blobstore.BlobStoreContext;
import org.jclouds.filesystem.FilesystemApiMetadata;
import org.jclouds.filesystem.reference.FilesystemConstants;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An S3 API server (s3proxy over jclouds' filesystem blob store) so Firehose works out of the box
 * and {@code aws s3} can list what it delivered: each bucket is a directory under
 * {@code directory}, each object a file at its key. Start it with {@link #start}; {@link #close}
 * stops it. Listings show whole objects only: not the store's directories, and not the temporary
 * file an object is written to before it is renamed into place, which a start also removes when
 * a crash left it ({@link ObjectsOnlyBlobStore}, {@link WritesInProgress}). Thread-safe.
 *
 * <p>Without credentials it is anonymous: requests are served whatever they are signed with (or
 * unsigned). With credentials, requests must be signed (SigV2 or SigV4) with exactly those.
 * Clients should send checksums only when required (see {@link S3Clients}): s3proxy 2.x answers
 * the SDKs' default checksum-trailer uploads with 501 NotImplemented.
 */
public final class EmbeddedS3 implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(EmbeddedS3.class);

  /** The server could not start (its port taken, most often). */
  public static final class StartFailure extends IllegalStateException {
    private static final long serialVersionUID = 1L;

    StartFailure(String message, Throwable cause) {
      super(message, cause);
    }
  }

  /** An access key and secret that requests must be signed with. */
  public record Credentials(String accessKeyId, String secretAccessKey) {}

  private final S3Proxy proxy;
  private final BlobStoreContext context;
  private final URI endpoint;
  private final Path directory;

  private EmbeddedS3(S3Proxy proxy, BlobStoreContext context, URI endpoint, Path directory) {
    this.proxy = proxy;
    this.context = context;
    this.endpoint = endpoint;
    this.directory = directory;
  }

  /**
   * Starts serving on {@code host}:{@code port} (0: any free port), storing under
   * {@code directory} (created if absent); {@code credentials} null for anonymous access.
   */
  public static EmbeddedS3 start(String host, int port, Path directory, Credentials credentials) {
    try {
      Files.createDirectories(directory);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create the S3 directory " + directory, e);
    }
    // before serving: what writes cut short by a crash left behind goes
    WritesInProgress writes = WritesInProgress.recover(directory);
    Properties properties = new Properties();
    properties.setProperty(FilesystemConstants.PROPERTY_BASEDIR, directory.toAbsolutePath().toString());
    // by its metadata, not its name: a lookup by name loads every provider s3proxy registers,
    // and the other clouds' libraries are left out of the build
    ContextBuilder contextBuilder =
        ContextBuilder.newBuilder(new FilesystemApiMetadata()).overrides(properties);
    if (credentials != null) {
      contextBuilder.credentials(credentials.accessKeyId(), credentials.secretAccessKey());
    }
    BlobStoreContext context = contextBuilder.build(BlobStoreContext.class);
    S3Proxy.Builder builder = S3Proxy.builder()
        .blobStore(new ObjectsOnlyBlobStore(context.getBlobStore(), writes))
        .endpoint(URI.create("http://" + hostForUri(host) + ":" + port));
    if (credentials != null) {
      builder.awsAuthentication(AuthenticationType.AWS_V2_OR_V4, credentials.accessKeyId(),
          credentials.secretAccessKey());
    }
    S3Proxy proxy = builder.build();
    try {
      proxy.start();
    } catch (Exception e) {
      context.close();
      throw new StartFailure("could not start the embedded S3 server on " + host + ":" + port
          + ": " + e.getMessage(), e);
    }
    URI endpoint = URI.create("http://" + hostForUri(host) + ":" + proxy.getPort());
    log.debug("embedded S3 API on {} (objects under {}, {})", endpoint, directory.toAbsolutePath(),
        credentials == null ? "anonymous" : "signed with access key " + credentials.accessKeyId());
    return new EmbeddedS3(proxy, context, endpoint, directory);
  }

  private static String hostForUri(String host) {
    return host.indexOf(':') >= 0 && !host.startsWith("[") ? "[" + host + "]" : host;
  }

  /** {@code http://host:port}, for {@code --endpoint-url} and SDK endpoint overrides. */
  public URI endpoint() {
    return endpoint;
  }

  public int port() {
    return endpoint.getPort();
  }

  public Path directory() {
    return directory;
  }

  @Override
  public void close() {
    try {
      proxy.stop();
    } catch (Exception e) {
      log.warn("stopping the embedded S3 server", e);
    } finally {
      context.close();
    }
  }
}
