ALTER TABLE "webhook_deliveries" ADD COLUMN "sequence" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "webhook_endpoints" ADD COLUMN "next_sequence" integer DEFAULT 1 NOT NULL;--> statement-breakpoint
CREATE INDEX "webhook_deliveries_pending_sequence" ON "webhook_deliveries" USING btree ("endpoint_id","sequence") WHERE "webhook_deliveries"."status" = 'pending';--> statement-breakpoint
-- Hand-written backfill (keep at the end when this migration is regenerated): number the deliveries
-- that already exist per endpoint in the order they were written, and start each endpoint after them.
UPDATE "webhook_deliveries" AS d SET "sequence" = n.seq
FROM (SELECT "id", row_number() OVER (PARTITION BY "endpoint_id" ORDER BY "created_at", "id") AS seq FROM "webhook_deliveries") AS n
WHERE d."id" = n."id";--> statement-breakpoint
UPDATE "webhook_endpoints" AS e SET "next_sequence" = coalesce((SELECT max("sequence") FROM "webhook_deliveries" WHERE "endpoint_id" = e."id"), 0) + 1;
