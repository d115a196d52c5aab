package io.rivulet.firehose.s3;

import java.util.List;
import org.jclouds.blobstore.BlobStore;
import org.jclouds.blobstore.domain.PageSet;
import org.jclouds.blobstore.domain.StorageMetadata;
import org.jclouds.blobstore.domain.internal.PageSetImpl;
import org.jclouds.blobstore.options.ListContainerOptions;
import org.jclouds.blobstore.util.ForwardingBlobStore;

/**
 * jclouds' filesystem blob store as S3 lists it: a recursive listing (no delimiter) shows objects
 * only, not the directories that hold their key's path segments ({@code 2024/}, {@code 2024/03/},
 * ...), which the filesystem store reports as zero-byte keys ending in '/'. Listings with a
 * delimiter are unchanged (there directories are the common prefixes). A client-made "folder"
 * marker object (a key ending in '/') is hidden from recursive listings too. Thread-safe as the
 * store it wraps.
 */
final class ObjectsOnlyBlobStore extends ForwardingBlobStore {
  ObjectsOnlyBlobStore(BlobStore delegate) {
    super(delegate);
  }

  @Override
  public PageSet<? extends StorageMetadata> list(String container) {
    return list(container, ListContainerOptions.NONE);
  }

  @Override
  public PageSet<? extends StorageMetadata> list(String container, ListContainerOptions options) {
    PageSet<? extends StorageMetadata> page = delegate().list(container, options);
    if (options.getDelimiter() != null && !options.getDelimiter().isEmpty()) {
      return page;
    }
    List<StorageMetadata> objects = page.stream()
        .filter(m -> m.getName() == null || !m.getName().endsWith("/"))
        .map(m -> (StorageMetadata) m)
        .toList();
    return new PageSetImpl<>(objects, page.getNextMarker());
  }
}
