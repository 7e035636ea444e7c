package dev.shade.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * DESIGN.md's one-way module map, checked on the compiled classes of every module (this module
 * depends on all of them): {@code streams-core ← transfer ← transports, resume-store, widgets-web ←
 * cli}; a transport never imports another transport; {@code transfer} imports no transport or store
 * implementation; nothing outside a module touches its {@code internal} packages; the core is pure.
 */
class ModuleBoundariesTest {
  private static final String CORE = "dev.shade.streams..";
  private static final String TRANSFER = "dev.shade.transfer..";
  private static final List<String> TRANSPORTS = List.of("dev.shade.transport.http..",
      "dev.shade.transport.ws..", "dev.shade.transport.webrtc..");
  private static final String STORES = "dev.shade.resume..";
  private static final String WIDGETS = "dev.shade.widgets..";
  private static final String CLI = "dev.shade.cli..";
  private static final String BENCH = "dev.shade.bench..";
  private static JavaClasses classes;

  @BeforeAll
  static void importClasses() {
    classes = new ClassFileImporter()
        .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
        .importPackages("dev.shade");
  }

  /** The rules below are only as good as the import: every module must be on the classpath. */
  @Test
  void everyModuleOfTheReactorIsImported() {
    for (String module : List.of("dev.shade.streams", "dev.shade.transfer",
        "dev.shade.transport.http", "dev.shade.transport.ws", "dev.shade.resume", "dev.shade.cli",
        "dev.shade.bench")) {
      if (classes.stream().noneMatch(c -> c.getPackageName().startsWith(module))) {
        throw new AssertionError(module + " classes are missing from the import");
      }
    }
  }

  @Test
  void dependenciesFlowOneWay() {
    ArchRule rule = layeredArchitecture().consideringOnlyDependenciesInAnyPackage("dev.shade..")
        .withOptionalLayers(true)
        .layer("core").definedBy(CORE)
        .layer("transfer").definedBy(TRANSFER)
        .layer("transports").definedBy(TRANSPORTS.toArray(new String[0]))
        .layer("stores").definedBy(STORES)
        .layer("widgets").definedBy(WIDGETS)
        .layer("cli").definedBy(CLI)
        .layer("bench").definedBy(BENCH)
        .whereLayer("cli").mayOnlyBeAccessedByLayers("bench")
        .whereLayer("widgets").mayOnlyBeAccessedByLayers("cli", "bench")
        .whereLayer("stores").mayOnlyBeAccessedByLayers("widgets", "cli", "bench")
        .whereLayer("transports").mayOnlyBeAccessedByLayers("widgets", "cli", "bench")
        .whereLayer("transfer").mayOnlyBeAccessedByLayers("transports", "stores", "widgets", "cli",
            "bench")
        .whereLayer("bench").mayNotBeAccessedByAnyLayer();
    rule.check(classes);
  }

  @Test
  void transferImportsNoTransportOrStoreImplementation() {
    noClasses().that().resideInAPackage(TRANSFER)
        .should().dependOnClassesThat().resideInAnyPackage("io.vertx..", "org.sqlite..",
            "java.sql..", "org.postgresql..", "com.zaxxer..")
        .because("transfer owns the SPIs that transports and stores implement")
        .check(classes);
  }

  @Test
  void transportsNeverImportEachOther() {
    for (String transport : TRANSPORTS) {
      for (String other : TRANSPORTS) {
        if (!other.equals(transport)) {
          noClasses().that().resideInAPackage(transport)
              .should().dependOnClassesThat().resideInAPackage(other)
              .allowEmptyShould(true)
              .check(classes);
        }
      }
    }
  }

  @Test
  void internalPackagesStayInsideTheirModule() {
    for (String module : List.of("dev.shade.streams", "dev.shade.transfer",
        "dev.shade.transport.http", "dev.shade.transport.ws", "dev.shade.transport.webrtc",
        "dev.shade.resume", "dev.shade.widgets", "dev.shade.cli")) {
      noClasses().that().resideOutsideOfPackage(module + "..")
          .should().dependOnClassesThat().resideInAPackage(module + ".internal..")
          .allowEmptyShould(true)
          .because("internal packages are an implementation detail of " + module)
          .check(classes);
    }
  }

  @Test
  void streamsCoreIsPure() {
    ArchRule rule = noClasses().that().resideInAPackage(CORE)
        .should().dependOnClassesThat().resideInAnyPackage(
            "java.net..", "java.nio.file..", "java.nio.channels..", "java.util.concurrent..",
            "io.vertx..", "org.signal..", "java.sql..")
        .orShould().dependOnClassesThat().areAssignableTo(Thread.class)
        .orShould().dependOnClassesThat().areAssignableTo(java.io.File.class)
        .orShould().dependOnClassesThat().areAssignableTo(java.io.InputStream.class)
        .orShould().dependOnClassesThat().areAssignableTo(java.io.OutputStream.class)
        .because("streams-core is pure: no network, no threads, no files");
    rule.check(classes);
  }
}
