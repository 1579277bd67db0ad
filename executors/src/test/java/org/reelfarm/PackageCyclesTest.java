package org.reelfarm;

import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.Location;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.junit.LocationProvider;
import com.tngtech.archunit.lang.ArchRule;
import java.util.Set;
import org.reelfarm.model.Model;

/** The packages of the executors module import each other one way only. */
@AnalyzeClasses(locations = PackageCyclesTest.MainClassesOfThisModule.class)
class PackageCyclesTest {

    @ArchTest
    static final ArchRule packagesAreFreeOfCycles = slices().matching("org.reelfarm.(*)..").should().beFreeOfCycles();

    /** The main classes of this module (its class directory): not its tests, not the modules it depends on. */
    static final class MainClassesOfThisModule implements LocationProvider {
        @Override
        public Set<Location> get(Class<?> testClass) {
            return Set.of(Location.of(Model.class.getProtectionDomain().getCodeSource().getLocation()));
        }
    }
}
