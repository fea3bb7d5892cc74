package dev.lockstep.coordinator.agent;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.UUID;

/**
 * The coordinator's own operator identity towards schema agents: short-lived HS256 tokens with role
 * {@code schema-operator}, signed with {@code lockstep.coordinator.agent-token-secret} (env
 * {@code LOCKSTEP_COORDINATOR_AGENT_TOKEN_SECRET}), the secret the agents verify. Tokens are minted
 * per call and never logged.
 */
@Singleton
public class AgentTokens {

  private static final Duration LIFETIME = Duration.ofMinutes(5);

  private final byte[] secret;
  private final String subject;
  private final Clock clock;

  /** Tokens signed with {@code secret}, for subject {@code subject}. */
  public AgentTokens(@Value("${lockstep.coordinator.agent-token-secret:}") String secret,
      @Value("${micronaut.application.name:migrations-service}") String subject) {
    this.secret = secret.getBytes(StandardCharsets.UTF_8);
    this.subject = subject;
    this.clock = Clock.systemUTC();
  }

  /** A fresh operator token. */
  public String mint() {
    if (secret.length < 32) {
      throw new IllegalStateException("lockstep.coordinator.agent-token-secret (LOCKSTEP_COORDINATOR_AGENT_TOKEN_SECRET) "
          + "must be set to the agents' HS256 secret (32+ bytes) for the coordinator to call them");
    }
    Instant now = clock.instant();
    JWTClaimsSet claims = new JWTClaimsSet.Builder()
        .subject(subject)
        .claim("roles", List.of("schema-operator"))
        .issueTime(Date.from(now))
        .expirationTime(Date.from(now.plus(LIFETIME)))
        .jwtID(UUID.randomUUID().toString())
        .build();
    SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims);
    try {
      jwt.sign(new MACSigner(secret));
    } catch (JOSEException e) {
      throw new IllegalStateException("cannot sign the coordinator's agent token: " + e.getMessage(), e);
    }
    return jwt.serialize();
  }
}
