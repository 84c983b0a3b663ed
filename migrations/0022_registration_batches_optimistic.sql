-- Hand-written (no drizzle schema change), for registration batches written in two statements
-- (src/registrations/register.ts, docs/DECISIONS.md "Registration batches in two statements").
-- A batch reads the event and its registrations in one statement, decides seats and waitlist
-- places, then writes everything in a second statement that first locks the event row and checks
-- it is still the version it read (its xmin). That check is only exact if every change that moves
-- seats or waitlist places, or frees an address, gives the event row a new version. Registration
-- inserts move the event's queue counter already; this trigger covers the other changes (cancelling,
-- promoting, confirming by hand, forgetting an address), by whatever path they come (service, CLI,
-- plain SQL). Statement-level with the rows before and after, so cancelling an event's thousands of
-- registrations touches its row once, and check-ins or consent changes touch nothing. The services
-- that change a status lock the event first, so taking its row here keeps their lock order
-- (forgetting an address does not: should a batch register that very address at that moment, the
-- two can deadlock, PostgreSQL aborts one, and a batch so aborted is decided again under the lock).
CREATE FUNCTION essaim_registrations_moved() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE events SET next_queue_no = next_queue_no WHERE id IN (
    SELECT n.event_id FROM moved_new n JOIN moved_old o ON o.id = n.id
    WHERE o.status IS DISTINCT FROM n.status OR o.email IS DISTINCT FROM n.email);
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER registrations_moved_event AFTER UPDATE ON registrations
  REFERENCING OLD TABLE AS moved_old NEW TABLE AS moved_new
  FOR EACH STATEMENT EXECUTE FUNCTION essaim_registrations_moved();
--> statement-breakpoint
-- The batch's second statement calls this when the event changed since it was read: the error
-- aborts the whole statement (nothing of the batch is written) and its code tells the caller to
-- read again under the lock.
CREATE FUNCTION essaim_stale_read(what text) RETURNS boolean LANGUAGE plpgsql VOLATILE AS $$
BEGIN
  RAISE EXCEPTION 'stale read: %', what USING ERRCODE = 'serialization_failure';
END
$$;
