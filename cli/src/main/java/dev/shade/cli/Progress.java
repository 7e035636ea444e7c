package dev.shade.cli;

/**
 * How far one upload got, as {@code send} and {@code resume} report it.
 *
 * @param ackedBytes bytes of the stream the receiver acknowledged, from its start (earlier runs
 *     included), each chunk counted once
 * @param sentBytes plaintext bytes of the chunks this process sent that reached the receiver
 *     (acknowledged or refused), every attempt counted: a diagnostic of how much travelled
 * @param resentBytes the part of {@code sentBytes} whose chunk had been sent before: by this
 *     process, or sealed by an earlier run before it was interrupted
 */
record Progress(long ackedBytes, long sentBytes, long resentBytes) {
  static final Progress NONE = new Progress(0, 0, 0);
}
