package dev.lockstep.sessions.clinic.schedule;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A blocked time range as the API shows it.
 *
 * @param id the range's id
 * @param doctorUserId the doctor's auth-service user id
 * @param startTime start of the range
 * @param endTime end of the range
 * @param reason the reason given, if any
 * @param createdAt when it was created
 * @param conflictingAppointmentIds on create and update only: live appointments of the doctor the
 *     range overlaps (blocking does not cancel them; staff decide)
 */
@Serdeable
public record BlockedTimeView(UUID id, long doctorUserId, Instant startTime, Instant endTime, @Nullable String reason,
    Instant createdAt,
    // Present, possibly empty, on create and update; absent (null) in lists.
    @Nullable @JsonInclude(JsonInclude.Include.NON_NULL) List<UUID> conflictingAppointmentIds) {

  /** This view with the appointments it overlaps. */
  BlockedTimeView withConflicts(List<UUID> conflicts) {
    return new BlockedTimeView(id, doctorUserId, startTime, endTime, reason, createdAt, conflicts);
  }
}
