package dev.shade.transfer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Optional;

/**
 * Writes chunks at their offsets into {@code <dir>/.shade-partial/<streamId>.part} (same
 * filesystem as the target) and, after verification, publishes it under the target name without
 * ever replacing an existing file. Positional writes need no ordering between lanes.
 */
final class FileSink implements ChunkSink {
  static final String PARTIAL_DIR = ".shade-partial";
  private static final int READ_BUFFER_BYTES = 1 << 20;
  private final Path partial;
  private final Path target;
  private final FileChannel channel;
  private volatile boolean closed;

  private FileSink(Path partial, Path target, FileChannel channel) {
    this.partial = partial;
    this.target = target;
    this.channel = channel;
  }

  static FileSink create(Path target, String streamId) throws IOException {
    Path dir = target.toAbsolutePath().getParent();
    Path partialDir = dir.resolve(PARTIAL_DIR);
    Files.createDirectories(partialDir);
    Path partial = partialDir.resolve(streamId + ".part");
    FileChannel channel = FileChannel.open(partial, StandardOpenOption.CREATE,
        StandardOpenOption.READ, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING);
    return new FileSink(partial, target.toAbsolutePath(), channel);
  }

  Path partialPath() {
    return partial;
  }

  @Override
  public boolean write(int laneId, long offset, byte[] plaintext, int length) throws IOException {
    ChannelSlices.writeFully(channel, offset, plaintext, length);
    return true;
  }

  /**
   * Reads the partial file twice at once, lane digests on this thread and the overall digest on
   * another: the page cache serves both, and the two SHA-256 passes use both cores instead of one.
   */
  @Override
  public StreamDigests digests(StreamGeometry geometry) throws IOException {
    CompletableFuture<StreamDigests> overall = CompletableFuture.supplyAsync(() -> {
      try {
        return digest(new SinkDigester(geometry, SinkDigester.Scope.OVERALL));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    });
    StreamDigests lanes = digest(new SinkDigester(geometry, SinkDigester.Scope.LANES));
    try {
      StreamDigests whole = overall.join();
      return new StreamDigests(lanes.lanes(), whole.totalBytes(), whole.sha256());
    } catch (CompletionException e) {
      if (e.getCause() instanceof UncheckedIOException) {
        throw ((UncheckedIOException) e.getCause()).getCause();
      }
      throw e;
    }
  }

  private StreamDigests digest(SinkDigester digester) throws IOException {
    byte[] buffer = new byte[READ_BUFFER_BYTES];
    long size = channel.size();
    for (long position = 0; position < size; ) {
      int n = (int) Math.min(buffer.length, size - position);
      ChannelSlices.readFully(channel, position, buffer, n);
      digester.update(buffer, 0, n);
      position += n;
    }
    return digester.finish();
  }

  @Override
  public Optional<Path> publish() throws IOException {
    channel.force(true);
    channel.close();
    closed = true;
    Path published = ReceivedFiles.publish(partial, target);
    return Optional.of(published);
  }

  @Override
  public void discard() {
    try {
      if (!closed) {
        closed = true;
        channel.close();
      }
      Files.deleteIfExists(partial);
    } catch (IOException e) {
      // best effort: a leftover partial file is pruned later
    }
  }
}
