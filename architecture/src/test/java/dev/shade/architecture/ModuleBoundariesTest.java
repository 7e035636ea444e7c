package dev.shade.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

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
}
