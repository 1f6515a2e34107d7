package io.dsk.bench.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class ServerKindTest {

    @Test
    void eachServerHasItsColumnAndStorage() {
        assertThat(ServerKind.DSK_MEMORY.role()).isEqualTo("dsk");
        assertThat(ServerKind.DSK_MEMORY.storage()).isEqualTo("memory");
        assertThat(ServerKind.REFERENCE.role()).isEqualTo("reference");
        assertThat(ServerKind.REFERENCE.fileBacked()).isTrue();
        assertThat(ServerKind.REFERENCE_MEMORY.fileBacked()).isFalse();
    }

    @Test
    void listsAreParsedInTheirOrderAndAnUnknownIdNamesTheOptionAndTheChoices() {
        assertThat(ServerKind.parseList("x.servers", "reference, dsk-memory"))
                .containsExactly(ServerKind.REFERENCE, ServerKind.DSK_MEMORY);
        assertThat(ServerKind.ids(List.of(ServerKind.values()))).isEqualTo("dsk,dsk-memory,reference,reference-memory");
        assertThatThrownBy(() -> ServerKind.parseList("x.servers", "dsk,node"))
                .hasMessageContaining("--set x.servers").hasMessageContaining("'node'")
                .hasMessageContaining("dsk-memory");
    }
}
