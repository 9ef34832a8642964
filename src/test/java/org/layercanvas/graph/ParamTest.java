package org.layercanvas.graph;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class ParamTest {
    private static final Param INPUT_SHAPE = LayerCatalog.typeOf(Input.class).param("shape");
    private static final Param KERNEL = LayerCatalog.typeOf(Conv2d.class).param("kernel");
    private static final Param PADDING = LayerCatalog.typeOf(Conv2d.class).param("padding");
    private static final Param RESHAPE = LayerCatalog.typeOf(Reshape.class).param("shape");

    @ParameterizedTest
    @ValueSource(strings = {"1,28,28", "1x28x28", "1×28×28", "1 X 28 X 28", "(1,28,28)", "[1, 28, 28]", "1 28 28",
        " ( 1 , 28 , 28 ) ", "1,28,28,", "[1 28 28]"})
    void everyUsualListSpellingReadsAsTheSameList(String text) {
        assertThat(Param.parseDims(text)).containsExactly(1, 28, 28);
    }

    @ParameterizedTest
    @ValueSource(strings = {"4", "4,", "(4)", "[4]", " 4 ", "(4,)"})
    void aBareNumberOrAListOfOneReadsAsOneNumber(String text) {
        assertThat(Param.parseDims(text)).containsExactly(4);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "()", "abc", "1,,2", "1.5", "(1,2", "[1,2)", "1;2", "x28", "28x", "1,2,,"})
    void anythingElseIsRefusedSayingWhatWasExpected(String text) {
        assertThatThrownBy(() -> Param.parseDims(text)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("expected a whole number or a list of them, such as 4, 28x28 or (1,28,28); got \""
                        + text.strip() + "\"");
    }

    @Test
    void whatFormatWritesReadsBack() {
        for (List<Integer> dims : List.of(List.of(784), List.of(1, 28, 28), List.of(2, -1))) {
            assertThat(Param.parseDims(Param.format(dims))).isEqualTo(dims);
        }
    }

    @Test
    void aNumberTooLargeForAnIntIsRefused() {
        assertThatThrownBy(() -> Param.parseDims("3000000000x2")).hasMessage("too large: 3000000000");
    }

    @Test
    void anInputShapeOfOneNumberIsTheOneDimensionalShape() {
        assertThat(INPUT_SHAPE.coerce(4)).isEqualTo(List.of(4));
        assertThat(INPUT_SHAPE.parse("4")).isEqualTo(List.of(4));
        assertThat(INPUT_SHAPE.parse("(4)")).isEqualTo(List.of(4));
        assertThat(INPUT_SHAPE.parse("4,")).isEqualTo(List.of(4));
        Input iris = (Input) LayerCatalog.typeOf(Input.class).create(Map.of("shape", 4));
        assertThat(iris.shape()).containsExactly(4);
        assertThat(iris.infer(null).output()).isEqualTo(Shape.of(4));
    }

    @Test
    void aNumberFillsATupleOfFixedLength() {
        assertThat(KERNEL.parse("3")).isEqualTo(List.of(3, 3));
        assertThat(KERNEL.parse("3x5")).isEqualTo(List.of(3, 5));
        assertThat(KERNEL.parse("[3]")).isEqualTo(List.of(3, 3));
        assertThat(KERNEL.problem(KERNEL.parse("1x2x3"))).contains("kernel needs 2 numbers; got 3");
        assertThat(RESHAPE.parse("(2, -1)")).isEqualTo(List.of(2, -1));
    }

    @Test
    void paddingTakesWordsNumbersAndLists() {
        assertThat(PADDING.parse("Same")).isEqualTo("same");
        assertThat(PADDING.parse("1")).isEqualTo("1");
        assertThat(PADDING.parse("1,2")).isEqualTo("1,2");
        assertThat(PADDING.parse("(1, 2)")).isEqualTo("1,2");
        assertThatThrownBy(() -> PADDING.parse("wide"))
                .hasMessage("expected \"same\", \"valid\" or padding sizes such as 1 or \"1,2\", got \"wide\"");
    }

    @Test
    void numbersAndWordsParseAsTheirTypes() {
        LayerType dense = LayerCatalog.typeOf(Dense.class);
        assertThat(dense.param("units").parse(" 64 ")).isEqualTo(64);
        assertThat(dense.param("bias").parse("False")).isEqualTo(false);
        assertThat(LayerCatalog.typeOf(Dropout.class).param("rate").parse("0.25")).isEqualTo(0.25);
        assertThatThrownBy(() -> dense.param("units").parse("many")).hasMessage("expected a whole number, got \"many\"");
        assertThatThrownBy(() -> dense.param("units").parse("2.5")).hasMessage("expected a whole number, got \"2.5\"");
        assertThatThrownBy(() -> dense.param("bias").parse("maybe")).hasMessage("expected true or false, got \"maybe\"");
    }
}
