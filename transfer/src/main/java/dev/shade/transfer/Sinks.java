package dev.shade.transfer;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Opens the sink an {@link Output} asks for. */
final class Sinks {
  private Sinks() {}

  static ChunkSink open(Output output, IncomingStream stream, ReceiverSettings settings)
      throws IOException {
    StreamGeometry geometry = StreamGeometry.of(stream.metadata());
    int reorderChunks = stream.metadata().lanes() * stream.metadata().window();
    String id = stream.streamId().toBase64Url();
    if (output instanceof Output.FileOutput) {
      return FileSink.create(((Output.FileOutput) output).target(), id);
    }
    if (output instanceof Output.InboxOutput) {
      Path dir = ((Output.InboxOutput) output).directory();
      Files.createDirectories(dir);
      var file = stream.metadata().fileMetadata();
      String name = ReceivedFiles.safeName(file == null ? null : file.filename(), stream.streamId());
      return FileSink.create(dir.resolve(name), id);
    }
    if (output instanceof Output.ChannelOutput) {
      return OrderedSink.toChannel(geometry, reorderChunks,
          ((Output.ChannelOutput) output).channel());
    }
    long cap = ((Output.MemoryOutput) output).capBytes();
    Long total = stream.metadata().totalBytes();
    if (total != null && total > cap) {
      throw new IllegalArgumentException("stream of " + total + " bytes exceeds the memory cap " + cap);
    }
    return OrderedSink.toMemory(geometry, reorderChunks, cap);
  }
}
