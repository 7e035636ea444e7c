package dev.shade.bench;

import dev.shade.streams.StreamId;
import dev.shade.transfer.Shade;
import dev.shade.transfer.TransferListener;
import dev.shade.transfer.spi.ResumeStore;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The engine's resume support as the resume benchmark needs it: a durable resume store on a node
 * ({@code Shade.Builder.resumeStore}, {@code SqliteStores.openResumeState}) and a count of every
 * chunk transmission, re-sends included ({@code TransferListener.chunkSent}).
 *
 * <p>Looked up reflectively because the benchmark is written while that engine support is being
 * built: a build without it reports what is missing instead of failing to compile. Once the
 * methods exist on every branch this class becomes two direct calls.
 */
final class ResumeSupport {
  private static final String SQLITE_STORES = "dev.shade.resume.SqliteStores";

  private ResumeSupport() {}

  /** The engine methods the resume benchmark needs and this build lacks; empty when complete. */
  static List<String> missing() {
    List<String> missing = new ArrayList<>();
    if (builderMethod() == null) {
      missing.add("Shade.Builder.resumeStore(ResumeStore)");
    }
    if (openMethod() == null) {
      missing.add("SqliteStores.openResumeState(Path)");
    }
    if (!reportsChunkSent()) {
      missing.add("TransferListener.chunkSent(StreamId, int, long, int)");
    }
    return missing;
  }

  /** Whether the engine calls {@code chunkSent} (else a listener's method of that name is idle). */
  static boolean reportsChunkSent() {
    try {
      TransferListener.class.getMethod("chunkSent", StreamId.class, int.class, long.class,
          int.class);
      return true;
    } catch (NoSuchMethodException e) {
      return false;
    }
  }

  /** Gives {@code builder} the SQLite resume store in {@code file}. */
  static Shade.Builder useSqliteStore(Shade.Builder builder, Path file) {
    List<String> missing = missing();
    if (!missing.isEmpty()) {
      throw new ProcessArgs.UsageException("--resume-state needs engine support this build lacks: "
          + String.join(", ", missing));
    }
    try {
      ResumeStore store = (ResumeStore) openMethod().invoke(null, file);
      return (Shade.Builder) builderMethod().invoke(builder, store);
    } catch (IllegalAccessException e) {
      throw new IllegalStateException(e);
    } catch (InvocationTargetException e) {
      throw e.getCause() instanceof RuntimeException ? (RuntimeException) e.getCause()
          : new IllegalStateException(e.getCause());
    }
  }

  private static Method builderMethod() {
    try {
      return Shade.Builder.class.getMethod("resumeStore", ResumeStore.class);
    } catch (NoSuchMethodException e) {
      return null;
    }
  }

  private static Method openMethod() {
    try {
      return Class.forName(SQLITE_STORES).getMethod("openResumeState", Path.class);
    } catch (ClassNotFoundException | NoSuchMethodException e) {
      return null;
    }
  }
}
