package dev.lockstep.sessions.clinic.schedule;

import static dev.lockstep.sessions.clinic.ClinicRoles.ADMIN;
import static dev.lockstep.sessions.clinic.ClinicRoles.STAFF;
import static dev.lockstep.sessions.clinic.ClinicRoles.THERAPIST;

import dev.lockstep.http.auth.RequiresRole;
import dev.lockstep.http.page.Page;
import dev.lockstep.http.page.PageRequest;
import dev.lockstep.schema.security.Caller;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Put;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.http.annotation.RequestBean;
import io.micronaut.http.annotation.Status;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Positive;
import java.time.Instant;
import java.util.UUID;

/** {@code /api/clinic/blocked-times}: ranges in which a doctor cannot be booked (seed 004). */
@Controller("/api/clinic/blocked-times")
@RequiresRole({ADMIN, STAFF, THERAPIST})
@Tag(name = "clinic: schedule")
public class BlockedTimeController {

  private final BlockedTimeService blocked;

  /** The endpoints over {@code blocked}. */
  public BlockedTimeController(BlockedTimeService blocked) {
    this.blocked = blocked;
  }

  /** Lists blocked ranges. */
  @Operation(summary = "List blocked times by start (admin, staff; a therapist their own)")
  @Get
  public Page<BlockedTimeView> list(Caller caller,
      @Parameter(description = "Only this doctor's (auth-service user id); a therapist's default is themselves")
      @Nullable @QueryValue("doctor_user_id") @Positive Long doctorUserId,
      @Parameter(description = "Only ranges ending after this instant") @Nullable @QueryValue("from") Instant from,
      @Parameter(description = "Only ranges starting before this instant") @Nullable @QueryValue("to") Instant to,
      @Valid @RequestBean PageRequest page) {
    return blocked.list(caller, doctorUserId, from, to, page);
  }

  /** Blocks a range. */
  @Operation(summary = "Block a range of a doctor's time; the answer lists live appointments it overlaps "
      + "(admin, staff; a therapist for themselves)")
  @Post
  @Status(HttpStatus.CREATED)
  public BlockedTimeView create(Caller caller, @Valid @Body BlockedTimeInput range) {
    return blocked.create(caller, range);
  }

  /** Changes a range. */
  @Operation(summary = "Move a blocked range or change its reason (admin, staff; a therapist their own)")
  @Put("/{id}")
  public BlockedTimeView update(Caller caller, @PathVariable UUID id, @Valid @Body BlockedTimeInput range) {
    return blocked.update(caller, id, range);
  }

  /** Unblocks a range. */
  @Operation(summary = "Delete a blocked range (admin, staff; a therapist their own)")
  @Delete("/{id}")
  public HttpResponse<Void> delete(Caller caller, @PathVariable UUID id) {
    blocked.delete(caller, id);
    return HttpResponse.noContent();
  }
}
