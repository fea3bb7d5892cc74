-- Undo of V1: refuses to drop a registry that holds targets.
DO $$
DECLARE n bigint;
BEGIN
  SELECT count(*) INTO n FROM coordinator.targets;
  IF n > 0 THEN
    RAISE EXCEPTION 'Cannot undo V1: coordinator.targets holds % registered targets', n
      USING HINT = 'Restore the backup taken before V1, or remove the targets first.';
  END IF;
END $$;
DROP TABLE coordinator.targets;
DROP SCHEMA coordinator;
