package dev.lockstep.device.api;

import static dev.lockstep.device.api.DeviceServer.newDeviceId;
import static dev.lockstep.device.api.DeviceServer.newUserId;
import static dev.lockstep.device.api.DeviceServer.pairBody;
import static dev.lockstep.device.api.DeviceServer.qr;
import static dev.lockstep.device.api.DeviceServer.token;
import static dev.lockstep.device.api.Problems.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import dev.lockstep.device.api.DeviceServer.Response;
import dev.lockstep.device.cleanup.PairingCleanup;
import dev.lockstep.device.cleanup.PairingCleanup.Outcome;
import dev.lockstep.schema.api.MigrationListener;
import dev.lockstep.schema.api.SchemaTool;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * device-service on a database at V1 (self-target 1, as quickstart runs it until the release):
 * every device endpoint answers 503 {@code SCHEMA_NOT_READY} instead of a SQL error and the
 * cleanup job skips; once V2 is applied the same running service pairs devices, no restart.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SchemaGuardTest {

  private DeviceServer server;
  private String dbName;

  @BeforeAll
  void start() {
    server = DeviceServer.startWith("device_v1", Map.of("lockstep.schema.self-target", "1"));
    dbName = server.db().name();
  }

  @AfterAll
  void stop() {
    if (server != null) {
      server.close();
    }
  }

  @Test
  @Order(1)
  void pair_atV1_is503SchemaNotReadyAndTouchesNothing() {
    String me = newUserId();

    Response response = server.post("/devices", token(me, "user"), pairBody(qr(me, newDeviceId()), null));

    assertProblem(response, 503, "SCHEMA_NOT_READY",
        dbName + " is at V1; device pairing needs V2 — the coordinator has not rolled it out yet");
    assertThat(server.query("SELECT 1 FROM public.\"users\"")).isEmpty();
  }

  @Test
  @Order(2)
  void everyDeviceEndpoint_atV1_is503() {
    String me = newUserId();
    String t = token(me, "admin");
    List<Response> responses = List.of(
        server.get("/devices", t),
        server.get("/devices/d1", t),
        server.post("/devices/d1/heartbeat", t, null),
        server.post("/devices/d1/deactivate", t, null),
        server.post("/devices/d1/permissions", t, Map.of("permissions", List.of("WRITE_NOTES"))),
        server.delete("/devices/d1/permissions/WRITE_NOTES", t));

    assertThat(responses).allSatisfy(r -> assertProblem(r, 503, "SCHEMA_NOT_READY", dbName + " is at V1"));
  }

  @Test
  @Order(3)
  void healthAndAuth_atV1_stillWork() {
    assertThat(server.get("/health", null).status()).isEqualTo(200);
    assertProblem(server.get("/devices", null), 401, "UNAUTHENTICATED", "missing bearer token");
  }

  @Test
  @Order(4)
  void cleanup_atV1_skips() {
    assertThat(server.context().getBean(PairingCleanup.class).run())
        .isEqualTo(new PairingCleanup.Run(Outcome.SCHEMA_NOT_READY, 0));
  }

  @Test
  @Order(5)
  void pair_afterV2IsAppliedUnderTheRunningService_works() throws InterruptedException {
    server.context().getBean(SchemaTool.class).migrate("2", MigrationListener.NONE);
    String me = newUserId();

    // The guard rereads the version at most once a second (SchemaReadiness.MAX_AGE).
    Response response = null;
    for (int attempt = 0; attempt < 50; attempt++) {
      response = server.post("/devices", token(me, "user"), pairBody(qr(me, newDeviceId()), null));
      if (response.status() != 503) {
        break;
      }
      Thread.sleep(100);
    }

    assertThat(response.status()).as(response.body()).isEqualTo(201);
  }
}
