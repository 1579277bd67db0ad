package org.reelfarm;

import com.tngtech.archunit.core.importer.Location;
import com.tngtech.archunit.junit.LocationProvider;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.Set;

/**
 * For ArchUnit: the main classes of the module a test belongs to (its {@code target/classes},
 * beside the test's {@code target/test-classes}): not its tests, not the modules it depends on.
 * Shared with the other modules through the executors test-jar.
 */
public final class MainClassesOfTheModule implements LocationProvider {
    @Override
    public Set<Location> get(Class<?> testClass) {
        try {
            Path testClasses = Path.of(testClass.getProtectionDomain().getCodeSource().getLocation().toURI());
            return Set.of(Location.of(testClasses.resolveSibling("classes")));
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
