package dev.lockstep.device.pairing;

/**
 * The kinds of device that pair, exactly the labels of the PostgreSQL enum
 * {@code public."DeviceType"} (V2, seed 003), in its order. A test keeps the two in step.
 */
public enum DeviceType {
  /** A desktop or laptop browser. */
  DESKTOP,
  /** An iPhone. */
  MOBILE_IOS,
  /** An Android phone. */
  MOBILE_ANDROID,
  /** A tablet. */
  TABLET
}
