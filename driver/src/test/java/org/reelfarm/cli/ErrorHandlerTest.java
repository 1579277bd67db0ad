package org.reelfarm.cli;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.concurrent.ExecutionException;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.reelfarm.errors.UserException;
import org.reelfarm.ingest.InputException;
import org.reelfarm.model.BadModelException;
import org.reelfarm.storage.StorageException;
import org.reelfarm.plan.PlanException;
import org.reelfarm.render.UsageException;

class ErrorHandlerTest {

    static Stream<UserException> userErrors() {
        return Stream.of(new InputException("a.md", 3, "no shots", "add a ## section"),
                new BadModelException("/models/x is not a model"), new PlanException("film x is too long to plan"),
                new UsageException("--batch 0 must be at least 1; use --batch 4"),
                new StorageException("s3a://bucket cannot be written"));
    }

    @ParameterizedTest
    @MethodSource("userErrors")
    void eachUserErrorIsFoundThroughTheCausesThatWrapIt(UserException error) {
        // As Spark delivers an executor's failure: wrapped, and wrapped again.
        Exception wrapped = new ExecutionException("job aborted", new RuntimeException("task failed", error));

        assertSame(error, UserException.in(wrapped).orElseThrow());
    }

    @ParameterizedTest
    @MethodSource("userErrors")
    void aUserErrorThrownDirectlyIsFound(UserException error) {
        assertSame(error, UserException.in(error).orElseThrow());
    }

    @Test
    void anInternalFailureIsNoUserError() {
        assertTrue(UserException.in(new IllegalStateException("bug", new NullPointerException())).isEmpty());
    }
}
