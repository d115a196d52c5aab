package io.rivulet.firehose.s3;

import java.util.List;
import java.util.function.Supplier;
import org.jclouds.blobstore.BlobStore;
import org.jclouds.blobstore.domain.Blob;
import org.jclouds.blobstore.domain.MultipartPart;
import org.jclouds.blobstore.domain.MultipartUpload;
import org.jclouds.blobstore.domain.PageSet;
import org.jclouds.blobstore.domain.StorageMetadata;
import org.jclouds.blobstore.domain.internal.PageSetImpl;
import org.jclouds.blobstore.options.CopyOptions;
import org.jclouds.blobstore.options.ListContainerOptions;
import org.jclouds.blobstore.options.PutOptions;
import org.jclouds.blobstore.util.ForwardingBlobStore;

/**
 * jclouds' filesystem blob store as S3 lists it: listings show whole objects only.
 * <ul>
 *   <li>A recursive listing (no delimiter) leaves out the directories that hold a key's path
 *       segments ({@code 2024/}, {@code 2024/03/}, ...), which the filesystem store reports as
 *       zero-byte keys ending in '/', and so also a client-made "folder" marker object; listings
 *       with a delimiter keep them (there directories are the common prefixes).</li>
 *   <li>No listing shows the temporary file of an object being written (see
 *       {@link WritesInProgress}): every write (put, copy, completed multipart upload) is
 *       recorded while it runs.</li>
 *   <li>The bucket listing leaves out {@link WritesInProgress#DIRECTORY}.</li>
 * </ul>
 * Thread-safe as the store it wraps.
 */
final class ObjectsOnlyBlobStore extends ForwardingBlobStore {
  private final WritesInProgress writes;

  ObjectsOnlyBlobStore(BlobStore delegate, WritesInProgress writes) {
    super(delegate);
    this.writes = writes;
  }

  @Override
  public PageSet<? extends StorageMetadata> list() {
    PageSet<? extends StorageMetadata> page = delegate().list();
    return new PageSetImpl<>(page.stream()
        .filter(m -> !WritesInProgress.DIRECTORY.equals(m.getName()))
        .map(m -> (StorageMetadata) m)
        .toList(), page.getNextMarker());
  }

  @Override
  public PageSet<? extends StorageMetadata> list(String container) {
    return list(container, ListContainerOptions.NONE);
  }

  @Override
  public PageSet<? extends StorageMetadata> list(String container, ListContainerOptions options) {
    PageSet<? extends StorageMetadata> page = delegate().list(container, options);
    boolean recursive = options.getDelimiter() == null || options.getDelimiter().isEmpty();
    List<StorageMetadata> objects = page.stream()
        .filter(m -> m.getName() == null
            || !(recursive && m.getName().endsWith("/"))
            && !writes.isTemporary(container, m.getName()))
        .map(m -> (StorageMetadata) m)
        .toList();
    return new PageSetImpl<>(objects, page.getNextMarker());
  }

  @Override
  public String putBlob(String container, Blob blob) {
    return writing(container, blob.getMetadata().getName(),
        () -> delegate().putBlob(container, blob));
  }

  @Override
  public String putBlob(String container, Blob blob, PutOptions options) {
    return writing(container, blob.getMetadata().getName(),
        () -> delegate().putBlob(container, blob, options));
  }

  @Override
  public String copyBlob(String fromContainer, String fromName, String toContainer,
      String toName, CopyOptions options) {
    return writing(toContainer, toName,
        () -> delegate().copyBlob(fromContainer, fromName, toContainer, toName, options));
  }

  @Override
  public String completeMultipartUpload(MultipartUpload mpu, List<MultipartPart> parts) {
    return writing(mpu.containerName(), mpu.blobName(),
        () -> delegate().completeMultipartUpload(mpu, parts));
  }

  private String writing(String container, String key, Supplier<String> write) {
    WritesInProgress.Write recorded = writes.begin(container, key);
    try {
      return write.get();
    } finally {
      recorded.close();
    }
  }
}
