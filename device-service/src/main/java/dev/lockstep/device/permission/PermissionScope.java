package dev.lockstep.device.permission;

/**
 * What a paired device may do on its owner's behalf, exactly the labels of the PostgreSQL enum
 * {@code public."PermissionScope"} (V2, seed 003), in its order. A scope delegates the owner's own
 * access to the device; it never widens it (the services holding the data check the owner's
 * rights). A test keeps the two in step.
 */
public enum PermissionScope {
  /** Read patient records. */
  READ_PATIENT_DATA,
  /** Write clinical notes. */
  WRITE_NOTES,
  /** View session transcripts. */
  VIEW_TRANSCRIPT,
  /** Start and stop session recordings. */
  CONTROL_RECORDING,
  /** See diagnoses. */
  ACCESS_DIAGNOSIS,
  /** See medications. */
  VIEW_MEDICATIONS,
  /** Edit SOAP notes. */
  EDIT_SOAP_NOTES,
  /** Everything above. */
  FULL_ACCESS
}
