package dev.shade.transfer;

import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.WritableByteChannel;
import java.nio.file.Path;
import java.util.Objects;

/**
 * Where an accepted stream goes.
 *
 * <ul>
 *   <li>{@link #file(Path)}: written at offsets into a partial file in {@code .shade-partial/}
 *       beside the target (same filesystem), moved into place only after verification; an
 *       existing file is never overwritten ({@code name (1).ext} instead).
 *   <li>{@link #inbox(Path)}: like a file in that folder, named after the sender's {@code
 *       fileMetadata.filename} (base name only, control characters removed), else {@code
 *       <streamId>.bin}.
 *   <li>{@link #stream}/{@link #channel}: written in order through a reorder buffer bounded by lanes
 *       × window chunks. Bytes reach the stream before the stream is verified: the caller must
 *       treat them as unverified until {@code done()} completes.
 *   <li>{@link #memory(long)}: held in memory up to a cap, handed out only after verification.
 * </ul>
 */
public sealed interface Output
    permits Output.FileOutput, Output.InboxOutput, Output.ChannelOutput, Output.MemoryOutput {

  static Output file(Path target) {
    return new FileOutput(target);
  }

  static Output inbox(Path directory) {
    return new InboxOutput(directory);
  }

  static Output stream(OutputStream out) {
    return new ChannelOutput(Channels.newChannel(Objects.requireNonNull(out, "out")));
  }

  static Output channel(WritableByteChannel channel) {
    return new ChannelOutput(channel);
  }

  static Output memory(long capBytes) {
    return new MemoryOutput(capBytes);
  }

  record FileOutput(Path target) implements Output {
    public FileOutput {
      Objects.requireNonNull(target, "target");
    }
  }

  record InboxOutput(Path directory) implements Output {
    public InboxOutput {
      Objects.requireNonNull(directory, "directory");
    }
  }

  record ChannelOutput(WritableByteChannel channel) implements Output {
    public ChannelOutput {
      Objects.requireNonNull(channel, "channel");
    }
  }

  record MemoryOutput(long capBytes) implements Output {
    public MemoryOutput {
      if (capBytes < 0 || capBytes > Integer.MAX_VALUE - 8) {
        throw new IllegalArgumentException("capBytes must be 0..2^31-9: " + capBytes);
      }
    }
  }
}
