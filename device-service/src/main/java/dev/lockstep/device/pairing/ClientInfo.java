package dev.lockstep.device.pairing;

import io.micronaut.core.annotation.Nullable;

/**
 * Where a pairing request came from, recorded in the seed's {@code "ipAddress"} and
 * {@code "userAgent"} columns for the owner's security review; never logged or served.
 *
 * @param ipAddress the client address (honouring the server's configured forwarding headers)
 * @param userAgent the {@code User-Agent} header, cut to {@link #MAX_USER_AGENT} characters
 */
public record ClientInfo(@Nullable String ipAddress, @Nullable String userAgent) {

  /** The longest user agent stored. */
  public static final int MAX_USER_AGENT = 512;

  /** Cuts the user agent. */
  public ClientInfo {
    if (userAgent != null && userAgent.length() > MAX_USER_AGENT) {
      userAgent = userAgent.substring(0, MAX_USER_AGENT);
    }
  }

  /** Leaves both values out. */
  @Override
  public String toString() {
    return "ClientInfo[<redacted>]";
  }
}
