package dev.shade.transfer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ChannelSlicesTest {
  private static final int SLICE = ChannelSlices.SLICE_BYTES;
  @TempDir Path dir;

  private static byte[] random(int n) {
    byte[] bytes = new byte[n];
    new Random(n).nextBytes(bytes);
    return bytes;
  }

  @Test
  void positionalWritesAndReadsRoundTripAroundSliceBoundaries() throws Exception {
    Path file = dir.resolve("f");
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE,
        StandardOpenOption.READ, StandardOpenOption.WRITE)) {
      long position = 0;
      for (int length : new int[] {0, 1, SLICE - 1, SLICE, SLICE + 1, 3 * SLICE + 7}) {
        byte[] chunk = random(length);
        byte[] padded = Arrays.copyOf(chunk, length + 5); // only [0, length) counts
        ChannelSlices.writeFully(channel, position, padded, length);
        byte[] back = new byte[length + 3];
        ChannelSlices.readFully(channel, position, back, length);
        assertArrayEquals(chunk, Arrays.copyOf(back, length), "length " + length);
        position += length;
      }
      assertEquals(position, channel.size());
    }
  }

  @Test
  void readingPastTheEndIsAnEofError() throws Exception {
    Path file = dir.resolve("short");
    Files.write(file, random(SLICE + 10));
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
      assertThrows(EOFException.class,
          () -> ChannelSlices.readFully(channel, 20, new byte[SLICE], SLICE));
    }
  }

  @Test
  void streamWritesKeepOrder() throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    byte[] data = random(2 * SLICE + 99);
    ChannelSlices.writeFully(Channels.newChannel(out), data, data.length - 9);
    assertArrayEquals(Arrays.copyOf(data, data.length - 9), out.toByteArray());
  }
}
