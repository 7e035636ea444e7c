package dev.shade.cli;

import dev.shade.transfer.control.ControlPlane;
import dev.shade.transfer.control.SafetyNumber;

/**
 * A node's fingerprint: its own 30 digits of every safety number it shares with any peer.
 * libsignal builds a safety number from two 30-digit halves, one per side, each from that side's
 * name and identity key, and shows them in sorted order; so a person can check that a node's
 * fingerprint appears, as the first or the last six groups, in the 60 digits a peer shows. The half
 * is computed as the node's safety number with itself, whose two halves are equal.
 */
final class Fingerprint {
  /** Six groups of five digits and the five spaces between them. */
  private static final int GROUPED_CHARS = 6 * 5 + 5;

  private Fingerprint() {}

  static String of(ControlPlane plane) {
    SafetyNumber withItself = plane.trust().safetyNumber(plane.keys().address(),
        plane.keys().identityKey());
    return withItself.grouped().substring(0, GROUPED_CHARS);
  }
}
