package org.layercanvas;

import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** Enforces the package table of DESIGN.md: dependencies point one way only. */
@AnalyzeClasses(packages = "org.layercanvas", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    @ArchTest
    static final ArchRule layersDependOnlyDownwards = layeredArchitecture()
            .consideringOnlyDependenciesInLayers()
            .withOptionalLayers(true)
            .layer("graph").definedBy("org.layercanvas.graph..")
            .layer("edit").definedBy("org.layercanvas.edit..")
            .layer("io").definedBy("org.layercanvas.io..")
            .layer("data").definedBy("org.layercanvas.data..")
            .layer("engine").definedBy("org.layercanvas.engine..")
            .layer("export").definedBy("org.layercanvas.export..")
            .layer("ui").definedBy("org.layercanvas.ui..")
            .layer("cli").definedBy("org.layercanvas.cli..")
            .layer("main").definedBy("org.layercanvas")
            .whereLayer("graph").mayOnlyBeAccessedByLayers("edit", "io", "engine", "export", "ui", "cli", "main")
            .whereLayer("edit").mayOnlyBeAccessedByLayers("ui", "main")
            .whereLayer("io").mayOnlyBeAccessedByLayers("export", "ui", "cli", "main")
            .whereLayer("data").mayOnlyBeAccessedByLayers("engine", "export", "ui", "cli", "main")
            .whereLayer("engine").mayOnlyBeAccessedByLayers("export", "ui", "cli", "main")
            .whereLayer("export").mayOnlyBeAccessedByLayers("ui", "cli", "main")
            .whereLayer("ui").mayOnlyBeAccessedByLayers("main")
            .whereLayer("cli").mayOnlyBeAccessedByLayers("main");

    @ArchTest
    static final ArchRule graphUsesTheJdkOnly = noClasses().that().resideInAPackage("org.layercanvas.graph..")
            .should().dependOnClassesThat().resideOutsideOfPackages("org.layercanvas.graph..", "java..");

    @ArchTest
    static final ArchRule editUsesGraphAndTheJdkOnly = noClasses().that().resideInAPackage("org.layercanvas.edit..")
            .should().dependOnClassesThat()
            .resideOutsideOfPackages("org.layercanvas.graph..", "org.layercanvas.edit..", "java..");

    @ArchTest
    static final ArchRule ioUsesGraphJacksonAndTheJdkOnly = noClasses().that().resideInAPackage("org.layercanvas.io..")
            .should().dependOnClassesThat().resideOutsideOfPackages("org.layercanvas.graph..",
                    "org.layercanvas.io..", "com.fasterxml.jackson..", "java..");

    @ArchTest
    static final ArchRule uiDoesNotTouchDjl = noClasses().that().resideInAPackage("org.layercanvas.ui..")
            .should().dependOnClassesThat().resideInAPackage("ai.djl..");

    @ArchTest
    static final ArchRule onlyUiUsesJavaFx = noClasses().that().resideOutsideOfPackages("org.layercanvas.ui..",
                    "org.layercanvas")
            .should().dependOnClassesThat().resideInAnyPackage("javafx..", "org.controlsfx..", "org.jfree..");

    @ArchTest
    static final ArchRule noJavaSerialization = noClasses().should().dependOnClassesThat()
            .areAssignableTo(java.io.ObjectOutputStream.class)
            .orShould().dependOnClassesThat().areAssignableTo(java.io.ObjectInputStream.class);
}
