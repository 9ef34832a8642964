package org.layercanvas;

import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.Test;

/** Enforces the package table of DESIGN.md: dependencies point one way only. */
class ArchitectureTest {
    private static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("org.layercanvas");

    @Test
    void layersDependOnlyDownwards() {
        ArchRule rule = layeredArchitecture()
                .consideringOnlyDependenciesInLayers()
                .withOptionalLayers(true)
                .layer("graph").definedBy("org.layercanvas.graph..")
                .layer("edit").definedBy("org.layercanvas.edit..")
                .layer("io").definedBy("org.layercanvas.io..")
                .layer("data").definedBy("org.layercanvas.data..")
                .layer("engine").definedBy("org.layercanvas.engine..")
                .layer("export").definedBy("org.layercanvas.export..")
                .layer("onnx").definedBy("org.layercanvas.onnx..")
                .layer("ui").definedBy("org.layercanvas.ui..")
                .layer("cli").definedBy("org.layercanvas.cli..")
                .layer("main").definedBy("org.layercanvas")
                .whereLayer("graph").mayOnlyBeAccessedByLayers("edit", "io", "engine", "export", "onnx", "ui", "cli", "main")
                // the ONNX import lays its design out as the window's auto-layout does
                .whereLayer("edit").mayOnlyBeAccessedByLayers("onnx", "ui", "main")
                // engine reads and writes design snapshots in run folders through io's codec
                .whereLayer("io").mayOnlyBeAccessedByLayers("engine", "export", "onnx", "ui", "cli", "main")
                .whereLayer("data").mayOnlyBeAccessedByLayers("engine", "export", "onnx", "ui", "cli", "main")
                .whereLayer("engine").mayOnlyBeAccessedByLayers("export", "onnx", "ui", "cli", "main")
                // the exporter may write through the ONNX messages; the import uses no exporter
                .whereLayer("onnx").mayOnlyBeAccessedByLayers("export", "ui", "cli", "main")
                .whereLayer("export").mayOnlyBeAccessedByLayers("ui", "cli", "main")
                .whereLayer("ui").mayOnlyBeAccessedByLayers("main")
                .whereLayer("cli").mayOnlyBeAccessedByLayers("main");
        rule.check(CLASSES);
    }

    @Test
    void graphUsesTheJdkOnly() {
        ArchRule rule = noClasses().that().resideInAPackage("org.layercanvas.graph..")
                .should().dependOnClassesThat().resideOutsideOfPackages("org.layercanvas.graph..", "java..");
        rule.check(CLASSES);
    }

    @Test
    void editUsesGraphElkAndTheJdkOnly() {
        // ELK's graph is made of EMF objects whose lists are EMF's
        ArchRule rule = noClasses().that().resideInAPackage("org.layercanvas.edit..")
                .should().dependOnClassesThat()
                .resideOutsideOfPackages("org.layercanvas.graph..", "org.layercanvas.edit..", "java..",
                        "org.eclipse.elk..", "org.eclipse.emf.common.util..")
                .allowEmptyShould(true);
        rule.check(CLASSES);
    }

    @Test
    void onlyTheAutoLayoutUsesElk() {
        ArchRule rule = noClasses().that().haveNameNotMatching("org\\.layercanvas\\.edit\\.AutoLayout(\\$.*)?")
                .should().dependOnClassesThat().resideInAnyPackage("org.eclipse.elk..", "org.eclipse.emf..");
        rule.check(CLASSES);
    }

    @Test
    void ioUsesGraphJacksonAndTheJdkOnly() {
        ArchRule rule = noClasses().that().resideInAPackage("org.layercanvas.io..")
                .should().dependOnClassesThat().resideOutsideOfPackages("org.layercanvas.graph..",
                        "org.layercanvas.io..", "com.fasterxml.jackson..", "java..");
        rule.check(CLASSES);
    }

    /** The window's features, each in its own package; they meet in {@code ui.app} or through {@code ui.common}. */
    private static final String[] FEATURES = {"canvas", "inspector", "data", "training", "runs"};

    @Test
    void featuresOfTheWindowDoNotUseEachOther() {
        for (String feature : FEATURES) {
            String[] others = java.util.Arrays.stream(FEATURES).filter(f -> !f.equals(feature))
                    .map(f -> "org.layercanvas.ui." + f + "..").toArray(String[]::new);
            ArchRule rule = noClasses().that().resideInAPackage("org.layercanvas.ui." + feature + "..")
                    .should().dependOnClassesThat().resideInAnyPackage(others)
                    .orShould().dependOnClassesThat().resideInAPackage("org.layercanvas.ui.app..")
                    .because("features meet in ui.app, which uses them, or through ui.common");
            rule.check(CLASSES);
        }
    }

    @Test
    void theWindowsCommonBaseUsesNoFeature() {
        ArchRule rule = noClasses().that().resideInAPackage("org.layercanvas.ui.common..")
                .should().dependOnClassesThat().resideInAnyPackage("org.layercanvas.ui.app..",
                        "org.layercanvas.ui.canvas..", "org.layercanvas.ui.inspector..", "org.layercanvas.ui.data..",
                        "org.layercanvas.ui.training..", "org.layercanvas.ui.runs..");
        rule.check(CLASSES);
    }

    @Test
    void onlyTheTrainingServiceAndTheApplicationsWiringMakeThreads() {
        ArchRule rule = noClasses().that().doNotHaveFullyQualifiedName("org.layercanvas.engine.TrainingService")
                .and().doNotHaveFullyQualifiedName("org.layercanvas.ui.app.LayerCanvasApp")
                .and().doNotHaveFullyQualifiedName("org.layercanvas.Main")
                .and().doNotHaveFullyQualifiedName("org.layercanvas.cli.TrainCommand")
                .should().callConstructor(Thread.class, Runnable.class)
                .orShould().callConstructor(Thread.class, Runnable.class, String.class)
                .orShould().callConstructor(Thread.class)
                .orShould().callConstructor(Thread.class, String.class)
                .orShould().callMethodWhere(com.tngtech.archunit.base.DescribedPredicate.describe(
                        "makes an executor", call -> call.getTargetOwner().isEquivalentTo(
                                java.util.concurrent.Executors.class) && call.getName().startsWith("new")))
                .because("background work goes to the one executor the application makes and passes in");
        rule.check(CLASSES);
    }

    @Test
    void uiDoesNotTouchDjl() {
        ArchRule rule = noClasses().that().resideInAPackage("org.layercanvas.ui..")
                .should().dependOnClassesThat().resideInAPackage("ai.djl..")
                .allowEmptyShould(true);
        rule.check(CLASSES);
    }

    @Test
    void onlyUiUsesJavaFx() {
        ArchRule rule = noClasses().that().resideOutsideOfPackages("org.layercanvas.ui..",
                        "org.layercanvas")
                .should().dependOnClassesThat().resideInAnyPackage("javafx..", "org.controlsfx..", "org.jfree..");
        rule.check(CLASSES);
    }

    @Test
    void noJavaSerialization() {
        ArchRule rule = noClasses().should().dependOnClassesThat()
                .areAssignableTo(java.io.ObjectOutputStream.class)
                .orShould().dependOnClassesThat().areAssignableTo(java.io.ObjectInputStream.class);
        rule.check(CLASSES);
    }
}
