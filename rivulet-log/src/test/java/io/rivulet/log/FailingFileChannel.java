package io.rivulet.log;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.WritableByteChannel;

/**
 * A {@link FileChannel} that delegates to a real one but can be told to fail: positional writes
 * write half their bytes and then throw "No space left on device" (a disk filling up), and {@code
 * force} throws. Used through a {@link ChannelOpener}.
 */
final class FailingFileChannel extends FileChannel {
  /** Switches shared by every channel of one test. */
  static final class Switches {
    volatile boolean failWrites;
    volatile boolean failForce;
    final java.util.concurrent.atomic.AtomicInteger forces = new java.util.concurrent.atomic.AtomicInteger();
  }

  private final FileChannel delegate;
  private final Switches switches;

  FailingFileChannel(FileChannel delegate, Switches switches) {
    this.delegate = delegate;
    this.switches = switches;
  }

  static ChannelOpener opener(Switches switches) {
    return (path, options) -> new FailingFileChannel(FileChannel.open(path, options), switches);
  }

  @Override
  public int write(ByteBuffer src, long position) throws IOException {
    if (switches.failWrites) {
      ByteBuffer half = src.duplicate();
      half.limit(src.position() + src.remaining() / 2);
      delegate.write(half, position);
      throw new IOException("No space left on device");
    }
    return delegate.write(src, position);
  }

  @Override
  public void force(boolean metaData) throws IOException {
    if (switches.failForce) {
      throw new IOException("Input/output error");
    }
    switches.forces.incrementAndGet();
    delegate.force(metaData);
  }

  @Override
  public int read(ByteBuffer dst) throws IOException {
    return delegate.read(dst);
  }

  @Override
  public long read(ByteBuffer[] dsts, int offset, int length) throws IOException {
    return delegate.read(dsts, offset, length);
  }

  @Override
  public int write(ByteBuffer src) throws IOException {
    if (switches.failWrites) {
      throw new IOException("No space left on device");
    }
    return delegate.write(src);
  }

  @Override
  public long write(ByteBuffer[] srcs, int offset, int length) throws IOException {
    return delegate.write(srcs, offset, length);
  }

  @Override
  public long position() throws IOException {
    return delegate.position();
  }

  @Override
  public FileChannel position(long newPosition) throws IOException {
    delegate.position(newPosition);
    return this;
  }

  @Override
  public long size() throws IOException {
    return delegate.size();
  }

  @Override
  public FileChannel truncate(long size) throws IOException {
    delegate.truncate(size);
    return this;
  }

  @Override
  public long transferTo(long position, long count, WritableByteChannel target) throws IOException {
    return delegate.transferTo(position, count, target);
  }

  @Override
  public long transferFrom(ReadableByteChannel src, long position, long count) throws IOException {
    return delegate.transferFrom(src, position, count);
  }

  @Override
  public int read(ByteBuffer dst, long position) throws IOException {
    return delegate.read(dst, position);
  }

  @Override
  public MappedByteBuffer map(MapMode mode, long position, long size) throws IOException {
    return delegate.map(mode, position, size);
  }

  @Override
  public FileLock lock(long position, long size, boolean shared) throws IOException {
    return delegate.lock(position, size, shared);
  }

  @Override
  public FileLock tryLock(long position, long size, boolean shared) throws IOException {
    return delegate.tryLock(position, size, shared);
  }

  @Override
  protected void implCloseChannel() throws IOException {
    delegate.close();
  }
}
