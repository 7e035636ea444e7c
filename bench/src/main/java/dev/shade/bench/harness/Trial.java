package dev.shade.bench.harness;

/** One thing each round runs once, adding its samples to the run's results. */
interface Trial {
  String name();

  /** Runs once; returns a one-line summary for the progress log. */
  String run(int round) throws Exception;

  static Trial of(String name, Body body) {
    return new Trial() {
      @Override
      public String name() {
        return name;
      }

      @Override
      public String run(int round) throws Exception {
        return body.run(round);
      }
    };
  }

  /** A trial's work. */
  interface Body {
    String run(int round) throws Exception;
  }
}
