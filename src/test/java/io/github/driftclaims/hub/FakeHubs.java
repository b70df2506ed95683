package io.github.driftclaims.hub;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.lang.reflect.Field;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The hub tests' shared setup: a {@link FakeHub} on loopback in each field marked {@link Served}, started before
 * each test and stopped after it (as {@code @TempDir} does for directories). A class uses it with
 * {@code @ExtendWith(FakeHubs.class)} and {@code @FakeHubs.Served FakeHub hub;}.
 */
final class FakeHubs implements BeforeEachCallback {

    /** A fake hub for this field; by default serving attn-only-2l's two repositories ({@link TestRepos}). */
    @Target(ElementType.FIELD)
    @Retention(RetentionPolicy.RUNTIME)
    @interface Served {
        /** false: an empty hub, for a test that serves its own files. */
        boolean attnOnly2l() default true;
    }

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(FakeHubs.class);

    /** Stops its hub when the test's store is closed, after the test and its @AfterEach methods. */
    private record Running(FakeHub hub) implements AutoCloseable, ExtensionContext.Store.CloseableResource {
        @Override
        public void close() {
            hub.close();
        }
    }

    @Override
    public void beforeEach(ExtensionContext context) throws IllegalAccessException {
        for (Object instance : context.getRequiredTestInstances().getAllInstances()) {
            for (Class<?> c = instance.getClass(); c != Object.class; c = c.getSuperclass()) {
                for (Field f : c.getDeclaredFields()) {
                    Served served = f.getAnnotation(Served.class);
                    if (served == null) {
                        continue;
                    }
                    if (f.getType() != FakeHub.class) {
                        throw new IllegalStateException("@Served marks " + f + ", which is not a FakeHub");
                    }
                    FakeHub hub = FakeHub.start();
                    context.getStore(NAMESPACE).put(f, new Running(hub));
                    f.setAccessible(true);
                    f.set(instance, served.attnOnly2l() ? TestRepos.serveAttnOnly2l(hub) : hub);
                }
            }
        }
    }
}
