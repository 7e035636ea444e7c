package dev.shade.bench.harness;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The run's figures as Markdown (for people and docs) and JSON (for tools), from the same data. */
final class Report {
  private final BenchOptions options;
  private final List<String> command;
  private final String startedAt;
  private final Map<String, String> machine;
  private final String loadAtStart;
  private final String loadAtEnd;
  private final Results results;
  private final List<Goal> goals;
  private final String boundNote;

  Report(BenchOptions options, List<String> command, String startedAt, Map<String, String> machine,
      String loadAtStart, String loadAtEnd, Results results, List<Goal> goals, String boundNote) {
    this.options = options;
    this.command = command;
    this.startedAt = startedAt;
    this.machine = machine;
    this.loadAtStart = loadAtStart;
    this.loadAtEnd = loadAtEnd;
    this.results = results;
    this.goals = goals;
    this.boundNote = boundNote;
  }

  String markdown() {
    StringBuilder md = new StringBuilder();
    md.append("# Shade benchmark, ").append(startedAt)
        .append(options.label().isEmpty() ? "" : " — " + options.label()).append("\n\n");
    md.append("- command: `").append(String.join(" ", command)).append("`\n");
    md.append("- ").append(options.quick() ? "quick run" : "full run").append(": ")
        .append(options.describe()).append("; interleaved: every round runs every trial once,"
            + " in the same order\n");
    md.append("- machine: ");
    machine.forEach((k, v) -> md.append(k).append(" ").append(v).append("; "));
    md.setLength(md.length() - 2);
    md.append("\n- load average (1 min) at start / end: ").append(loadAtStart).append(" / ")
        .append(loadAtEnd).append("\n- cells: min / median / max over rounds\n\n");
    md.append("## Goals (targets, not assertions)\n\nGoals of scenarios this run left out are not"
        + " listed.\n\n| goal | target | measured (median) | status |\n| --- | --- | --- | --- |\n");
    for (Goal g : ranGoals()) {
      md.append("| ").append(g.goal()).append(" | ").append(g.target()).append(" | ")
          .append(g.measured()).append(" | ").append(g.status()).append(" |\n");
    }
    if (!boundNote.isEmpty()) {
      md.append("\nCrypto bound: ").append(boundNote).append("\n");
    }
    for (Results.Section s : sorted()) {
      md.append("\n## ").append(s.title).append("\n\n");
      s.notes.forEach(n -> md.append(n).append("\n\n"));
      if (s.rows.isEmpty()) {
        continue;
      }
      md.append("| |");
      s.columns.forEach(c -> md.append(' ').append(c).append(" |"));
      md.append("\n| --- |");
      s.columns.forEach(c -> md.append(" ---: |"));
      md.append('\n');
      s.rows.forEach((row, figures) -> {
        md.append("| ").append(row).append(" |");
        for (String c : s.columns) {
          List<Double> samples = figures.get(c);
          md.append(' ').append(samples == null ? "" : cell(Summary.of(samples))).append(" |");
        }
        md.append('\n');
      });
    }
    List<String> failures = results.failures();
    if (!failures.isEmpty()) {
      md.append("\n## Failures\n\n");
      failures.forEach(f -> md.append("- ").append(f.lines().findFirst().orElse(f)).append('\n'));
    }
    return md.toString();
  }

  JsonObject json() {
    JsonObject machineJson = new JsonObject();
    machine.forEach(machineJson::put);
    JsonArray goalsJson = new JsonArray();
    goals.forEach(g -> goalsJson.add(new JsonObject().put("goal", g.goal())
        .put("target", g.target()).put("measured", g.measured()).put("status", g.status())));
    JsonArray sections = new JsonArray();
    for (Results.Section s : sorted()) {
      JsonArray rows = new JsonArray();
      s.rows.forEach((row, figures) -> {
        JsonObject columns = new JsonObject();
        figures.forEach((column, samples) -> {
          Summary sum = Summary.of(samples);
          columns.put(column, new JsonObject().put("samples", new JsonArray(samples))
              .put("min", sum.min()).put("median", sum.median()).put("max", sum.max()));
        });
        rows.add(new JsonObject().put("row", row).put("figures", columns));
      });
      sections.add(new JsonObject().put("title", s.title)
          .put("notes", new JsonArray(List.copyOf(s.notes))).put("rows", rows));
    }
    return new JsonObject().put("startedAt", startedAt).put("label", options.label())
        .put("quick", options.quick()).put("command", new JsonArray(command))
        .put("options", options.describe()).put("rounds", options.rounds())
        .put("machine", machineJson)
        .put("loadAverage", new JsonObject().put("start", loadAtStart).put("end", loadAtEnd))
        .put("goals", goalsJson).put("cryptoBound", boundNote).put("sections", sections)
        .put("failures", new JsonArray(results.failures()));
  }

  /** Writes {@code bench-STAMP.md} and {@code .json} into {@code dir}; returns the Markdown's path. */
  Path write(Path dir, String stamp) throws IOException {
    Files.createDirectories(dir);
    Path md = dir.resolve("bench-" + stamp + ".md");
    Files.writeString(md, markdown());
    Files.writeString(dir.resolve("bench-" + stamp + ".json"), json().encodePrettily() + "\n");
    return md;
  }

  /** The goals of scenarios that ran (a goal the engine could not be measured for stays). */
  private List<Goal> ranGoals() {
    return goals.stream().filter(g -> !g.status().endsWith(Goal.SCENARIO_NOT_RUN)).toList();
  }

  private List<Results.Section> sorted() {
    return results.sections().stream().sorted(Comparator.comparing(s -> s.title)).toList();
  }

  static String cell(Summary s) {
    if (s.count() == 1) {
      return number(s.median());
    }
    return number(s.min()) + " / " + number(s.median()) + " / " + number(s.max());
  }

  static String number(double v) {
    double a = Math.abs(v);
    String format = a >= 100 ? "%.0f" : a >= 10 ? "%.1f" : "%.2f";
    return String.format(Locale.ROOT, format, v);
  }
}
