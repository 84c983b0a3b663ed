CREATE TYPE "public"."error_report_kind" AS ENUM('error', 'information', 'illegal');--> statement-breakpoint
CREATE TYPE "public"."error_report_status" AS ENUM('new', 'accepted', 'declined', 'duplicate', 'stale');--> statement-breakpoint
CREATE TABLE "error_reports" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"network_id" uuid NOT NULL,
	"article_id" uuid NOT NULL,
	"revision" integer NOT NULL,
	"kind" "error_report_kind" NOT NULL,
	"quote" text DEFAULT '' NOT NULL,
	"message" text NOT NULL,
	"url" text NOT NULL,
	"name" text,
	"email" text,
	"locale" text DEFAULT 'fr' NOT NULL,
	"good_faith" boolean DEFAULT false NOT NULL,
	"status" "error_report_status" DEFAULT 'new' NOT NULL,
	"correction" text,
	"decided_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "error_reports" ADD CONSTRAINT "error_reports_network_id_networks_id_fk" FOREIGN KEY ("network_id") REFERENCES "public"."networks"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "error_reports" ADD CONSTRAINT "error_reports_article_id_articles_id_fk" FOREIGN KEY ("article_id") REFERENCES "public"."articles"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "error_reports_queue" ON "error_reports" USING btree ("network_id","status","created_at");--> statement-breakpoint
CREATE INDEX "error_reports_article" ON "error_reports" USING btree ("article_id");