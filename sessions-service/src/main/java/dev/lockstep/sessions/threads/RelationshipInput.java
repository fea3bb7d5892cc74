package dev.lockstep.sessions.threads;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;
import java.util.UUID;

/**
 * An edge between two nodes of the same conversation.
 *
 * @param fromNodeId source node
 * @param toNodeId target node (not the source)
 * @param relationshipType temporal, contextual, causal, contradiction or elaboration
 * @param relationshipSubtype finer subtype
 * @param explanation human-readable explanation
 * @param strength 0 to 1 (default 1)
 * @param confidence 0 to 1 (default 1)
 * @param supportingUtteranceIds utterances of the conversation supporting it
 * @param isBidirectional applies both ways
 */
@Serdeable
public record RelationshipInput(
    @NotNull UUID fromNodeId,
    @NotNull UUID toNodeId,
    @NotNull @Pattern(regexp = "temporal|contextual|causal|contradiction|elaboration",
        message = "must be temporal, contextual, causal, contradiction or elaboration") String relationshipType,
    @Nullable @Size(max = 100) String relationshipSubtype,
    @Nullable @Size(max = 5000) String explanation,
    @Nullable @DecimalMin("0.0") @DecimalMax("1.0") Double strength,
    @Nullable @DecimalMin("0.0") @DecimalMax("1.0") Double confidence,
    @Nullable @Size(max = 1000) List<@NotNull UUID> supportingUtteranceIds,
    @Nullable Boolean isBidirectional) {
}
