package org.reelfarm.render;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class SparkSessionsTest {

    @Test
    void localMastersGetTheRetriesThatSparkOtherwiseIgnoresThere() {
        assertEquals("local[2,4]", SparkSessions.withLocalRetries("local[2]", 3));
        assertEquals("local[*,1]", SparkSessions.withLocalRetries("local[*]", 0));
        assertEquals("local[1,3]", SparkSessions.withLocalRetries("local", 2));
        assertEquals("local[2,7]", SparkSessions.withLocalRetries("local[2,7]", 3), "an explicit count is kept");
        assertEquals("spark://127.0.0.1:7077", SparkSessions.withLocalRetries("spark://127.0.0.1:7077", 3));
    }
}
