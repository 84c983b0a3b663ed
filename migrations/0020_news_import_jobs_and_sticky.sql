CREATE TABLE "news_import_jobs" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"network_id" uuid NOT NULL,
	"created_by" uuid,
	"file_name" text NOT NULL,
	"file_path" text NOT NULL,
	"total_bytes" integer NOT NULL,
	"status" text DEFAULT 'previewed' NOT NULL,
	"items" integer DEFAULT 0 NOT NULL,
	"bytes_read" integer DEFAULT 0 NOT NULL,
	"preview" jsonb,
	"result" jsonb,
	"error" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "articles" ADD COLUMN "sticky" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "news_import_jobs" ADD CONSTRAINT "news_import_jobs_network_id_networks_id_fk" FOREIGN KEY ("network_id") REFERENCES "public"."networks"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "news_import_jobs" ADD CONSTRAINT "news_import_jobs_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "news_import_jobs_network" ON "news_import_jobs" USING btree ("network_id","created_at");