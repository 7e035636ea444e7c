package dev.shade.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** DESIGN.md's one-way module map, checked on the compiled classes of every module. */
class ModuleBoundariesTest {
  private static JavaClasses classes;

  @BeforeAll
  static void importClasses() {
    classes = new ClassFileImporter()
        .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
        .importPackages("dev.shade");
  }

  @Test
  void streamsCoreIsPure() {
    ArchRule rule = noClasses().that().resideInAPackage("dev.shade.streams..")
        .should().dependOnClassesThat().resideInAnyPackage(
            "java.net..", "java.nio.file..", "java.nio.channels..", "java.io.File..",
            "java.util.concurrent..", "dev.shade.transfer..", "dev.shade.transport..",
            "dev.shade.resume..", "dev.shade.widgets..", "dev.shade.cli..", "dev.shade.bench..")
        .orShould().dependOnClassesThat().areAssignableTo(Thread.class)
        .orShould().dependOnClassesThat().areAssignableTo(java.io.File.class)
        .because("streams-core is pure: no network, no threads, no files");
    rule.check(classes);
  }

  @Test
  void transferImportsNoTransportOrStoreImplementation() {
    ArchRule rule = noClasses().that().resideInAPackage("dev.shade.transfer..")
        .should().dependOnClassesThat().resideInAnyPackage(
            "dev.shade.transport..", "dev.shade.resume..", "dev.shade.widgets..",
            "dev.shade.cli..", "io.vertx..", "org.sqlite..", "java.sql..")
        .because("transfer owns the SPIs that transports and stores implement");
    rule.check(classes);
  }

  @Test
  void transportsDoNotImportEachOther() {
    slices().matching("dev.shade.transport.(*)..").should().notDependOnEachOther()
        .allowEmptyShould(true)
        .because("a transport never imports another transport")
        .check(classes);
  }

  @Test
  void storesAndTransportsDoNotImportEachOther() {
    noClasses().that().resideInAPackage("dev.shade.resume..")
        .should().dependOnClassesThat().resideInAPackage("dev.shade.transport..")
        .check(classes);
    noClasses().that().resideInAPackage("dev.shade.transport..")
        .should().dependOnClassesThat().resideInAPackage("dev.shade.resume..")
        .check(classes);
  }

  @Test
  void internalPackagesStayInsideTheirModule() {
    for (String module : new String[] {"streams", "transfer", "transport", "resume", "widgets",
        "cli", "bench"}) {
      String root = "dev.shade." + module + "..";
      noClasses().that().resideOutsideOfPackage(root)
          .should().dependOnClassesThat().resideInAPackage(root.replace("..", "..internal.."))
          .allowEmptyShould(true)
          .because("nothing outside " + module + " uses its internal packages")
          .check(classes);
    }
  }
}
