package org.reelfarm;

import static com.tngtech.archunit.base.DescribedPredicate.describe;
import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.Location;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.junit.LocationProvider;
import com.tngtech.archunit.lang.ArchRule;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.jar.JarFile;
import org.reelfarm.export.ReferenceModel;
import org.reelfarm.model.Model;
import org.reelfarm.render.Renderer;

/**
 * Module dependencies point one way: {@code driver -> executors <- model-export}. Executor code
 * runs inside Spark tasks and never sees a driver class.
 */
@AnalyzeClasses(locations = ModuleDirectionTest.MainClassesOfTheModules.class)
class ModuleDirectionTest {
    private static final String DRIVER = codeSource(Renderer.class).toUri().toString();
    private static final DescribedPredicate<JavaClass> DRIVER_CLASSES = describe("classes of the driver",
            c -> c.getSource().map(s -> s.getUri().toString().startsWith(DRIVER)).orElse(false));

    @ArchTest
    static final ArchRule executorsAndModelExportDoNotDependOnTheDriver = noClasses().that(not(DRIVER_CLASSES))
            .should().dependOnClassesThat(DRIVER_CLASSES);

    /** The main classes of driver, executors and model-export, each a class directory or a jar. */
    static final class MainClassesOfTheModules implements LocationProvider {
        @Override
        public Set<Location> get(Class<?> testClass) {
            return Set.of(location(Renderer.class), location(Model.class), location(ReferenceModel.class));
        }
    }

    private static Location location(Class<?> inModule) {
        Path path = codeSource(inModule);
        try {
            return Files.isDirectory(path) ? Location.of(path) : Location.of(new JarFile(path.toFile()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path codeSource(Class<?> inModule) {
        try {
            return Path.of(inModule.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
