package dev.shade.cli;

import dev.shade.streams.PeerAddress;
import dev.shade.streams.ShadeFormatException;
import dev.shade.transfer.control.ControlPlane;
import dev.shade.transfer.spi.ProtocolStateStore;
import java.security.SecureRandom;
import java.util.Locale;

/**
 * The address of the node a store holds, or the address a new identity gets: {@code NAME.1}, the
 * name chosen with {@code --name}, else the login name and four random characters (peers pin
 * identities by address, so two people with the same login must not share one).
 *
 * @param isNew whether the store held no identity yet (opening the node creates it)
 */
record NodeName(PeerAddress address, boolean isNew) {
  private static final String FALLBACK = "shade";
  private static final String TAG_ALPHABET = "abcdefghijkmnpqrstuvwxyz23456789";
  private static final int DEVICE_ID = 1;

  /**
   * @param requested the {@code --name} given, or null
   * @throws CliException USAGE when {@code requested} is not a valid name or the store already
   *     holds another one
   */
  static NodeName of(ProtocolStateStore store, String requested) {
    var stored = ControlPlane.storedAddress(store);
    if (stored.isPresent()) {
      if (requested != null && !requested.equals(stored.get().name())) {
        throw new CliException(ExitStatus.USAGE, "this home already holds the identity of "
            + stored.get() + "; choose another --home for a node named " + requested);
      }
      return new NodeName(stored.get(), false);
    }
    return new NodeName(address(requested == null ? fromLogin(new SecureRandom()) : requested),
        true);
  }

  private static PeerAddress address(String name) {
    try {
      return new PeerAddress(name, DEVICE_ID);
    } catch (ShadeFormatException e) {
      throw new CliException(ExitStatus.USAGE,
          "invalid --name '" + name + "': lowercase letters, digits, - and _, 1 to 64 characters,"
              + " starting with a letter or digit");
    }
  }

  /** {@code login-x7k2}: the login name made valid (lowercase, others as -) and a random tag. */
  static String fromLogin(SecureRandom random) {
    String login = System.getProperty("user.name", "").toLowerCase(Locale.ROOT);
    String name = login.replaceAll("[^a-z0-9_-]", "-").replaceFirst("^[_-]+", "");
    name = name.substring(0, Math.min(name.length(), PeerAddress.MAX_NAME_CHARS - 5));
    StringBuilder tag = new StringBuilder(name.isEmpty() ? FALLBACK : name).append('-');
    for (int i = 0; i < 4; i++) {
      tag.append(TAG_ALPHABET.charAt(random.nextInt(TAG_ALPHABET.length())));
    }
    return tag.toString();
  }
}
