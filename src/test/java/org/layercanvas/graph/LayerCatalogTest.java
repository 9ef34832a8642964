package org.layercanvas.graph;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LayerCatalogTest {

    /** Every record that implements LayerSpec, found by walking the sealed hierarchy. */
    static List<Class<?>> everyKind() {
        List<Class<?>> kinds = new ArrayList<>();
        collect(LayerSpec.class, kinds);
        return kinds;
    }

    private static void collect(Class<?> type, List<Class<?>> out) {
        for (Class<?> sub : type.getPermittedSubclasses()) {
            if (sub.isRecord()) {
                out.add(sub);
            } else {
                collect(sub, out);
            }
        }
    }

    @Test
    void everyKindInTheSealedHierarchyHasExactlyOneCatalogEntry() {
        List<Class<?>> kinds = everyKind();
        assertThat(kinds).hasSizeGreaterThanOrEqualTo(30);
        List<Class<?>> catalogued = java.util.stream.Stream.concat(LayerCatalog.all().stream(),
                LayerCatalog.structural().stream()).<Class<?>>map(LayerType::specClass).toList();
        assertThat(catalogued).containsExactlyInAnyOrderElementsOf(kinds);
    }

    @Test
    void structuralKindsAreFoundByNameButNeverOfferedAsLayers() {
        assertThat(LayerCatalog.find("block")).map(LayerType::specClass).contains(Block.class);
        assertThat(LayerCatalog.all()).noneMatch(t -> Structural.class.isAssignableFrom(t.specClass()));
    }

    @Test
    void everyDefaultLayerIsWithinItsBoundsAndHasADocLine() {
        for (LayerType type : LayerCatalog.all()) {
            LayerSpec spec = type.defaults();
            assertThat(type.problems(spec)).as(type.name()).isEmpty();
            assertThat(type.doc()).as(type.name()).isNotBlank();
            type.params().forEach(p -> assertThat(p.doc()).as(type.name() + "." + p.name()).isNotBlank());
            assertThat(spec.type()).isEqualTo(type);
        }
    }

    @Test
    void valuesRoundTripThroughCreate() {
        for (LayerType type : LayerCatalog.all()) {
            LayerSpec spec = type.defaults();
            assertThat(type.create(type.values(spec))).as(type.name()).isEqualTo(spec);
        }
    }

    @Test
    void kindsAreFoundByNameIgnoringCase() {
        assertThat(LayerCatalog.find("conv2d")).map(LayerType::name).contains("Conv2d");
        assertThat(LayerCatalog.find("Conv3d")).isEmpty();
    }

    @Test
    void creatingWithAWrongTypeNamesTheParameter() {
        LayerType dense = LayerCatalog.typeOf(Dense.class);
        assertThatThrownBy(() -> dense.create(Map.of("units", "many")))
                .hasMessage("units: expected a whole number, got \"many\"");
        assertThatThrownBy(() -> dense.create(Map.of("units", 2.5)))
                .hasMessage("units: expected a whole number, got 2.5");
        assertThatThrownBy(() -> dense.create(Map.of("width", 3)))
                .hasMessage("Dense has no parameter 'width'; it has units, bias");
    }

    @Test
    void aSingleNumberFillsATupleAndPaddingAcceptsSameOrSizes() {
        LayerType conv = LayerCatalog.typeOf(Conv2d.class);
        Conv2d c = (Conv2d) conv.create(Map.of("kernel", 5, "padding", 2));
        assertThat(c.kernel()).containsExactly(5, 5);
        assertThat(c.padding()).isEqualTo("2");
        assertThat(((Conv2d) conv.create(Map.of("padding", "SAME"))).padding()).isEqualTo("same");
        assertThatThrownBy(() -> conv.create(Map.of("padding", "wide"))).hasMessageContaining("padding: expected");
        LayerSpec threeAxes = conv.create(Map.of("kernel", List.of(1, 2, 3)));
        assertThat(conv.problems(threeAxes)).containsExactly("kernel needs 2 numbers; got 3");
    }

    @Test
    void outOfBoundsValuesAreReportedWithTheBounds() {
        LayerType dropout = LayerCatalog.typeOf(Dropout.class);
        assertThat(dropout.problems(new Dropout(1.5))).containsExactly("rate must be between 0 and 0.99; got 1.5");
        LayerType conv = LayerCatalog.typeOf(Conv2d.class);
        Conv2d tooSmall = new Conv2d(8, List.of(0, 3), List.of(1, 1), "valid", List.of(1, 1), 1, true);
        assertThat(conv.problems(tooSmall)).containsExactly("kernel values must be between 1 and 1024; got 0x3");
    }
}
