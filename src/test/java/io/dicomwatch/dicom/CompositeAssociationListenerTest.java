package io.dicomwatch.dicom;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class CompositeAssociationListenerTest {

    /** A default method left out of the composite silently drops its events for every listener behind it. */
    @Test
    void compositeForwardsEveryListenerMethod() {
        List<String> missing = new ArrayList<>();
        for (Method method : AssociationListener.class.getMethods()) {
            try {
                Method own = CompositeAssociationListener.class.getMethod(method.getName(), method.getParameterTypes());
                if (own.getDeclaringClass() != CompositeAssociationListener.class) {
                    missing.add(method.getName());
                }
            } catch (NoSuchMethodException e) {
                missing.add(method.getName());
            }
        }
        assertThat(missing).isEmpty();
    }
}
