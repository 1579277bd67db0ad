package org.reelfarm;

import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** The packages of the driver module import each other one way only. */
@AnalyzeClasses(locations = MainClassesOfTheModule.class)
class PackageCyclesTest {

    @ArchTest
    static final ArchRule packagesAreFreeOfCycles = slices().matching("org.reelfarm.(*)..").should().beFreeOfCycles();
}
