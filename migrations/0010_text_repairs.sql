CREATE TYPE "public"."repair_state" AS ENUM('applied', 'queued', 'rejected', 'undone');--> statement-breakpoint
CREATE TABLE "text_repairs" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"network_id" uuid NOT NULL,
	"article_id" uuid NOT NULL,
	"field" text NOT NULL,
	"position" integer NOT NULL,
	"kind" text NOT NULL,
	"original" text NOT NULL,
	"replacement" text NOT NULL,
	"confidence" real NOT NULL,
	"alternatives" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"state" "repair_state" NOT NULL,
	"automatic" boolean DEFAULT true NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "text_repairs" ADD CONSTRAINT "text_repairs_network_id_networks_id_fk" FOREIGN KEY ("network_id") REFERENCES "public"."networks"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "text_repairs" ADD CONSTRAINT "text_repairs_article_id_articles_id_fk" FOREIGN KEY ("article_id") REFERENCES "public"."articles"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "text_repairs_article" ON "text_repairs" USING btree ("article_id","field","position");--> statement-breakpoint
CREATE INDEX "text_repairs_queue" ON "text_repairs" USING btree ("network_id","state");