ALTER TABLE "call_jurors" ADD COLUMN "invite_expires_at" timestamp with time zone DEFAULT now() NOT NULL;--> statement-breakpoint
ALTER TABLE "call_jurors" ADD COLUMN "invite_used_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "call_jurors" ADD COLUMN "locale" text DEFAULT 'fr' NOT NULL;--> statement-breakpoint
-- Hand-written backfill (keep at the end when renumbering): invitations sent before links expired
-- last 14 days from when they were made, and a juror who already accepted the rules has used theirs.
UPDATE "call_jurors" SET "invite_expires_at" = "created_at" + interval '14 days';--> statement-breakpoint
UPDATE "call_jurors" SET "invite_used_at" = "rules_accepted_at" WHERE "rules_accepted_at" IS NOT NULL;
