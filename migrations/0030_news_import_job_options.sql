ALTER TABLE "news_import_jobs" ADD COLUMN "base_url" text;--> statement-breakpoint
ALTER TABLE "news_import_jobs" ADD COLUMN "fetch_media" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "news_import_jobs" ADD COLUMN "keep_going" boolean DEFAULT false NOT NULL;