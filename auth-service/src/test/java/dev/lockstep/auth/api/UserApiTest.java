package dev.lockstep.auth.api;

import static dev.lockstep.auth.api.AuthServer.ADMIN;
import static dev.lockstep.auth.api.AuthServer.assertInvalid;
import static dev.lockstep.auth.api.AuthServer.assertProblem;
import static dev.lockstep.auth.api.AuthServer.loginBody;
import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jwt.SignedJWT;
import dev.lockstep.auth.api.AuthServer.Response;
import dev.lockstep.testsupport.TestTokens;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** User administration (/api/users, admin only) and /api/users/me over real HTTP. */
class UserApiTest {

  private final AuthServer auth = AuthServer.shared();

  private String admin() {
    return auth.login(ADMIN);
  }

  private String idOf(String username) {
    return auth.rows("SELECT id_usuario FROM auth.sys_usuarios WHERE nombre_usuario = ?", username).get(0)
        .get("id_usuario").toString();
  }

  @Test
  void create_returns201WithLocation_andTheUserCanLogIn() {
    String name = AuthServer.uniqueName("new");

    Response created = auth.post("/api/users", admin(), "{\"username\": \"" + name + "\", \"password\": "
        + "\"a-long-password\", \"email\": \"" + name.toUpperCase() + "@Example.TEST\", \"roles\": [\"staff\", \"researcher\"]}");

    assertThat(created.status()).as(created.body()).isEqualTo(201);
    Map<String, Object> user = created.json();
    assertThat(created.header("Location")).isEqualTo("/api/users/" + user.get("id"));
    assertThat(user).containsEntry("username", name).containsEntry("email", name.toLowerCase() + "@example.test")
        .containsEntry("primary_role", "enfermero").containsEntry("active", true)
        .containsEntry("roles", List.of("researcher", "staff", "user")).containsKey("created_at")
        .doesNotContainKey("password_hash").doesNotContainKey("password");
    assertThat(user.get("id")).isEqualTo(idOf(name));
    assertThat(auth.rows("SELECT password_hash FROM auth.sys_usuarios WHERE nombre_usuario = ?", name).get(0)
        .get("password_hash").toString()).startsWith("$argon2id$v=19$").doesNotContain("a-long-password");
    assertThat(auth.rows("SELECT granted_by FROM auth.user_roles WHERE id_usuario = ?", Long.parseLong(idOf(name)))
        .get(0).get("granted_by").toString()).isEqualTo(idOf(ADMIN));
    assertThat(auth.login(name, "a-long-password")).isNotBlank();
  }

  @Test
  void create_conflicts_are409() {
    String name = auth.createUser("dup", "dup-password");
    auth.update("UPDATE auth.sys_usuarios SET email = ? WHERE nombre_usuario = ?", name + "@example.test", name);

    assertProblem(auth.post("/api/users", admin(), "{\"username\": \"" + name + "\", \"password\": \"another-one\"}"),
        409, "USERNAME_TAKEN");
    assertProblem(auth.post("/api/users", admin(), "{\"username\": \"" + AuthServer.uniqueName("x")
        + "\", \"password\": \"another-one\", \"email\": \"" + name + "@example.test\"}"), 409, "EMAIL_TAKEN");
  }

  @Test
  void create_badInput_namesTheFields() {
    String admin = admin();
    assertInvalid(auth.post("/api/users", admin, "{\"username\": \"bad name!\", \"password\": \"short\", "
        + "\"email\": \"not-an-email\"}"), "username", "password", "email");
    assertInvalid(auth.post("/api/users", admin, "{\"password\": \"long-enough\"}"), "username");
    assertInvalid(auth.post("/api/users", admin, "{\"username\": \"" + AuthServer.uniqueName("r")
        + "\", \"password\": \"long-enough\", \"roles\": [\"therapist\", \"wizard\"]}"), "roles[1]");
    assertInvalid(auth.post("/api/users", admin, "{\"username\": \"" + AuthServer.uniqueName("r")
        + "\", \"password\": \"long-enough\", \"roles\": [\"\"]}"), "roles[0]");
    assertProblem(auth.post("/api/users", admin, "{\"username\": \"xy\", \"password\": {\"a\": 1}}"), 400, "MALFORMED_BODY");
  }

  @Test
  void adminEndpoints_refuseWithout401AndNonAdmins403() {
    String therapist = auth.login("thea");
    String body = "{\"username\": \"" + AuthServer.uniqueName("n") + "\", \"password\": \"long-enough\"}";
    String id = idOf("thea");

    for (String[] call : List.of(new String[] {"POST", "/api/users"}, new String[] {"GET", "/api/users"},
        new String[] {"GET", "/api/users/" + id}, new String[] {"PUT", "/api/users/" + id + "/roles/researcher"},
        new String[] {"DELETE", "/api/users/" + id + "/roles/researcher"},
        new String[] {"POST", "/api/users/" + id + "/deactivate"}, new String[] {"POST", "/api/users/" + id + "/activate"})) {
      String payload = call[1].equals("/api/users") && call[0].equals("POST") ? body : null;
      assertProblem(auth.send(call[0], call[1], null, payload, Map.of()), 401, "UNAUTHENTICATED");
      assertProblem(auth.send(call[0], call[1], TestTokens.mintExpired(id, "admin"), payload, Map.of()), 401,
          "UNAUTHENTICATED");
      assertProblem(auth.send(call[0], call[1], therapist, payload, Map.of()), 403, "PERMISSION_DENIED");
    }
  }

  @Test
  void list_walksEveryUserOnceByIdInPages() {
    String admin = admin();
    long total = (Long) auth.rows("SELECT count(*) AS n FROM auth.sys_usuarios").get(0).get("n");
    List<String> seen = new ArrayList<>();
    String token = null;
    do {
      Response page = auth.get("/api/users?limit=2" + (token == null ? "" : "&page_token=" + token), admin);
      assertThat(page.status()).as(page.body()).isEqualTo(200);
      page.items().forEach(u -> seen.add((String) u.get("id")));
      token = (String) page.json().get("next_page_token");
    } while (token != null && seen.size() <= total + 2);

    assertThat(seen).doesNotHaveDuplicates().hasSizeGreaterThanOrEqualTo((int) total);
    assertThat(seen.stream().map(Long::parseLong).toList()).isSorted();
    assertInvalid(auth.get("/api/users?limit=0", admin), "limit");
    assertInvalid(auth.get("/api/users?page_token=garbage", admin), "page_token");
  }

  @Test
  void get_oneUser_404And400() {
    String admin = admin();
    Response thea = auth.get("/api/users/" + idOf("thea"), admin);

    assertThat(thea.status()).isEqualTo(200);
    assertThat(thea.json()).containsEntry("username", "thea").containsEntry("primary_role", "medico")
        .containsEntry("roles", List.of("therapist", "user"));
    assertProblem(auth.get("/api/users/999999999", admin), 404, "USER_NOT_FOUND");
    assertInvalid(auth.get("/api/users/abc", admin), "id");
  }

  @Test
  void grantAndRevoke_changeTheNextTokensRoles() throws Exception {
    String name = auth.createUser("grantee", "grantee-password");
    String id = idOf(name);
    String admin = admin();

    Response granted = auth.put("/api/users/" + id + "/roles/approver", admin);
    Response again = auth.put("/api/users/" + id + "/roles/approver", admin);

    assertThat(granted.status()).as(granted.body()).isEqualTo(200);
    assertThat(granted.json().get("roles")).isEqualTo(List.of("approver", "user"));
    assertThat(again.json().get("roles")).isEqualTo(List.of("approver", "user"));
    assertThat(SignedJWT.parse(auth.login(name, "grantee-password")).getJWTClaimsSet().getStringListClaim("roles"))
        .containsExactly("approver", "user");

    Response revoked = auth.delete("/api/users/" + id + "/roles/approver", admin);

    assertThat(revoked.json().get("roles")).isEqualTo(List.of("user"));
    assertThat(SignedJWT.parse(auth.login(name, "grantee-password")).getJWTClaimsSet().getStringListClaim("roles"))
        .containsExactly("user");
  }

  @Test
  void revokingThePrimaryRole_setsItToUsuario() {
    String name = auth.createUser("doc", "doc-password", "therapist");
    Response revoked = auth.delete("/api/users/" + idOf(name) + "/roles/therapist", admin());

    assertThat(revoked.json()).containsEntry("primary_role", "usuario").containsEntry("roles", List.of("user"));
  }

  @Test
  void grant_badRoles_unknownUser_andSelfLockout() {
    String admin = admin();
    String id = idOf("thea");

    assertInvalid(auth.put("/api/users/" + id + "/roles/wizard", admin), "role");
    assertInvalid(auth.put("/api/users/" + id + "/roles/user", admin), "role");
    assertInvalid(auth.put("/api/users/x/roles/viewer", admin), "id");
    assertProblem(auth.put("/api/users/999999999/roles/viewer", admin), 404, "USER_NOT_FOUND");
    assertProblem(auth.delete("/api/users/" + idOf(ADMIN) + "/roles/admin", admin), 409, "SELF_LOCKOUT");
    assertProblem(auth.post("/api/users/" + idOf(ADMIN) + "/deactivate", admin, null), 409, "SELF_LOCKOUT");
  }

  @Test
  void deactivate_stopsLogins_andTheOldTokenOnMe_thenActivateRestores() {
    String name = auth.createUser("leaver", "leaver-password");
    String token = auth.login(name, "leaver-password");
    String id = idOf(name);

    Response off = auth.post("/api/users/" + id + "/deactivate", admin(), null);

    assertThat(off.json()).containsEntry("active", false);
    assertProblem(auth.post("/api/auth/login", null, loginBody(name, "leaver-password")), 401, "INVALID_CREDENTIALS");
    assertProblem(auth.get("/api/users/me", token), 403, "ACCOUNT_INACTIVE");

    assertThat(auth.post("/api/users/" + id + "/activate", admin(), null).json()).containsEntry("active", true);
    assertThat(auth.get("/api/users/me", token).status()).isEqualTo(200);
  }

  @Test
  void aDeactivatedAdminsToken_isRefusedOnAdminEndpointsAtOnce() {
    String name = auth.createUser("boss", "boss-password", "admin");
    String token = auth.login(name, "boss-password");
    assertThat(auth.get("/api/users?limit=1", token).status()).isEqualTo(200);

    auth.post("/api/users/" + idOf(name) + "/deactivate", admin(), null);

    assertProblem(auth.get("/api/users?limit=1", token), 403, "ACCOUNT_INACTIVE");
    assertProblem(auth.put("/api/users/" + idOf("thea") + "/roles/admin", token), 403, "ACCOUNT_INACTIVE");
    assertProblem(auth.get("/api/users", TestTokens.mint("machine", "admin")), 403, "NOT_A_USER");
  }

  @Test
  void me_showsTheCallersAccount_401_403_andNotAUser() {
    Response me = auth.get("/api/users/me", auth.login("rita"));

    assertThat(me.status()).isEqualTo(200);
    assertThat(me.json()).containsEntry("username", "rita").containsEntry("roles", List.of("release-manager", "user"))
        .containsEntry("id", idOf("rita"));
    assertProblem(auth.get("/api/users/me", null), 401, "UNAUTHENTICATED");
    assertProblem(auth.get("/api/users/me", TestTokens.mintWithOtherKey(idOf("rita"), "user")), 401, "UNAUTHENTICATED");
    // A valid token without the user role (a machine), and one whose subject is no user.
    assertProblem(auth.get("/api/users/me", TestTokens.mint("coordinator", "service")), 403, "PERMISSION_DENIED");
    assertProblem(auth.get("/api/users/me", TestTokens.mint("theo", "user")), 403, "NOT_A_USER");
  }
}
