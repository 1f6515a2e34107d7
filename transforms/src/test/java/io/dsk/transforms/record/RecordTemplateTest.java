package io.dsk.transforms.record;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.Map;

import io.dsk.transforms.TestRecords;

import org.junit.jupiter.api.Test;

class RecordTemplateTest {

    @Test
    void rendersScalarsOfEveryKind() {
        var record = TestRecords.schemaless(42L, Map.of("price", new BigDecimal("1E+3"), "paid", true, "name", "x"));

        assertThat(RecordTemplate.parse("${key}|${value.price}|${value.paid}|${value.name}|${topic}").render(record).text())
                .isEqualTo("42|1000|true|x|orders");
    }

    @Test
    void dollarWithoutBraceIsLiteral() {
        assertThat(RecordTemplate.parse("cost$5").render(TestRecords.schemaless(null, null)).text()).isEqualTo("cost$5");
        assertThat(RecordTemplate.parse("cost$5").isConstant()).isTrue();
    }

    @Test
    void structKeyNeedsAField() {
        var record = TestRecords.schemaless(Map.of("id", 7), null);

        assertThat(RecordTemplate.parse("${key}").render(record).problem()).contains("${key} is a Map").contains("field inside");
        assertThat(RecordTemplate.parse("user:${key.id}").render(record).text()).isEqualTo("user:7");
    }

    @Test
    void bytesAreNotScalars() {
        assertThat(RecordTemplate.parse("${key}").render(TestRecords.schemaless(new byte[] {1}, null)).problem())
                .isEqualTo("${key} is a byte[], not a string, number or boolean");
    }

    @Test
    void emptyStringsRenderSinceOnlyPathsRefuseThem() {
        assertThat(RecordTemplate.parse("a${value.x}b").render(TestRecords.schemaless(null, Map.of("x", ""))).text())
                .isEqualTo("ab");
    }

    @Test
    void syntaxErrorsSayWhatIsWrong() {
        assertThatThrownBy(() -> RecordTemplate.parse("${value.x")).hasMessageContaining("never closed");
        assertThatThrownBy(() -> RecordTemplate.parse("a}")).hasMessageContaining("not part of a ${...}");
        assertThatThrownBy(() -> RecordTemplate.parse("${values.x}")).hasMessageContaining("unknown placeholder ${values.x}");
    }
}
