ALTER TABLE "chapters" ADD COLUMN "cover" jsonb;--> statement-breakpoint
ALTER TABLE "venues" ADD COLUMN "cover" jsonb;--> statement-breakpoint
ALTER TABLE "events" ADD COLUMN "cover" jsonb;