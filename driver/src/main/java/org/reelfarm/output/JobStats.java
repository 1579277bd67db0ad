package org.reelfarm.output;

/**
 * Figures of the Spark job a film was rendered in (shared by every film of a library run).
 *
 * @param strategy the long-video strategy
 * @param syncRounds co-denoising sync rounds (0 for independent windows)
 * @param sparkStages Spark stages the job ran
 * @param modelCalls batched {@code denoise} calls made
 * @param windowSteps sampling steps over all windows (one window through one step)
 * @param conditioned whether windows were conditioned on their neighbours (false: fusion only)
 * @param reusedWindows windows not denoised again: an interrupted run had finished them ({@code --resume})
 * @param reusedSegments segments not rendered again for the same reason
 * @param resumedWindows co-denoised windows taken up from the state an interrupted run saved
 * @param resumedWindowSteps the sampling steps those windows had already taken
 */
public record JobStats(String strategy, int syncRounds, int sparkStages, long modelCalls, long windowSteps,
        boolean conditioned, long reusedWindows, int reusedSegments, long resumedWindows, long resumedWindowSteps) {}
