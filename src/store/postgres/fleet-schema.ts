/**
 * Version 5 (PostgreSQL only): what several processes share to act as one.
 * - job_runs: the last start of each cron job, so one tick runs once in the fleet.
 * - rate_gates / rate_windows: the per-platform limits, held for the fleet (ADR 0011).
 *   A window with a small limit keeps the exact send times (a sliding log, as in one process);
 *   a large one (over 256) keeps only the earliest next send (even spacing, to the millisecond:
 *   a send may go up to 1 ms early, so a window may hold one send more than its limit).
 *   herald_rate_grant takes the gate, then the windows in key order (no deadlock), and either
 *   records one send everywhere and returns 0, or records nothing and returns the wait in ms.
 *   Both tables are UNLOGGED and the grant commits without waiting for the disk: the gate row
 *   is held for microseconds, not for an fsync; after a server crash the windows start empty.
 */
export const FLEET_SQL = `
  CREATE TABLE job_runs (
    job          text PRIMARY KEY,
    last_started timestamptz NOT NULL,
    owner        text NOT NULL
  );
  CREATE UNLOGGED TABLE rate_gates (
    gate         text PRIMARY KEY,
    paused_until bigint NOT NULL DEFAULT 0,
    pace_until   bigint NOT NULL DEFAULT 0
  );
  CREATE UNLOGGED TABLE rate_windows (
    key     text COLLATE "C" PRIMARY KEY,
    times   bigint[] NOT NULL DEFAULT '{}',
    next_at double precision NOT NULL DEFAULT 0,
    touched bigint NOT NULL
  );
  CREATE INDEX rate_windows_by_touched ON rate_windows (touched);
  CREATE FUNCTION herald_rate_grant(
    p_gate text, p_keys text[], p_limits integer[], p_windows bigint[], p_now bigint,
    p_pace bigint
  ) RETURNS bigint LANGUAGE plpgsql AS $fn$
  DECLARE
    wait bigint := 0;
    gate_row rate_gates%ROWTYPE;
    kept bigint[];
    n integer;
    i integer;
  BEGIN
    -- A grant lost in a server crash costs nothing: do not wait for the disk while holding the gate.
    PERFORM set_config('synchronous_commit', 'off', true);
    INSERT INTO rate_gates (gate) VALUES (p_gate) ON CONFLICT DO NOTHING;
    SELECT * INTO gate_row FROM rate_gates WHERE gate = p_gate FOR UPDATE;
    wait := GREATEST(0, gate_row.paused_until - p_now, gate_row.pace_until - p_now);
    INSERT INTO rate_windows (key, touched) SELECT k, p_now FROM unnest(p_keys) AS k
      ON CONFLICT DO NOTHING;
    PERFORM 1 FROM rate_windows WHERE key = ANY (p_keys) ORDER BY key FOR UPDATE;
    FOR i IN 1 .. COALESCE(array_length(p_keys, 1), 0) LOOP
      IF p_limits[i] > 256 THEN
        SELECT GREATEST(wait, floor(w.next_at - p_now)::bigint) INTO wait FROM rate_windows w WHERE w.key = p_keys[i];
      ELSE
        SELECT ARRAY(SELECT t FROM unnest(w.times) AS t WHERE t > p_now - p_windows[i] ORDER BY t)
          INTO kept FROM rate_windows w WHERE w.key = p_keys[i];
        n := COALESCE(array_length(kept, 1), 0);
        IF n >= p_limits[i] THEN
          wait := GREATEST(wait, kept[n - p_limits[i] + 1] + p_windows[i] - p_now);
        END IF;
      END IF;
    END LOOP;
    IF wait > 0 THEN
      RETURN wait;
    END IF;
    FOR i IN 1 .. COALESCE(array_length(p_keys, 1), 0) LOOP
      IF p_limits[i] > 256 THEN
        UPDATE rate_windows SET touched = p_now,
          next_at = GREATEST(next_at, p_now) + p_windows[i]::float8 / p_limits[i]
          WHERE key = p_keys[i];
      ELSE
        UPDATE rate_windows SET touched = p_now, times = ARRAY(
          SELECT t FROM (
            SELECT t FROM unnest(times || p_now) AS t WHERE t > p_now - p_windows[i]
            ORDER BY t DESC LIMIT p_limits[i]
          ) AS recent ORDER BY t)
          WHERE key = p_keys[i];
      END IF;
    END LOOP;
    UPDATE rate_gates SET pace_until = p_now + p_pace WHERE gate = p_gate;
    RETURN 0;
  END
  $fn$;
`;
