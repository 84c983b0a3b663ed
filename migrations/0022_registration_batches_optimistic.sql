-- Hand-written (no drizzle schema change), for registration batches written in two statements
-- (src/registrations/register.ts, docs/DECISIONS.md "Registration batches in two statements").
-- A batch reads the event and its registrations in one statement, decides seats and waitlist
-- places, then writes everything in a second statement that first locks the event row and checks
-- it is still the version it read (its xmin). That check is only exact if every change that moves
-- seats or waitlist places, or frees an address, gives the event row a new version. Registration
-- inserts move the event's queue counter already; this trigger covers the other changes (cancelling,
-- promoting, confirming by hand, forgetting an address), by whatever path they come (service, CLI,
-- plain SQL). Row-level with a WHEN clause, so check-ins and consent changes do not fire it. The
-- services that change a status lock the event first, so taking its row here keeps their lock order
-- (forgetting an address does not: should a batch register that very address at that moment, the
-- two can deadlock, PostgreSQL aborts one, and a batch so aborted is decided again under the lock).
CREATE FUNCTION essaim_registration_moved() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE events SET next_queue_no = next_queue_no WHERE id = NEW.event_id;
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER registrations_moved_event AFTER UPDATE OF status, email ON registrations FOR EACH ROW
  WHEN (OLD.status IS DISTINCT FROM NEW.status OR OLD.email IS DISTINCT FROM NEW.email)
  EXECUTE FUNCTION essaim_registration_moved();
--> statement-breakpoint
-- The batch's second statement calls this when the event changed since it was read: the error
-- aborts the whole statement (nothing of the batch is written) and its code tells the caller to
-- read again under the lock.
CREATE FUNCTION essaim_stale_read(what text) RETURNS boolean LANGUAGE plpgsql VOLATILE AS $$
BEGIN
  RAISE EXCEPTION 'stale read: %', what USING ERRCODE = 'serialization_failure';
END
$$;
