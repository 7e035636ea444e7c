package dev.shade.transfer.control;

import dev.shade.streams.PeerAddress;

/** A decrypted control message and its authenticated sender. */
public record OpenedMessage(PeerAddress sender, byte[] plaintext) {
  public OpenedMessage {
    if (sender == null || plaintext == null) {
      throw new IllegalArgumentException("sender and plaintext are required");
    }
    plaintext = plaintext.clone();
  }

  @Override
  public byte[] plaintext() {
    return plaintext.clone();
  }

  @Override
  public String toString() {
    return "OpenedMessage[from " + sender + ", " + plaintext.length + " bytes]";
  }
}
