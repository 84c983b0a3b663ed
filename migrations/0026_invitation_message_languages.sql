ALTER TABLE "invitation_campaigns" ADD COLUMN "language" text DEFAULT 'fr' NOT NULL;--> statement-breakpoint
ALTER TABLE "invitation_campaigns" ADD COLUMN "translations" jsonb DEFAULT '{}'::jsonb NOT NULL;--> statement-breakpoint
-- Hand-written backfill (keep at the end when renumbering): a campaign sent before this migration
-- wrote its message in its event's language, the best guess at the language the organiser used.
UPDATE "invitation_campaigns" c SET "language" = e."language" FROM "events" e WHERE e."id" = c."event_id";
