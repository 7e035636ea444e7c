package dev.shade.bench;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A command line of the form {@code ROLE [--name value | --flag]... [POSITIONAL]...}, checked
 * against the options a role knows: an unknown option or a missing value is a usage error.
 */
final class ProcessArgs {
  private final String role;
  private final Map<String, String> options = new HashMap<>();
  private final List<String> positional = new ArrayList<>();

  private ProcessArgs(String role) {
    this.role = role;
  }

  /**
   * @param valued options that take a value
   * @param flags options that take none
   */
  static ProcessArgs parse(String[] args, Set<String> valued, Set<String> flags) {
    if (args.length == 0) {
      throw new UsageException("no role given");
    }
    ProcessArgs parsed = new ProcessArgs(args[0]);
    for (int i = 1; i < args.length; i++) {
      String arg = args[i];
      if (!arg.startsWith("--")) {
        parsed.positional.add(arg);
      } else if (flags.contains(arg)) {
        parsed.options.put(arg, "true");
      } else if (valued.contains(arg)) {
        if (i + 1 == args.length) {
          throw new UsageException(arg + " needs a value");
        }
        parsed.options.put(arg, args[++i]);
      } else {
        throw new UsageException("unknown option " + arg + " for " + args[0]);
      }
    }
    return parsed;
  }

  String role() {
    return role;
  }

  List<String> positional() {
    return List.copyOf(positional);
  }

  boolean has(String name) {
    return options.containsKey(name);
  }

  String get(String name, String fallback) {
    return options.getOrDefault(name, fallback);
  }

  String required(String name) {
    String value = options.get(name);
    if (value == null) {
      throw new UsageException(role + " needs " + name);
    }
    return value;
  }

  int intValue(String name, int fallback) {
    String value = options.get(name);
    if (value == null) {
      return fallback;
    }
    try {
      return Integer.parseInt(value);
    } catch (NumberFormatException e) {
      throw new UsageException(name + " must be an integer: " + value);
    }
  }

  /** A command line the process cannot run; it exits 2. */
  static final class UsageException extends RuntimeException {
    UsageException(String message) {
      super(message);
    }
  }
}
