package dev.shade.transport.http;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.shade.streams.Sha256;
import dev.shade.transfer.Input;
import dev.shade.transfer.Output;
import dev.shade.transfer.TransferResult;
import dev.shade.transfer.Upload;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Two whole nodes on real Vert.x servers on loopback, moving real files over HTTP. */
class HttpTransferTest {
  private static final int MIB = 1 << 20;
  private static TwoNodes nodes;
  private static ShadeNode alice;
  private static ShadeNode bob;
  @TempDir static Path dir;

  @BeforeAll
  static void start() {
    nodes = new TwoNodes();
    alice = nodes.alice;
    bob = nodes.bob;
  }

  @AfterAll
  static void stop() {
    nodes.close();
  }

  /** Writes {@code size} pseudo-random bytes and returns their SHA-256. */
  static String randomFile(Path file, long size, long seed) throws IOException {
    MessageDigest digest = Sha256.newDigest();
    SplittableRandom random = new SplittableRandom(seed);
    byte[] block = new byte[MIB];
    try (OutputStream out = Files.newOutputStream(file)) {
      for (long left = size; left > 0; ) {
        int n = (int) Math.min(block.length, left);
        random.nextBytes(block);
        out.write(block, 0, n);
        digest.update(block, 0, n);
        left -= n;
      }
    }
    return Sha256.hex(digest.digest());
  }

  static String sha256Of(Path file) throws IOException {
    MessageDigest digest = Sha256.newDigest();
    byte[] buffer = new byte[MIB];
    try (InputStream in = Files.newInputStream(file)) {
      for (int n; (n = in.read(buffer)) > 0; ) {
        digest.update(buffer, 0, n);
      }
    }
    return Sha256.hex(digest.digest());
  }

  private CompletableFuture<TransferResult> receiveInto(Output output) {
    CompletableFuture<TransferResult> received = new CompletableFuture<>();
    bob.shade.onIncomingTransfer(in -> in.accept(output).whenComplete((r, e) -> {
      if (e != null) {
        received.completeExceptionally(e);
      } else {
        received.complete(r);
      }
    }));
    return received;
  }

  @Test
  void aQuarterGibibyteFileArrivesOverFourRangeLanes() throws Exception {
    Path source = dir.resolve("256m.bin");
    String sha = randomFile(source, 256L * MIB, 256);
    Path target = dir.resolve("256m-received.bin");
    CompletableFuture<TransferResult> received = receiveInto(Output.file(target));
    TransferResult sent = alice.shade.upload(Upload.to(bob.peer()).input(Input.file(source))
        .lanes(4).chunkSizeBytes(MIB).build()).done().get(120, TimeUnit.SECONDS);
    System.out.println("range 256 MiB: " + sent.durationMs() + " ms");
    assertEquals(sha, sent.sha256());
    assertEquals("http", sent.transport());
    assertEquals(sha, received.get(10, TimeUnit.SECONDS).sha256());
    assertEquals(sha, sha256Of(target));
    Files.delete(source);
    Files.delete(target);
  }

  @Test
  void aQuarterGibibyteStreamOfUnknownSizeArrivesRoundRobinIntoAStream() throws Exception {
    Path source = dir.resolve("256m-stream.bin");
    String sha = randomFile(source, 256L * MIB, 7);
    Path target = dir.resolve("256m-stream-received.bin");
    try (InputStream in = Files.newInputStream(source);
        OutputStream out = Files.newOutputStream(target)) {
      CompletableFuture<TransferResult> received = receiveInto(Output.stream(out));
      TransferResult sent = alice.shade.upload(Upload.to(bob.peer()).input(Input.stream(in))
          .lanes(4).build()).done().get(120, TimeUnit.SECONDS);
      System.out.println("round-robin 256 MiB: " + sent.durationMs() + " ms");
      assertEquals(sha, sent.sha256());
      assertEquals(sha, received.get(10, TimeUnit.SECONDS).sha256());
    }
    assertEquals(sha, sha256Of(target));
    Files.delete(source);
    Files.delete(target);
  }

  @ParameterizedTest(name = "{0} bytes over {1} lanes")
  @CsvSource({"0,1", "1,1", "1023,1", "1024,1", "1025,1", "0,64", "1,64", "1023,64", "1024,64",
      "1025,64", "70000,64", "70000,3"})
  void edgeSizesArriveOverOneAndSixtyFourLanes(int size, int lanes) throws Exception {
    Path source = dir.resolve("edge-" + size + "-" + lanes);
    String sha = randomFile(source, size, size * 31L + lanes);
    Path target = dir.resolve("edge-" + size + "-" + lanes + ".out");
    CompletableFuture<TransferResult> received = receiveInto(Output.file(target));
    alice.shade.upload(Upload.to(bob.peer()).input(Input.file(source)).lanes(lanes)
        .chunkSizeBytes(1024).build()).done().get(60, TimeUnit.SECONDS);
    received.get(10, TimeUnit.SECONDS);
    assertArrayEquals(Files.readAllBytes(source), Files.readAllBytes(target));
    assertEquals(sha, sha256Of(target));
  }
}
