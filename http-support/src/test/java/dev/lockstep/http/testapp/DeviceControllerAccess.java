package dev.lockstep.http.testapp;

import java.util.List;

/** The test application's device ids in list order, for the pagination tests. */
public final class DeviceControllerAccess {
  private DeviceControllerAccess() {
  }

  /** Every device id, sorted as the list endpoint sorts. */
  public static List<String> ids() {
    return DeviceController.DEVICES.stream().map(d -> d.id().toString()).toList();
  }
}
