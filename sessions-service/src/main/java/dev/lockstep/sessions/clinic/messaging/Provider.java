package dev.lockstep.sessions.clinic.messaging;

import java.util.Locale;
import java.util.Optional;

/** The messaging platforms whose webhooks the clinic accepts (V4's provider / platform CHECKs). */
public enum Provider {
  /** Facebook Messenger. */
  FACEBOOK,
  /** Instagram direct messages. */
  INSTAGRAM,
  /** WhatsApp Business. */
  WHATSAPP;

  /** The name in paths and in the database: {@code whatsapp}. */
  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The provider named {@code id} in a path, if it is one. */
  public static Optional<Provider> of(String id) {
    for (Provider p : values()) {
      if (p.id().equals(id)) {
        return Optional.of(p);
      }
    }
    return Optional.empty();
  }
}
