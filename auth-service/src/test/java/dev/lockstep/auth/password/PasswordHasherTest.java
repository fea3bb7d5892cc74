package dev.lockstep.auth.password;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** Argon2id hashing with the production defaults, and interoperability with the reference implementation. */
class PasswordHasherTest {

  /** OWASP's minimum, the service's defaults. */
  private final PasswordHasher hasher = new PasswordHasher(19456, 2, 1);

  @Test
  void hash_isAPhcStringWithTheConfiguredCost_andVerifiesOnlyTheRightPassword() {
    String hash = hasher.hash("correct horse battery staple");

    assertThat(hash).matches("\\$argon2id\\$v=19\\$m=19456,t=2,p=1\\$[A-Za-z0-9+/]{22}\\$[A-Za-z0-9+/]{43}");
    assertThat(hasher.verify("correct horse battery staple", hash)).isTrue();
    assertThat(hasher.verify("correct horse battery stapl", hash)).isFalse();
    assertThat(hasher.hash("correct horse battery staple")).as("salted").isNotEqualTo(hash);
    assertThat(hasher.needsRehash(hash)).isFalse();
  }

  @Test
  void verify_acceptsHashesOfTheReferenceImplementation() {
    // Made with the argon2 command-line tool (libargon2, the RFC 9106 reference implementation):
    // echo -n "correct horse battery staple" | argon2 saltsaltsaltsalt -id -t 2 -m 12 -p 1 -e
    String reference = "$argon2id$v=19$m=4096,t=2,p=1$c2FsdHNhbHRzYWx0c2FsdA$QeqvybJoRz5A33IgYk3wbHQmIWs8wtAs1P/F6cPYYro";
    // printf '%s' "pässwörd-ñ" | argon2 somesaltsomesalt -id -t 3 -m 10 -p 2 -e  (UTF-8, two lanes)
    String utf8 = "$argon2id$v=19$m=1024,t=3,p=2$c29tZXNhbHRzb21lc2FsdA$XhNR7KrGVNaq6+B1sMtUo2NYBAkfc2xOHhMLB9ysLUk";

    assertThat(hasher.verify("correct horse battery staple", reference)).isTrue();
    assertThat(hasher.verify("correct horse battery staple!", reference)).isFalse();
    assertThat(hasher.verify("pässwörd-ñ", utf8)).isTrue();
    assertThat(hasher.needsRehash(reference)).as("other parameters").isTrue();
  }

  @Test
  void verify_refusesAnythingThatIsNotArgon2id_withoutThrowing() {
    for (String stored : new String[] {null, "", "plain", "5e884898da28047151d0e56f8dc6292773603d0d6aabbdd62a11ef721d1542d8",
        "$2a$10$N9qo8uLOickgx2ZMRZoMyeIjZAgcfl7p92ldGxad68LJZdL17lhWy",
        "$argon2i$v=19$m=4096,t=2,p=1$c2FsdHNhbHRzYWx0c2FsdA$QeqvybJoRz5A33IgYk3wbHQmIWs8wtAs1P/F6cPYYro",
        "$argon2id$v=19$m=4096,t=2$c2FsdHNhbHRzYWx0c2FsdA$QeqvybJoRz5A33IgYk3wbHQmIWs8wtAs1P/F6cPYYro",
        "$argon2id$v=19$m=99999999,t=2,p=1$c2FsdHNhbHRzYWx0c2FsdA$QeqvybJoRz5A33IgYk3wbHQmIWs8wtAs1P/F6cPYYro",
        "$argon2id$v=19$m=4096,t=2,p=1$***$QeqvybJoRz5A33IgYk3wbHQmIWs8wtAs1P/F6cPYYro"}) {
      assertThat(hasher.verify("password", stored)).as(String.valueOf(stored)).isFalse();
      assertThat(hasher.needsRehash(stored)).isTrue();
    }
    hasher.verifyDecoy("anything");
  }

  @Test
  void badConfiguration_isRefusedWithTheProperty() {
    assertThatThrownBy(() -> new PasswordHasher(4, 2, 1)).hasMessageContaining("memory-kib");
    assertThatThrownBy(() -> new PasswordHasher(19456, 0, 1)).hasMessageContaining("iterations");
    assertThatThrownBy(() -> new PasswordHasher(19456, 2, 99)).hasMessageContaining("parallelism");
  }
}
