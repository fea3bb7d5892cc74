package dev.lockstep.sessions.threads;

import dev.lockstep.http.auth.RequiresRole;
import dev.lockstep.http.page.Page;
import dev.lockstep.http.page.PageRequest;
import dev.lockstep.sessions.common.Actor;
import dev.lockstep.sessions.common.Roles;
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
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;
import java.util.UUID;

/**
 * Seed 002's endpoints ({@code /api/conversations}): every signed-in person records their own
 * conversations and reads what is theirs, shared with them or public.
 */
@Tag(name = "Conversation threads")
@Controller("/api/conversations")
@RequiresRole({Roles.USER, Roles.PATIENT, Roles.THERAPIST, Roles.RESEARCHER, Roles.ADMIN})
@ExecuteOn(TaskExecutors.BLOCKING)
public class ConversationController {

  private final ConversationService conversations;

  ConversationController(ConversationService conversations) {
    this.conversations = conversations;
  }

  @Operation(summary = "Record a conversation owned by the caller")
  @Post
  @Status(HttpStatus.CREATED)
  public ConversationView create(Actor actor, @Valid @Body CreateConversationRequest request) {
    return conversations.create(actor, request);
  }

  @Operation(summary = "List the conversations the caller may see, newest first")
  @Get
  public Page<ConversationSummary> list(Actor actor, @Valid @RequestBean PageRequest page) {
    return conversations.list(actor, page);
  }

  @Operation(summary = "Full-text search over conversation titles and goals",
      description = "Web-search syntax: words, \"exact phrases\", or, -excluded. Uses the tsv_search column and its "
          + "GIN index; best matches first.")
  @Get("/search")
  public Page<ConversationSummary> search(Actor actor, @QueryValue("q") @NotBlank @Size(max = 200) String q,
      @Valid @RequestBean PageRequest page) {
    return conversations.search(actor, q, page);
  }

  @Operation(summary = "Read one conversation")
  @Get("/{conversation_id}")
  public ConversationView get(Actor actor, @PathVariable("conversation_id") UUID conversationId) {
    return conversations.get(actor, conversationId);
  }

  @Operation(summary = "Record utterances (1 to 500, all or none)")
  @Post("/{conversation_id}/utterances")
  @Status(HttpStatus.CREATED)
  public List<UtteranceView> addUtterances(Actor actor, @PathVariable("conversation_id") UUID conversationId,
      @Valid @Body AddUtterancesRequest request) {
    return conversations.addUtterances(actor, conversationId, request);
  }

  @Operation(summary = "List utterances in sequence order")
  @Get("/{conversation_id}/utterances")
  public Page<UtteranceView> utterances(Actor actor, @PathVariable("conversation_id") UUID conversationId,
      @Valid @RequestBean PageRequest page) {
    return conversations.utterances(actor, conversationId, page);
  }

  @Operation(summary = "Record a node (an analysed topic or segment)")
  @Post("/{conversation_id}/nodes")
  @Status(HttpStatus.CREATED)
  public NodeView addNode(Actor actor, @PathVariable("conversation_id") UUID conversationId,
      @Valid @Body NodeInput node) {
    return conversations.addNode(actor, conversationId, node);
  }

  @Operation(summary = "List nodes in the order they were recorded")
  @Get("/{conversation_id}/nodes")
  public Page<NodeView> nodes(Actor actor, @PathVariable("conversation_id") UUID conversationId,
      @Valid @RequestBean PageRequest page) {
    return conversations.nodes(actor, conversationId, page);
  }

  @Operation(summary = "Record a relationship between two nodes")
  @Post("/{conversation_id}/relationships")
  @Status(HttpStatus.CREATED)
  public RelationshipView addRelationship(Actor actor, @PathVariable("conversation_id") UUID conversationId,
      @Valid @Body RelationshipInput relationship) {
    return conversations.addRelationship(actor, conversationId, relationship);
  }

  @Operation(summary = "List relationships in the order they were recorded, optionally of one type")
  @Get("/{conversation_id}/relationships")
  public Page<RelationshipView> relationships(Actor actor, @PathVariable("conversation_id") UUID conversationId,
      @Nullable @QueryValue("type") @Pattern(regexp = "temporal|contextual|causal|contradiction|elaboration",
          message = "must be temporal, contextual, causal, contradiction or elaboration") String type,
      @Valid @RequestBean PageRequest page) {
    return conversations.relationships(actor, conversationId, type, page);
  }
}
