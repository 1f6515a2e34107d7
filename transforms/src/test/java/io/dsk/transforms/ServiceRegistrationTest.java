package io.dsk.transforms;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ServiceLoader;

import org.apache.kafka.connect.components.Versioned;
import org.apache.kafka.connect.transforms.Transformation;
import org.apache.kafka.connect.transforms.predicates.Predicate;
import org.junit.jupiter.api.Test;

class ServiceRegistrationTest {

    private static final java.util.function.Predicate<String> OURS = name -> name.startsWith("io.dsk.");

    @Test
    @SuppressWarnings("rawtypes")
    void everyTransformIsDiscoverableWithAVersion() {
        assertThat(ServiceLoader.load(Transformation.class).stream().map(p -> p.type().getName()).filter(OURS))
                .containsExactlyInAnyOrder(StreamRoute.class.getName(), AudienceGuard.class.getName(),
                        StateChange.class.getName(), CloseStream.class.getName(), Project.Key.class.getName(),
                        Project.Value.class.getName());
        ServiceLoader.load(Transformation.class).stream().filter(p -> OURS.test(p.type().getName()))
                .forEach(p -> assertThat(((Versioned) p.get()).version()).isNotBlank().isNotEqualTo("unknown"));
    }

    @Test
    @SuppressWarnings("rawtypes")
    void streamEndingIsADiscoverablePredicate() {
        assertThat(ServiceLoader.load(Predicate.class).stream().map(p -> p.type().getName()).filter(OURS))
                .containsExactly(StreamEnding.class.getName());
    }
}
