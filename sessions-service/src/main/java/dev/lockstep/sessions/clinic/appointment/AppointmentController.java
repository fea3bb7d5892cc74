package dev.lockstep.sessions.clinic.appointment;

import static dev.lockstep.sessions.clinic.ClinicRoles.ADMIN;
import static dev.lockstep.sessions.clinic.ClinicRoles.PATIENT;
import static dev.lockstep.sessions.clinic.ClinicRoles.STAFF;
import static dev.lockstep.sessions.clinic.ClinicRoles.THERAPIST;

import dev.lockstep.http.auth.RequiresRole;
import dev.lockstep.http.page.Page;
import dev.lockstep.http.page.PageRequest;
import dev.lockstep.schema.security.Caller;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
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

/** {@code /api/clinic/appointments}: booking, listing and cancelling appointments (seed 004). */
@Controller("/api/clinic/appointments")
@RequiresRole({ADMIN, STAFF, THERAPIST, PATIENT})
@Tag(name = "clinic: appointments")
public class AppointmentController {

  private final AppointmentService appointments;

  /** The endpoints over {@code appointments}. */
  public AppointmentController(AppointmentService appointments) {
    this.appointments = appointments;
  }

  /** Books an appointment. */
  @Operation(summary = "Book an appointment; 409 SLOT_UNAVAILABLE names the rule a refused slot breaks "
      + "(outside_availability, blocked_time, appointment_overlap)")
  @Post
  @Status(HttpStatus.CREATED)
  public AppointmentView book(Caller caller, @Valid @Body AppointmentInput appointment) {
    return appointments.book(caller, appointment);
  }

  /** Lists appointments the caller may see. */
  @Operation(summary = "List appointments by start time (admin, staff: all; therapist: their own; patient: their own)")
  @Get
  public Page<AppointmentView> list(Caller caller,
      @Parameter(description = "Only this doctor's (auth-service user id)")
      @Nullable @QueryValue("doctor_user_id") @Positive Long doctorUserId,
      @Parameter(description = "Only this patient's") @Nullable @QueryValue("patient_id") UUID patientId,
      @Parameter(description = "pending, confirmed, cancelled or completed")
      @Nullable @QueryValue("status") String status,
      @Parameter(description = "Only those starting at or after this instant")
      @Nullable @QueryValue("from") Instant from,
      @Parameter(description = "Only those starting before this instant")
      @Nullable @QueryValue("to") Instant to,
      @Valid @RequestBean PageRequest page) {
    return appointments.list(caller, doctorUserId, patientId, status, from, to, page);
  }

  /** One appointment. */
  @Operation(summary = "One appointment the caller may see")
  @Get("/{id}")
  public AppointmentView get(Caller caller, @PathVariable UUID id) {
    return appointments.get(caller, id);
  }

  /** Cancels an appointment. */
  @Operation(summary = "Cancel an appointment the caller may see (idempotent; completed ones cannot be cancelled)")
  @Post("/{id}/cancel")
  public AppointmentView cancel(Caller caller, @PathVariable UUID id) {
    return appointments.cancel(caller, id);
  }
}
