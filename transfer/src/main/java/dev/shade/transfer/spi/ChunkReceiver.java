package dev.shade.transfer.spi;

/**
 * The receiving engine as a chunk route sees it. A route calls {@link #admit} with the 36 header
 * bytes before it reads the body (DESIGN.md chunk checks 1–5, including the 413 cap), then reads
 * exactly {@code ctLen} bytes and calls {@link #deliver} (checks 6–8, the write into the sink, the
 * ack).
 *
 * <p>Errors are {@link dev.shade.streams.ShadeException}s whose {@code errorCode()} gives the status
 * and the JSON {@code error} value. {@link #admit} is cheap and non-blocking; {@link #deliver} and
 * {@link #state} may block (decryption, disk) and must run off event loops.
 *
 * <p>Thread safety: safe for concurrent use by many routes and connections.
 */
public interface ChunkReceiver {
  /** Validates a header for the stream named in the path; the result is passed to deliver. */
  AdmittedChunk admit(String pathStreamId, byte[] header);

  /**
   * Authenticates, checks and stores the body of an admitted chunk, {@code body[0, length)};
   * returns the ack. Decrypts in place: the array's contents are the receiver's afterwards, and an
   * array from {@link AdmittedChunk#bodyBuffer()} goes back to the stream's pool.
   */
  ChunkAck deliver(AdmittedChunk chunk, byte[] body, int length);

  /** {@link #deliver(AdmittedChunk, byte[], int)} of a body array of exactly the body's length. */
  default ChunkAck deliver(AdmittedChunk chunk, byte[] body) {
    return deliver(chunk, body, body.length);
  }

  /** The stream's state for {@code GET /:streamId/state}. */
  StreamStateView state(String pathStreamId);

  /** A header that passed checks 1–5: the route reads {@link #bodyBytes()} bytes next. */
  interface AdmittedChunk {
    int bodyBytes();

    /**
     * An array of at least {@link #bodyBytes()} bytes to read the body into and pass to {@link
     * #deliver}: a reused buffer of the stream's when one is free, so the route allocates nothing
     * per chunk. Its contents are stale; only the first {@code bodyBytes()} count.
     */
    default byte[] bodyBuffer() {
      return new byte[bodyBytes()];
    }
  }
}
