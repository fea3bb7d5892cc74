package dev.lockstep.http.testapp;

import dev.lockstep.http.auth.AnyAuthenticated;
import dev.lockstep.http.auth.RequiresRole;
import dev.lockstep.http.page.Page;
import dev.lockstep.http.page.PageRequest;
import dev.lockstep.http.page.PageToken;
import dev.lockstep.http.problem.ProblemException;
import dev.lockstep.schema.security.Caller;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Header;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.http.annotation.RequestBean;
import io.micronaut.http.annotation.Status;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.Operation;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/** A small device API exercising every part of the kit; test-only. */
@Controller("/devices")
@RequiresRole({"therapist", "admin"})
public class DeviceController {

  /** 45 devices sorted by (name, id): the list the pagination tests walk. */
  static final List<DeviceView> DEVICES = devices();

  @Operation(summary = "List devices, sorted by name")
  @Get
  public Page<DeviceView> list(Caller caller, @Valid @RequestBean PageRequest page) {
    List<DeviceView> after = page.token(2)
        .map(token -> DEVICES.stream()
            .filter(d -> compare(d, token.string(0), token.uuid(1)) > 0)
            .toList())
        .orElse(DEVICES);
    List<DeviceView> fetched = after.subList(0, Math.min(after.size(), page.size() + 1));
    return Page.of(fetched, page, d -> PageToken.encode(d.name(), d.id()));
  }

  @Operation(summary = "Pair devices")
  @Post
  @Status(HttpStatus.CREATED)
  public PairResult pair(Caller caller, @Valid @Body PairRequest request) {
    if (request.devices().stream().anyMatch(d -> d.serial().equals("schema-too-old"))) {
      throw new ProblemException(TestErrorCode.SCHEMA_NOT_READY, "kit_db is at V1; this feature needs V2");
    }
    if (request.devices().stream().anyMatch(d -> d.serial().equals("already-paired"))) {
      throw new ProblemException(TestErrorCode.DEVICE_ALREADY_PAIRED, "Device already-paired is paired to another patient");
    }
    return new PairResult(caller.subject(), request.devices().size());
  }

  @Get("/{id}")
  public DeviceView get(@PathVariable UUID id, @Nullable @Header("X-Trace") @Size(max = 8) String trace) {
    return DEVICES.stream().filter(d -> d.id().equals(id)).findFirst()
        .orElseThrow(() -> new ProblemException(TestErrorCode.DEVICE_NOT_FOUND, "No device " + id));
  }

  @Get("/search")
  public List<DeviceView> search(@QueryValue("name_prefix") @NotBlank String namePrefix,
      @QueryValue("min_battery") @Nullable @Min(0) @Max(100) Integer minBattery) {
    return DEVICES.stream().filter(d -> d.name().startsWith(namePrefix)).toList();
  }

  @Delete("/{id}")
  @RequiresRole("admin")
  public HttpResponse<Void> delete(@PathVariable UUID id) {
    return HttpResponse.noContent();
  }

  @Get("/me")
  @AnyAuthenticated
  public Me me(Caller caller) {
    return new Me(caller.subject(), caller.roles(), caller.tokenId());
  }

  private static int compare(DeviceView d, String name, UUID id) {
    int byName = d.name().compareTo(name);
    return byName != 0 ? byName : d.id().compareTo(id);
  }

  private static List<DeviceView> devices() {
    List<DeviceView> list = new ArrayList<>();
    for (int i = 0; i < 45; i++) {
      // Every third name repeats, so the id breaks ties within a page boundary.
      list.add(new DeviceView(UUID.nameUUIDFromBytes(("device-" + i).getBytes()), "device-" + (i / 3), i % 101));
    }
    list.sort(Comparator.comparing(DeviceView::name).thenComparing(DeviceView::id));
    return List.copyOf(list);
  }

  /** A device as the API shows it. */
  @Serdeable
  public record DeviceView(UUID id, String name, int batteryPercent) {
  }

  /** The body of a pairing request. */
  @Serdeable
  public record PairRequest(@NotBlank String patientReference, @NotEmpty @Valid List<NewDevice> devices) {
  }

  /** One device to pair. */
  @Serdeable
  public record NewDevice(@NotBlank String serial, @NotNull DeviceType type, @Nullable List<@NotBlank String> tags) {
  }

  /** Device kinds. */
  public enum DeviceType { WATCH, PHONE }

  /** What pairing answered. */
  @Serdeable
  public record PairResult(String pairedBy, int paired) {
  }

  /** The caller as seen by the endpoint. */
  @Serdeable
  public record Me(String subject, Set<String> roles, String tokenId) {
  }
}
