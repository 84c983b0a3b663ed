ALTER TABLE "error_reports" ADD COLUMN "decided_by" uuid;--> statement-breakpoint
ALTER TABLE "error_reports" ADD COLUMN "decided_by_name" text;--> statement-breakpoint
ALTER TABLE "error_reports" ADD CONSTRAINT "error_reports_decided_by_users_id_fk" FOREIGN KEY ("decided_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;