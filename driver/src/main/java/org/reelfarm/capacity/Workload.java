package org.reelfarm.capacity;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * What is to be rendered: films, each a list of shot durations in seconds of film. Independent of
 * any model; {@link FarmSimulator} cuts the shots into the profile's latent frames and windows.
 */
public record Workload(List<Film> films) {

    /** One film: its name and its shots' durations, in seconds. */
    public record Film(String name, List<Double> shotSeconds) {
        public Film {
            Objects.requireNonNull(name, "name");
            shotSeconds = List.copyOf(shotSeconds);
            for (double s : shotSeconds) {
                if (!(s > 0)) {
                    throw new CapacityException("film " + name + " has a shot of " + s + " s; shots last more than 0 s");
                }
            }
        }
    }

    public Workload {
        films = List.copyOf(films);
        if (films.isEmpty()) {
            throw new CapacityException("the workload is empty; give --hours H or --workload INPUT...");
        }
    }

    /**
     * {@code hours} of film as one film of shots of {@code shotSeconds} each (the last one shorter
     * if the hours are not a whole number of shots).
     */
    public static Workload hours(double hours, double shotSeconds) {
        if (!(hours > 0) || Double.isInfinite(hours)) {
            throw new CapacityException("--hours must be more than 0, got " + hours + "; give the hours of film to render");
        }
        if (!(shotSeconds > 0) || Double.isInfinite(shotSeconds)) {
            throw new CapacityException("--shot-seconds must be more than 0, got " + shotSeconds);
        }
        double total = hours * 3600;
        long whole = (long) Math.floor(total / shotSeconds + 1e-9);
        if (whole > 50_000_000L) {
            throw new CapacityException("--hours " + hours + " in shots of " + shotSeconds + " s is " + whole
                    + " shots; plan at most 50,000,000 (use longer --shot-seconds)");
        }
        List<Double> shots = new ArrayList<>((int) whole + 1);
        for (long i = 0; i < whole; i++) {
            shots.add(shotSeconds);
        }
        double rest = total - whole * shotSeconds;
        if (rest > 1e-6) {
            shots.add(rest);
        }
        return new Workload(List.of(new Film(hours + "h", shots)));
    }

    /** Seconds of film in all films. */
    public double seconds() {
        return films.stream().flatMap(f -> f.shotSeconds().stream()).mapToDouble(Double::doubleValue).sum();
    }

    /** Shots in all films. */
    public int shots() {
        return films.stream().mapToInt(f -> f.shotSeconds().size()).sum();
    }
}
