package dev.lockstep.sessions.threads;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/**
 * A conversation goal, one element of {@code conversations.goals}; its description is
 * full-text searchable (weight B).
 *
 * @param goalType kind of goal
 * @param description what the goal is
 * @param targetMetric the metric tracked
 * @param targetValue the metric's target
 * @param weight relative weight (0 or more)
 */
@Serdeable
public record Goal(
    @Nullable @Size(max = 50) String goalType,
    @NotBlank @Size(max = 2000) String description,
    @Nullable @Size(max = 100) String targetMetric,
    @Nullable Double targetValue,
    @Nullable @DecimalMin("0.0") Double weight) {
}
