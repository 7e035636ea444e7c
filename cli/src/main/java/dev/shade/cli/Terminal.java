package dev.shade.cli;

import java.io.Console;
import java.lang.reflect.InvocationTargetException;
import java.util.Locale;
import java.util.Optional;

/**
 * The person at the terminal, when there is one: a live progress bar instead of plain lines, and
 * yes/no questions instead of refusals.
 *
 * <p>Thread safety: questions are asked one at a time.
 */
final class Terminal {
  private final Console console;

  private Terminal(Console console) {
    this.console = console;
  }

  /** The terminal this process runs in, if both its input and output are one. */
  static Optional<Terminal> attached() {
    Console console = System.console();
    return console != null && isTerminal(console) ? Optional.of(new Terminal(console))
        : Optional.empty();
  }

  /**
   * Before Java 22 a console exists only when input and output are a terminal; from Java 22 one
   * always exists and {@code Console.isTerminal()} (called reflectively: this code is compiled for
   * Java 17) tells.
   */
  private static boolean isTerminal(Console console) {
    try {
      return (Boolean) Console.class.getMethod("isTerminal").invoke(console);
    } catch (NoSuchMethodException e) {
      return true;
    } catch (IllegalAccessException | InvocationTargetException e) {
      return false;
    }
  }

  /** Asks {@code question} followed by {@code [y/N]}; anything but y or yes is no. */
  synchronized boolean confirm(String question) {
    String answer = console.readLine("%s [y/N] ", question);
    if (answer == null) {
      return false;
    }
    String a = answer.strip().toLowerCase(Locale.ROOT);
    return a.equals("y") || a.equals("yes");
  }
}
