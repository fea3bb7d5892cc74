package dev.lockstep.sessions.clinic;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;

/**
 * {@code lockstep.clinic.*}: the settings of the clinic API (seed 004). Secrets come from the
 * environment only: {@code LOCKSTEP_CLINIC_PHI_KEY} and
 * {@code LOCKSTEP_CLINIC_WEBHOOKS_<PROVIDER>_SECRET}; see docs/API.md.
 */
@ConfigurationProperties("lockstep.clinic")
public class ClinicConfiguration {

  private String phiKey;
  private String timeZone = "UTC";
  private int defaultAppointmentMinutes = 30;
  private final Webhooks webhooks;

  /** Settings with the webhook secrets of {@code lockstep.clinic.webhooks}. */
  public ClinicConfiguration(Webhooks webhooks) {
    this.webhooks = webhooks;
  }

  /**
   * The base64 AES-256 key (32 bytes) that encrypts the clinic's PHI columns; null when unset
   * (then every endpoint reading or writing PHI answers 503 {@code PHI_KEY_NOT_CONFIGURED}).
   */
  @Nullable
  public String getPhiKey() {
    return phiKey;
  }

  /** Sets the PHI key. */
  public void setPhiKey(@Nullable String phiKey) {
    this.phiKey = phiKey;
  }

  /** The clinic's time zone: availability windows are wall-clock times in it. Default UTC. */
  public String getTimeZone() {
    return timeZone;
  }

  /** Sets the time zone (an IANA id such as {@code Europe/Madrid}). */
  public void setTimeZone(String timeZone) {
    this.timeZone = timeZone;
  }

  /** The length of an appointment booked without {@code duration_minutes}. Default 30. */
  public int getDefaultAppointmentMinutes() {
    return defaultAppointmentMinutes;
  }

  /** Sets the default appointment length in minutes (5..480). */
  public void setDefaultAppointmentMinutes(int defaultAppointmentMinutes) {
    this.defaultAppointmentMinutes = defaultAppointmentMinutes;
  }

  /** The messaging webhooks' signing secrets. */
  public Webhooks getWebhooks() {
    return webhooks;
  }

  /** {@code lockstep.clinic.webhooks.*}: one HMAC-SHA256 signing secret per messaging provider. */
  @ConfigurationProperties("webhooks")
  public static class Webhooks {
    private String facebookSecret;
    private String instagramSecret;
    private String whatsappSecret;

    /** The facebook secret ({@code LOCKSTEP_CLINIC_WEBHOOKS_FACEBOOK_SECRET}), or null. */
    @Nullable
    public String getFacebookSecret() {
      return facebookSecret;
    }

    /** Sets the facebook secret. */
    public void setFacebookSecret(@Nullable String facebookSecret) {
      this.facebookSecret = facebookSecret;
    }

    /** The instagram secret ({@code LOCKSTEP_CLINIC_WEBHOOKS_INSTAGRAM_SECRET}), or null. */
    @Nullable
    public String getInstagramSecret() {
      return instagramSecret;
    }

    /** Sets the instagram secret. */
    public void setInstagramSecret(@Nullable String instagramSecret) {
      this.instagramSecret = instagramSecret;
    }

    /** The whatsapp secret ({@code LOCKSTEP_CLINIC_WEBHOOKS_WHATSAPP_SECRET}), or null. */
    @Nullable
    public String getWhatsappSecret() {
      return whatsappSecret;
    }

    /** Sets the whatsapp secret. */
    public void setWhatsappSecret(@Nullable String whatsappSecret) {
      this.whatsappSecret = whatsappSecret;
    }
  }
}
