-- Custom SQL migration file, put your code below! --
-- Hand-written (no drizzle schema change): every server process keeps anonymous public pages in
-- memory (src/web/page-cache.ts) and must learn about writes made by the others, by the CLI or by
-- plain SQL. A statement that changes what public pages show notifies the channel
-- `essaim_public_changed`; PostgreSQL delivers it only once the transaction commits (so a listener
-- never re-renders before the change is visible) and once per transaction however many statements
-- sent it. Statement-level, so a batch of 500 registrations costs one trigger call.
CREATE FUNCTION essaim_public_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('essaim_public_changed', '');
  RETURN NULL;
END
$$;
--> statement-breakpoint
DO $$
DECLARE t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['networks', 'users', 'chapters', 'chapter_organizers', 'venues', 'rooms', 'partnerships',
                           'events', 'event_series', 'registrations', 'uploads'] LOOP
    EXECUTE format(
      'CREATE TRIGGER %I AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON %I FOR EACH STATEMENT EXECUTE FUNCTION essaim_public_changed()',
      t || '_public_changed', t);
  END LOOP;
END
$$;
