package dev.lockstep.sessions.clinic.patient;

import static dev.lockstep.sessions.clinic.ClinicRoles.ADMIN;
import static dev.lockstep.sessions.clinic.ClinicRoles.PATIENT;
import static dev.lockstep.sessions.clinic.ClinicRoles.STAFF;
import static dev.lockstep.sessions.clinic.ClinicRoles.THERAPIST;

import dev.lockstep.http.auth.RequiresRole;
import dev.lockstep.http.page.Page;
import dev.lockstep.http.page.PageRequest;
import dev.lockstep.schema.security.Caller;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Put;
import io.micronaut.http.annotation.RequestBean;
import io.micronaut.http.annotation.Status;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import java.util.UUID;

/** {@code /api/clinic/patients}: clinic patient records (seed 004). */
@Controller("/api/clinic/patients")
@RequiresRole({ADMIN, STAFF, THERAPIST})
@Tag(name = "clinic: patients")
public class PatientController {

  private final PatientService patients;

  /** The endpoints over {@code patients}. */
  public PatientController(PatientService patients) {
    this.patients = patients;
  }

  /** Creates a patient record. */
  @Operation(summary = "Create a patient record (admin, staff, therapist)")
  @Post
  @Status(HttpStatus.CREATED)
  public PatientView create(Caller caller, @Valid @Body PatientInput patient) {
    return patients.create(caller, patient);
  }

  /** Lists patient records, oldest first. */
  @Operation(summary = "List patient records in creation order (admin, staff, therapist)")
  @Get
  public Page<PatientView> list(Caller caller, @Valid @RequestBean PageRequest page) {
    return patients.list(caller, null, page);
  }

  /**
   * Finds patient records by phone number. A POST with the number in the body, not a GET with it
   * in the query: URLs end up in access logs, proxies and browser histories, bodies do not.
   */
  @Operation(summary = "Find patient records by phone number, in creation order (admin, staff, therapist)")
  @Post("/search")
  public Page<PatientView> search(Caller caller, @Valid @Body PatientSearch search,
      @Valid @RequestBean PageRequest page) {
    return patients.list(caller, search.phone(), page);
  }

  /** The record linked to the caller's own account. */
  @Operation(summary = "The patient record linked to the caller's own account (any clinic role)")
  @Get("/me")
  @RequiresRole({ADMIN, STAFF, THERAPIST, PATIENT})
  public PatientView mine(Caller caller) {
    return patients.mine(caller);
  }

  /** One patient record. */
  @Operation(summary = "One patient record (admin, staff, therapist; a patient only their own)")
  @Get("/{id}")
  @RequiresRole({ADMIN, STAFF, THERAPIST, PATIENT})
  public PatientView get(Caller caller, @PathVariable UUID id) {
    return patients.get(caller, id);
  }

  /** Replaces a patient record. */
  @Operation(summary = "Replace a patient record; optional fields left out are cleared (admin, staff, therapist)")
  @Put("/{id}")
  public PatientView update(Caller caller, @PathVariable UUID id, @Valid @Body PatientInput patient) {
    return patients.update(caller, id, patient);
  }
}
