package org.reelfarm.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CalibrationReportTest {

    @Test
    void writesRatiosGoalsAndOverheadToJsonAndThreeChartsToPng(@TempDir Path dir) throws Exception {
        System.setProperty("java.awt.headless", "true");
        CalibrationReport report = new CalibrationReport(Results.object(), true);
        report.add(new CalibrationReport.Case("cost", "film", "local[2]", 1, 12, 240, 25, 0.1, 11.0, 10.0, 25.0));
        report.add(new CalibrationReport.Case("reference", "library", "cluster", 3, 18, 360, 25, 0.1, 5.0, 10.0, 30.0));
        report.overhead(new CalibrationReport.Overhead("overhead-1min", 60, "--quick", 300, 100, 108, 95, "local[1]"));

        report.write(dir.resolve("capacity.json"), dir.resolve("capacity.png"));

        JsonNode json = Results.read(dir.resolve("capacity.json"));
        assertEquals(1.1, json.path("cases").get(0).path("ratio").asDouble());
        assertTrue(json.path("cases").get(0).path("within_15pct").asBoolean());
        assertEquals(0.5, json.path("cases").get(1).path("ratio").asDouble());
        assertFalse(json.path("goals").path("prediction_within_15pct").path("met").asBoolean());
        assertEquals(1.08, json.path("overhead").path("ratio").asDouble());
        assertTrue(json.path("goals").path("overhead_at_most_1.10").path("met").asBoolean());
        assertEquals(0, json.path("fitted").path("cases").size(), "no reference film, nothing to fit on");
        BufferedImage png = ImageIO.read(dir.resolve("capacity.png").toFile());
        assertEquals(2 * Charts.WIDTH, png.getWidth());
        assertEquals(2 * Charts.HEIGHT, png.getHeight());
    }

    @Test
    void fitsAStartCostOnTheReferenceFilmAndAddsItOncePerRenderWhateverItsStages() {
        CalibrationReport report = new CalibrationReport(Results.object(), true);
        report.add(new CalibrationReport.Case("reference", "film", "local[2]", 1, 12, 240, 25, 0.1, 10.0, 20.0, 30.0));
        // Twice the film's stages: the start cost is still paid once.
        CalibrationReport.Case cost = new CalibrationReport.Case("cost", "library", "local[2]", 3, 12, 240, 50, 0.1,
                50.0, 62.0, 70.0);
        report.add(cost);

        CalibrationReport.Case fitted = report.fitted(cost);

        assertEquals(10.0, report.startS("local[2]"), 1e-9);
        assertEquals(0.1, fitted.perRoundS(), 1e-9, "the stage cost is not fitted");
        assertEquals(60.0, fitted.predictedS(), 1e-9);
        assertTrue(Double.isNaN(report.startS("cluster")), "no reference film on the cluster");
        assertEquals(null, report.fitted(new CalibrationReport.Case("cost", "film", "cluster", 1, 12, 240, 3, 0.1,
                50.0, 62.0, 70.0)));
        JsonNode json = report.json();
        assertEquals(10.0, json.path("fitted").path("start_s").path("local[2]").asDouble());
        assertTrue(json.path("goals").path("fitted_prediction_within_15pct").path("met").asBoolean());
    }

    @Test
    void predictsFromTheStepAsRenderedAndChecksOnlyTheCasesNotFittedOn() {
        CalibrationReport report = new CalibrationReport(Results.object(), true);
        // The reference film on each master fits the start cost; films on local[2] the step.
        report.add(new CalibrationReport.Case("reference", "film", "local[2]", 1, 12, 240, 3, 0.1, 10.0, 20.0, 30.0)
                .withRenderedStep(12.0, 14.0));
        CalibrationReport.Case costFilm = new CalibrationReport.Case("cost", "film", "local[2]", 1, 12, 240, 3, 0.1,
                50.0, 70.0, 80.0).withRenderedStep(150.0, 60.0);
        CalibrationReport.Case costLibrary = new CalibrationReport.Case("cost", "library", "local[2]", 3, 18, 360, 3,
                0.1, 75.0, 120.0, 130.0).withRenderedStep(150.0, 90.0);
        report.add(costFilm);
        report.add(costLibrary);

        // Start cost: 20 - 14 = 6 s, added to each case's rendered-step prediction.
        assertEquals(6.0, report.startS("local[2]"), 1e-9);
        assertEquals(96.0, report.fitted(costLibrary).predictedS(), 1e-9);
        assertEquals(66.0, report.fitted(costFilm).predictedS(), 1e-9);
        JsonNode json = report.json();
        assertEquals(150.0, json.path("cases").get(1).path("rendered_step_ms").asDouble());
        assertEquals(3, json.path("fitted").path("cases").size());
        assertTrue(json.path("fitted").path("cases").get(1).path("fit_on").asBoolean(), "the cost film fits the step");
        // Only the library is checked: 96 / 120 = 0.8.
        assertEquals(0.2, json.path("goals").path("fitted_prediction_within_15pct").path("value").asDouble(), 1e-9);
        assertFalse(json.path("goals").path("fitted_prediction_within_15pct").path("met").asBoolean());
    }
}
