-- Undo of V3: refuses to drop rollout history.
DO $$
DECLARE n bigint;
BEGIN
  SELECT count(*) INTO n FROM coordinator.plans;
  IF n > 0 THEN
    RAISE EXCEPTION 'Cannot undo V3: coordinator.plans holds % plans (and their rollouts)', n
      USING HINT = 'Restore the backup taken before V3; rollout history is not thrown away by an undo.';
  END IF;
END $$;
DROP TABLE coordinator.target_locks;
DROP TABLE coordinator.compensations;
DROP TABLE coordinator.approvals;
DROP TABLE coordinator.rollout_events;
DROP TABLE coordinator.rollout_targets;
DROP TABLE coordinator.rollouts;
DROP TABLE coordinator.plans;
