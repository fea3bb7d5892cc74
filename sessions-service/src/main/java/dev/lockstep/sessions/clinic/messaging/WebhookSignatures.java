package dev.lockstep.sessions.clinic.messaging;

import dev.lockstep.sessions.clinic.ClinicConfiguration;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.exceptions.ConfigurationException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.EnumMap;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Verifies the signatures of messaging webhooks: {@code X-Hub-Signature-256: sha256=<hex>}, the
 * HMAC-SHA256 of the raw request body under the provider's secret
 * ({@code LOCKSTEP_CLINIC_WEBHOOKS_<PROVIDER>_SECRET}), the scheme Meta uses for Messenger,
 * Instagram and WhatsApp webhooks. Compared in constant time. A provider without a secret accepts
 * nothing.
 */
// Created at start, so a too-short secret stops the start instead of failing the first delivery.
@Context
public class WebhookSignatures {

  /** The signature header. */
  public static final String HEADER = "X-Hub-Signature-256";
  private static final String PREFIX = "sha256=";
  private static final int MIN_SECRET_LENGTH = 16;
  private static final Logger LOG = LoggerFactory.getLogger(WebhookSignatures.class);

  private final Map<Provider, byte[]> secrets = new EnumMap<>(Provider.class);

  /** Reads and checks the configured secrets; a too-short one stops the start. */
  public WebhookSignatures(ClinicConfiguration config) {
    ClinicConfiguration.Webhooks webhooks = config.getWebhooks();
    put(Provider.FACEBOOK, webhooks.getFacebookSecret());
    put(Provider.INSTAGRAM, webhooks.getInstagramSecret());
    put(Provider.WHATSAPP, webhooks.getWhatsappSecret());
    LOG.info("Clinic messaging webhooks accept signed events from {}", secrets.isEmpty() ? "no provider (set "
        + "LOCKSTEP_CLINIC_WEBHOOKS_<PROVIDER>_SECRET)" : secrets.keySet());
  }

  /** Whether {@code provider} has a secret. */
  public boolean configured(Provider provider) {
    return secrets.containsKey(provider);
  }

  /**
   * Why {@code header} is not a valid signature of {@code body} for {@code provider}, or null when it is.
   * The reasons name no secret and no part of the body.
   */
  public String problem(Provider provider, String header, byte[] body) {
    byte[] secret = secrets.get(provider);
    if (secret == null) {
      return "the webhook of provider " + provider.id() + " is not configured on this server";
    }
    if (header == null || header.isBlank()) {
      return "missing " + HEADER + " header";
    }
    String value = header.strip();
    if (!value.toLowerCase(Locale.ROOT).startsWith(PREFIX)) {
      return HEADER + " must be 'sha256=<hex HMAC-SHA256 of the body>'";
    }
    byte[] given;
    try {
      given = HexFormat.of().parseHex(value.substring(PREFIX.length()).toLowerCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      return HEADER + " must be 'sha256=<hex HMAC-SHA256 of the body>'";
    }
    return MessageDigest.isEqual(sign(secret, body), given) ? null
        : "the signature does not match the body (HMAC-SHA256 with the provider's secret)";
  }

  /** The HMAC-SHA256 of {@code body} under {@code secret}. */
  static byte[] sign(byte[] secret, byte[] body) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret, "HmacSHA256"));
      return mac.doFinal(body == null ? new byte[0] : body);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HMAC-SHA256 is unavailable in this JVM", e);
    }
  }

  private void put(Provider provider, String secret) {
    if (secret == null || secret.isBlank()) {
      return;
    }
    if (secret.strip().length() < MIN_SECRET_LENGTH) {
      throw new ConfigurationException("lockstep.clinic.webhooks." + provider.id() + "-secret (LOCKSTEP_CLINIC_WEBHOOKS_"
          + provider.name() + "_SECRET) must be at least " + MIN_SECRET_LENGTH + " characters; generate one with: "
          + "openssl rand -hex 32");
    }
    secrets.put(provider, secret.strip().getBytes(StandardCharsets.UTF_8));
  }
}
