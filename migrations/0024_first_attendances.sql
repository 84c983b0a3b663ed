CREATE TABLE "first_attendances" (
	"network_id" uuid NOT NULL,
	"email" text NOT NULL,
	"scope" text NOT NULL,
	"scope_id" uuid NOT NULL,
	"first_at" timestamp with time zone NOT NULL,
	CONSTRAINT "first_attendances_network_id_email_scope_scope_id_pk" PRIMARY KEY("network_id","email","scope","scope_id"),
	CONSTRAINT "first_attendances_scope" CHECK ("first_attendances"."scope" in ('network', 'chapter', 'venue'))
);
--> statement-breakpoint
ALTER TABLE "expenses" DROP CONSTRAINT "expenses_reimburse";--> statement-breakpoint
ALTER TABLE "expenses" ADD COLUMN "payee_erased_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "first_attendances" ADD CONSTRAINT "first_attendances_network_id_networks_id_fk" FOREIGN KEY ("network_id") REFERENCES "public"."networks"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "first_attendances_period" ON "first_attendances" USING btree ("network_id","scope","first_at");--> statement-breakpoint
CREATE INDEX "registrations_attended" ON "registrations" USING btree ("event_id","email") WHERE "registrations"."checked_in_at" is not null and "registrations"."status" <> 'cancelled';--> statement-breakpoint
ALTER TABLE "expenses" ADD CONSTRAINT "expenses_reimburse" CHECK ("expenses"."paid_by" = 'network' or "expenses"."reimburse_user_id" is not null or "expenses"."payee_erased_at" is not null);--> statement-breakpoint
-- ======================= Hand-written: keep first_attendances and fill it =======================
-- The table is derived from registrations, events and rooms; these triggers keep it whatever
-- writes them (the app, the demo loader, a restore, plain SQL). Statement-level with transition
-- tables, so a batch of 100,000 registrations refreshes once. A refresh recomputes the people
-- concerned from scratch (delete, then insert their minima): an un-check-in or a cancellation can
-- move a first attendance later, which no incremental "least()" could. Two transactions changing
-- the same person are serialised by an advisory lock per person (a big batch takes one lock for
-- the network instead, which the small ones take shared), so neither writes minima computed
-- without the other's committed rows.
CREATE FUNCTION essaim_refresh_first_attendances(people_network uuid[], people_email text[]) RETURNS void
LANGUAGE plpgsql AS $$
DECLARE
  people int;
BEGIN
  SELECT count(*) INTO people FROM (SELECT DISTINCT n, e FROM unnest(people_network, people_email) AS k(n, e) WHERE e <> '') d;
  IF people = 0 THEN
    RETURN;
  ELSIF people > 100 THEN
    PERFORM pg_advisory_xact_lock(hashtext('essaim-first-attendances'), hashtext(n::text))
      FROM (SELECT DISTINCT n FROM unnest(people_network) AS k(n) ORDER BY 1) d;
  ELSE
    PERFORM pg_advisory_xact_lock_shared(hashtext('essaim-first-attendances'), hashtext(n::text))
      FROM (SELECT DISTINCT n FROM unnest(people_network) AS k(n) ORDER BY 1) d;
    PERFORM pg_advisory_xact_lock(hashtext('essaim-first-attendance:' || n::text), hashtext(e))
      FROM (SELECT DISTINCT n, e FROM unnest(people_network, people_email) AS k(n, e) WHERE e <> '' ORDER BY 1, 2) d;
  END IF;
  DELETE FROM first_attendances f
    USING (SELECT DISTINCT n, e FROM unnest(people_network, people_email) AS k(n, e)) k
    WHERE f.network_id = k.n AND f.email = k.e;
  -- The same definition as docs/FIGURES.md: an attendance is a checked-in registration that is not
  -- cancelled, under a non-empty address, at an event that is not a draft; its venue is the
  -- event's, or its room's.
  INSERT INTO first_attendances (network_id, email, scope, scope_id, first_at)
  SELECT r.network_id, r.email, s.scope, s.scope_id, min(e.starts_at)
  FROM (SELECT DISTINCT n, e FROM unnest(people_network, people_email) AS k(n, e) WHERE e <> '') k
  JOIN registrations r ON r.network_id = k.n AND r.email = k.e
  JOIN events e ON e.id = r.event_id
  LEFT JOIN rooms rm ON rm.id = e.room_id
  CROSS JOIN LATERAL (VALUES ('network', r.network_id), ('chapter', e.chapter_id), ('venue', coalesce(e.venue_id, rm.venue_id))) AS s(scope, scope_id)
  WHERE r.checked_in_at IS NOT NULL AND r.status <> 'cancelled' AND e.status <> 'draft' AND s.scope_id IS NOT NULL
  GROUP BY r.network_id, r.email, s.scope, s.scope_id;
END
$$;
--> statement-breakpoint
-- Registrations: the people whose attendance appeared, disappeared or moved (check-in, door
-- addition, cancellation, erasure, another event). A reminder flag or a new answer refreshes nobody.
CREATE FUNCTION essaim_registrations_first_attendances() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
  nets uuid[];
  emails text[];
BEGIN
  IF TG_OP = 'INSERT' THEN
    SELECT array_agg(network_id), array_agg(email) INTO nets, emails
      FROM new_rows WHERE checked_in_at IS NOT NULL AND status <> 'cancelled';
  ELSIF TG_OP = 'DELETE' THEN
    SELECT array_agg(network_id), array_agg(email) INTO nets, emails
      FROM old_rows WHERE checked_in_at IS NOT NULL AND status <> 'cancelled';
  ELSE
    SELECT array_agg(x.network_id), array_agg(x.email) INTO nets, emails FROM (
      SELECT o.network_id, o.email, o.checked_in_at IS NOT NULL AND o.status <> 'cancelled' AS came
        FROM old_rows o JOIN new_rows n USING (id)
        WHERE (o.checked_in_at IS NULL) <> (n.checked_in_at IS NULL) OR (o.status = 'cancelled') <> (n.status = 'cancelled')
          OR o.email <> n.email OR o.event_id <> n.event_id OR o.network_id <> n.network_id
      UNION ALL
      SELECT n.network_id, n.email, n.checked_in_at IS NOT NULL AND n.status <> 'cancelled'
        FROM old_rows o JOIN new_rows n USING (id)
        WHERE (o.checked_in_at IS NULL) <> (n.checked_in_at IS NULL) OR (o.status = 'cancelled') <> (n.status = 'cancelled')
          OR o.email <> n.email OR o.event_id <> n.event_id OR o.network_id <> n.network_id
    ) x WHERE x.came;
  END IF;
  IF nets IS NOT NULL THEN
    PERFORM essaim_refresh_first_attendances(nets, emails);
  END IF;
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER registrations_first_attendances_insert AFTER INSERT ON registrations
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION essaim_registrations_first_attendances();
--> statement-breakpoint
CREATE TRIGGER registrations_first_attendances_update AFTER UPDATE ON registrations
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION essaim_registrations_first_attendances();
--> statement-breakpoint
CREATE TRIGGER registrations_first_attendances_delete AFTER DELETE ON registrations
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION essaim_registrations_first_attendances();
--> statement-breakpoint
-- Events: moved in time, drafted or published again, moved to another chapter, venue or room. (A
-- deleted event takes its registrations with it, and their trigger refreshes their people.)
CREATE FUNCTION essaim_events_first_attendances() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
  nets uuid[];
  emails text[];
BEGIN
  SELECT array_agg(r.network_id), array_agg(r.email) INTO nets, emails
    FROM old_rows o JOIN new_rows n USING (id) JOIN registrations r ON r.event_id = n.id
    WHERE ((o.status = 'draft') <> (n.status = 'draft') OR o.starts_at <> n.starts_at OR o.chapter_id <> n.chapter_id
        OR o.venue_id IS DISTINCT FROM n.venue_id OR o.room_id IS DISTINCT FROM n.room_id)
      AND r.checked_in_at IS NOT NULL AND r.status <> 'cancelled';
  IF nets IS NOT NULL THEN
    PERFORM essaim_refresh_first_attendances(nets, emails);
  END IF;
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER events_first_attendances AFTER UPDATE ON events
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION essaim_events_first_attendances();
--> statement-breakpoint
-- Rooms: a room given to another venue moves the venue of the events held in it.
CREATE FUNCTION essaim_rooms_first_attendances() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
  nets uuid[];
  emails text[];
BEGIN
  SELECT array_agg(r.network_id), array_agg(r.email) INTO nets, emails
    FROM old_rows o JOIN new_rows n USING (id) JOIN events e ON e.room_id = n.id JOIN registrations r ON r.event_id = e.id
    WHERE o.venue_id IS DISTINCT FROM n.venue_id AND r.checked_in_at IS NOT NULL AND r.status <> 'cancelled';
  IF nets IS NOT NULL THEN
    PERFORM essaim_refresh_first_attendances(nets, emails);
  END IF;
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER rooms_first_attendances AFTER UPDATE ON rooms
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION essaim_rooms_first_attendances();
--> statement-breakpoint
-- Backfill: everyone who attended so far.
INSERT INTO first_attendances (network_id, email, scope, scope_id, first_at)
SELECT r.network_id, r.email, s.scope, s.scope_id, min(e.starts_at)
FROM registrations r
JOIN events e ON e.id = r.event_id
LEFT JOIN rooms rm ON rm.id = e.room_id
CROSS JOIN LATERAL (VALUES ('network', r.network_id), ('chapter', e.chapter_id), ('venue', coalesce(e.venue_id, rm.venue_id))) AS s(scope, scope_id)
WHERE r.checked_in_at IS NOT NULL AND r.status <> 'cancelled' AND r.email <> '' AND e.status <> 'draft' AND s.scope_id IS NOT NULL
GROUP BY r.network_id, r.email, s.scope, s.scope_id;
