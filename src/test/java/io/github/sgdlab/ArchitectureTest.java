package io.github.sgdlab;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;

import java.util.Arrays;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The three rings of DESIGN.md, checked on the compiled main classes: the library a DJL project
 * depends on, the lab that reproduces the notebook, the application (files, pictures, command
 * line). Arrows only point inward, and the library needs nothing its consumers do not already
 * have through DJL: that is what lets the pom mark every application dependency optional.
 */
class ArchitectureTest {

    /** What a project depending on sgd-lab uses. */
    private static final String[] LIBRARY = {
        "io.github.sgdlab.autograd..", "io.github.sgdlab.persample..", "io.github.sgdlab.check..",
        "io.github.sgdlab.privacy..", "io.github.sgdlab.files..",
    };

    /** The notebook and the assignment's tasks, built on the library. */
    private static final String[] LAB = {
        "io.github.sgdlab.data..", "io.github.sgdlab.linear..", "io.github.sgdlab.grad..",
        "io.github.sgdlab.reference..", "io.github.sgdlab.descent..", "io.github.sgdlab.notebook..",
    };

    /** Files, pictures, benchmarks and the command line: the outermost ring. */
    private static final String[] APPLICATION = {
        "io.github.sgdlab.output..", "io.github.sgdlab.chart..", "io.github.sgdlab.benchmark..",
        "io.github.sgdlab.cli..",
    };

    /** Besides each other, the library may use only these: what DJL already brings. */
    private static final String[] LIBRARY_MAY_USE = {"java..", "ai.djl..", "com.google.gson.."};

    private static JavaClasses main;

    @BeforeAll
    static void importMainClasses() {
        main = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("io.github.sgdlab");
    }

    @Test
    @DisplayName("the library imports only DJL, Gson, the JDK and itself (no picocli, XChart, CSV, lab or application)")
    void libraryUsesOnlyDjlGsonAndTheJdk() {
        classes().that().resideInAnyPackage(LIBRARY)
                .should().onlyDependOnClassesThat().resideInAnyPackage(concat(LIBRARY, LIBRARY_MAY_USE))
                .because("a project that depends on sgd-lab inherits only DJL and Gson;"
                        + " everything else is optional in the pom")
                .check(main);
    }

    @Test
    @DisplayName("nothing imports upward: the library knows no lab or application package, the lab no application package")
    void ringsPointInward() {
        layeredArchitecture().consideringOnlyDependenciesInLayers()
                .withOptionalLayers(true)
                .layer("Library").definedBy(LIBRARY)
                .layer("Lab").definedBy(LAB)
                .layer("Application").definedBy(APPLICATION)
                .whereLayer("Application").mayNotBeAccessedByAnyLayer()
                .whereLayer("Lab").mayOnlyBeAccessedByLayers("Application")
                .whereLayer("Library").mayOnlyBeAccessedByLayers("Lab", "Application")
                .check(main);
    }

    @Test
    @DisplayName("the plain-Java witness imports nothing of DJL, so a framework fault cannot hide on both sides")
    void referenceKnowsNoDjl() {
        noClasses().that().resideInAPackage("io.github.sgdlab.reference..")
                .should().dependOnClassesThat().resideInAPackage("ai.djl..")
                .because("reference/ is the independent witness DJL autograd is checked against")
                .check(main);
    }

    @Test
    @DisplayName("every package belongs to a ring, so a new one is placed on purpose")
    void everyPackageHasARing() {
        classes().should().resideInAnyPackage(concat(concat(LIBRARY, LAB), APPLICATION))
                .because("a new package must be added to one ring in ArchitectureTest"
                        + " (and DESIGN.md), which decides what it may import")
                .check(main);
    }

    @Test
    @DisplayName("no cycle between packages")
    void noPackageCycles() {
        slices().matching("io.github.sgdlab.(*)..").should().beFreeOfCycles().check(main);
    }

    private static String[] concat(String[] first, String[] second) {
        return Stream.concat(Arrays.stream(first), Arrays.stream(second)).toArray(String[]::new);
    }
}
