package dev.shade.bench.harness;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The run's samples, by section (one per scenario), row (what ran) and column (what was
 * measured, unit in the name), each kept in the order first seen; notes per section; failures.
 * Thread-safe.
 */
final class Results {
  private final Map<String, Section> sections = new LinkedHashMap<>();
  private final List<String> failures = new ArrayList<>();

  /** A section's rows, columns and notes. */
  static final class Section {
    final String title;
    final Set<String> notes = new LinkedHashSet<>();
    final Set<String> columns = new LinkedHashSet<>();
    final Map<String, Map<String, List<Double>>> rows = new LinkedHashMap<>();

    Section(String title) {
      this.title = title;
    }
  }

  synchronized void add(String section, String row, String column, double value) {
    Section s = section(section);
    s.columns.add(column);
    s.rows.computeIfAbsent(row, r -> new LinkedHashMap<>())
        .computeIfAbsent(column, c -> new ArrayList<>()).add(value);
  }

  /** Adds a note under {@code section} (once: the same note twice is kept once). */
  synchronized void note(String section, String note) {
    section(section).notes.add(note);
  }

  synchronized void failure(String text) {
    failures.add(text);
  }

  synchronized Optional<Summary> summary(String section, String row, String column) {
    Section s = sections.get(section);
    List<Double> samples = s == null ? null : s.rows.getOrDefault(row, Map.of()).get(column);
    return samples == null || samples.isEmpty() ? Optional.empty()
        : Optional.of(Summary.of(samples));
  }

  /** Every sample of {@code column} in {@code section}, over all rows. */
  synchronized List<Double> column(String section, String column) {
    List<Double> all = new ArrayList<>();
    Section s = sections.get(section);
    if (s != null) {
      s.rows.values().forEach(row -> all.addAll(row.getOrDefault(column, List.of())));
    }
    return all;
  }

  synchronized List<Section> sections() {
    return List.copyOf(sections.values());
  }

  synchronized List<String> failures() {
    return List.copyOf(failures);
  }

  private Section section(String title) {
    return sections.computeIfAbsent(title, Section::new);
  }
}
