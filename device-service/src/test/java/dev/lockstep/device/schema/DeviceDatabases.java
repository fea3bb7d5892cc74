package dev.lockstep.device.schema;

import dev.lockstep.device.DeviceUnderTest;
import dev.lockstep.schema.contract.MigratedDatabase;
import java.util.List;

/** device-service's schema coordinates for behaviour tests. */
final class DeviceDatabases {

  static final String SERVICE = DeviceUnderTest.SUBJECT.service();
  static final List<String> SCHEMAS = DeviceUnderTest.SUBJECT.schemas();

  private DeviceDatabases() {}

  /** A new device-service database migrated to head. */
  static MigratedDatabase atHead(String prefix) {
    return MigratedDatabase.atHead(SERVICE, SCHEMAS, prefix, DeviceDatabases.class.getClassLoader());
  }
}
