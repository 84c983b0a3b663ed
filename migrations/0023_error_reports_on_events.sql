ALTER TABLE "error_reports" ALTER COLUMN "article_id" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "error_reports" ALTER COLUMN "revision" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "error_reports" ADD COLUMN "event_id" uuid;--> statement-breakpoint
ALTER TABLE "error_reports" ADD CONSTRAINT "error_reports_event_id_events_id_fk" FOREIGN KEY ("event_id") REFERENCES "public"."events"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "error_reports_event" ON "error_reports" USING btree ("event_id");--> statement-breakpoint
ALTER TABLE "error_reports" ADD CONSTRAINT "error_reports_one_subject" CHECK (("error_reports"."article_id" IS NULL) <> ("error_reports"."event_id" IS NULL));