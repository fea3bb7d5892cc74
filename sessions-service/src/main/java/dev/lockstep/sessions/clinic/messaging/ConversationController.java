package dev.lockstep.sessions.clinic.messaging;

import static dev.lockstep.sessions.clinic.ClinicRoles.ADMIN;
import static dev.lockstep.sessions.clinic.ClinicRoles.STAFF;
import static dev.lockstep.sessions.clinic.ClinicRoles.THERAPIST;

import dev.lockstep.http.auth.RequiresRole;
import dev.lockstep.http.page.Page;
import dev.lockstep.http.page.PageRequest;
import dev.lockstep.schema.security.Caller;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.http.annotation.RequestBean;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Positive;
import java.util.UUID;

/** {@code /api/clinic/conversations}: what the messaging webhook stored (seed 004). */
@Controller("/api/clinic/conversations")
@RequiresRole({ADMIN, STAFF, THERAPIST})
@Tag(name = "clinic: messaging")
public class ConversationController {

  private final ConversationService conversations;

  /** The endpoints over {@code conversations}. */
  public ConversationController(ConversationService conversations) {
    this.conversations = conversations;
  }

  /** Lists conversations. */
  @Operation(summary = "List messaging conversations by creation (admin, staff; a therapist their own)")
  @Get
  public Page<ConversationView> list(Caller caller,
      @Parameter(description = "Only this doctor's (auth-service user id); a therapist's default is themselves")
      @Nullable @QueryValue("doctor_user_id") @Positive Long doctorUserId,
      @Parameter(description = "Only this patient's") @Nullable @QueryValue("patient_id") UUID patientId,
      @Valid @RequestBean PageRequest page) {
    return conversations.list(caller, doctorUserId, patientId, page);
  }

  /** Lists a conversation's messages. */
  @Operation(summary = "List the messages of a conversation, oldest first (admin, staff; a therapist their own)")
  @Get("/{id}/messages")
  public Page<MessageView> messages(Caller caller, @PathVariable UUID id, @Valid @RequestBean PageRequest page) {
    return conversations.messages(caller, id, page);
  }
}
