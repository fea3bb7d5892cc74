package dev.lockstep.sessions.clinic.schedule;

import static dev.lockstep.sessions.clinic.ClinicRoles.ADMIN;
import static dev.lockstep.sessions.clinic.ClinicRoles.PATIENT;
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
import java.util.UUID;

/** {@code /api/clinic/availability}: doctors' weekly availability windows (seed 004). */
@Controller("/api/clinic/availability")
@RequiresRole({ADMIN, STAFF, THERAPIST})
@Tag(name = "clinic: schedule")
public class AvailabilityController {

  private final AvailabilityService availability;

  /** The endpoints over {@code availability}. */
  public AvailabilityController(AvailabilityService availability) {
    this.availability = availability;
  }

  /** Lists windows. */
  @Operation(summary = "List weekly availability windows by day and start time (any clinic role)")
  @Get
  @RequiresRole({ADMIN, STAFF, THERAPIST, PATIENT})
  public Page<AvailabilityView> list(Caller caller,
      @Parameter(description = "Only this doctor's (auth-service user id)")
      @Nullable @QueryValue("doctor_user_id") @Positive Long doctorUserId,
      @Valid @RequestBean PageRequest page) {
    return availability.list(caller, doctorUserId, page);
  }

  /** Creates a window. */
  @Operation(summary = "Create an availability window (admin, staff; a therapist for themselves)")
  @Post
  @Status(HttpStatus.CREATED)
  public AvailabilityView create(Caller caller, @Valid @Body AvailabilityInput window) {
    return availability.create(caller, window);
  }

  /** Replaces a window's day, times and flag. */
  @Operation(summary = "Replace an availability window's day, times and is_available (admin, staff; a therapist "
      + "their own)")
  @Put("/{id}")
  public AvailabilityView update(Caller caller, @PathVariable UUID id, @Valid @Body AvailabilityInput window) {
    return availability.update(caller, id, window);
  }

  /** Deletes a window. */
  @Operation(summary = "Delete an availability window; booked appointments stay (admin, staff; a therapist their own)")
  @Delete("/{id}")
  public HttpResponse<Void> delete(Caller caller, @PathVariable UUID id) {
    availability.delete(caller, id);
    return HttpResponse.noContent();
  }
}
