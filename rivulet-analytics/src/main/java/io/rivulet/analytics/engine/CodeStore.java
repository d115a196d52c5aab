package io.rivulet.analytics.engine;

import io.rivulet.analytics.AnalyticsError;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.NoSuchElementException;

/**
 * Application jars and zips on local disk, one file per application version under {@code
 * <dir>/<account>/<region>/<name>/<version>.zip}: the ZipFileContent sent, or the object an
 * S3ContentLocation names, fetched when the version is made (as AWS reads it then). Thread-safe.
 */
public final class CodeStore {
  private final Path dir;
  private final CodeSource s3;

  public CodeStore(Path dir, CodeSource s3) {
    this.dir = dir;
    this.s3 = s3;
  }

  /** Where the code of a version is, or null when it has none on disk. */
  public Path path(Application a) {
    return a.code() == null ? null : dir.resolve(a.code().file());
  }

  /**
   * Takes the code out of a CodeContent (ZipFileContent is removed from it, S3ContentLocation kept)
   * and stores it for version {@code versionId}; returns null when the content is text or absent.
   */
  public Application.StoredCode store(Application identity, long versionId,
      Map<String, Object> codeContent) {
    if (codeContent == null) {
      return null;
    }
    byte[] bytes;
    if (codeContent.remove("ZipFileContent") instanceof byte[] zip) {
      bytes = zip;
    } else if (codeContent.get("S3ContentLocation") instanceof Map<?, ?> loc) {
      bytes = fetch(loc);
    } else {
      return null;
    }
    String file = identity.account() + "/" + identity.region() + "/" + identity.name() + "/"
        + versionId + ".zip";
    try {
      Path target = dir.resolve(file);
      Files.createDirectories(target.getParent());
      Files.write(target, bytes);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot store application code " + file, e);
    }
    return new Application.StoredCode(file, md5(bytes), bytes.length);
  }

  /** The same code for another version (a new version that did not change the code). */
  public Application.StoredCode copy(Application from, long versionId) {
    if (from.code() == null) {
      return null;
    }
    String file = from.account() + "/" + from.region() + "/" + from.name() + "/" + versionId + ".zip";
    try {
      Path target = dir.resolve(file);
      if (!target.equals(path(from))) {
        Files.copy(path(from), target, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot copy application code to " + file, e);
    }
    return new Application.StoredCode(file, from.code().md5(), from.code().size());
  }

  /** Removes every code file of an application. */
  public void deleteAll(Application a) {
    Path appDir = dir.resolve(a.account()).resolve(a.region()).resolve(a.name());
    Deletions.deleteTree(appDir);
  }

  private byte[] fetch(Map<?, ?> location) {
    String bucketArn = String.valueOf(location.get("BucketARN"));
    String key = String.valueOf(location.get("FileKey"));
    Object version = location.get("ObjectVersion");
    String bucket = bucketName(bucketArn);
    try {
      return s3.fetch(bucket, key, version == null ? null : version.toString());
    } catch (NoSuchElementException e) {
      throw AnalyticsError.INVALID_ARGUMENT.with("Could not read the application code at " + bucketArn
          + "/" + key + ": " + e.getMessage());
    }
  }

  /** The bucket of {@code arn:aws:s3:::<bucket>}. */
  public static String bucketName(String bucketArn) {
    String prefix = "arn:aws:s3:::";
    if (!bucketArn.startsWith(prefix) || bucketArn.length() == prefix.length()
        || bucketArn.indexOf('/', prefix.length()) >= 0) {
      throw AnalyticsError.INVALID_ARGUMENT.with("Invalid bucket ARN: " + bucketArn);
    }
    return bucketArn.substring(prefix.length());
  }

  /** Removes a directory tree (logging what cannot be removed). */
  public static void deleteTree(Path tree) {
    Deletions.deleteTree(tree);
  }

  /** The hex MD5 of some bytes, as CodeMD5 shows it. */
  public static String md5(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
