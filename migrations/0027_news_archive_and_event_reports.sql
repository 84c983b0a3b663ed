CREATE TABLE "article_comments" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"network_id" uuid NOT NULL,
	"article_id" uuid NOT NULL,
	"source_id" text NOT NULL,
	"source_parent" text,
	"author_name" text NOT NULL,
	"body_html" text NOT NULL,
	"posted_at" timestamp with time zone,
	CONSTRAINT "article_comments_source" UNIQUE("article_id","source_id")
);
--> statement-breakpoint
CREATE TABLE "news_import_media" (
	"network_id" uuid NOT NULL,
	"source_url" text NOT NULL,
	"upload_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "news_import_media_network_id_source_url_pk" PRIMARY KEY("network_id","source_url")
);
--> statement-breakpoint
ALTER TABLE "error_reports" ALTER COLUMN "article_id" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "error_reports" ALTER COLUMN "revision" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "articles" ADD COLUMN "cover_source_url" text;--> statement-breakpoint
ALTER TABLE "articles" ADD COLUMN "parent_id" uuid;--> statement-breakpoint
ALTER TABLE "error_reports" ADD COLUMN "event_id" uuid;--> statement-breakpoint
ALTER TABLE "article_comments" ADD CONSTRAINT "article_comments_network_id_networks_id_fk" FOREIGN KEY ("network_id") REFERENCES "public"."networks"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "article_comments" ADD CONSTRAINT "article_comments_article_id_articles_id_fk" FOREIGN KEY ("article_id") REFERENCES "public"."articles"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "news_import_media" ADD CONSTRAINT "news_import_media_network_id_networks_id_fk" FOREIGN KEY ("network_id") REFERENCES "public"."networks"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "news_import_media" ADD CONSTRAINT "news_import_media_upload_id_uploads_id_fk" FOREIGN KEY ("upload_id") REFERENCES "public"."uploads"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "article_comments_network" ON "article_comments" USING btree ("network_id");--> statement-breakpoint
ALTER TABLE "articles" ADD CONSTRAINT "articles_parent_id_articles_id_fk" FOREIGN KEY ("parent_id") REFERENCES "public"."articles"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "error_reports" ADD CONSTRAINT "error_reports_event_id_events_id_fk" FOREIGN KEY ("event_id") REFERENCES "public"."events"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "articles_parent" ON "articles" USING btree ("parent_id");--> statement-breakpoint
CREATE INDEX "error_reports_event" ON "error_reports" USING btree ("event_id");--> statement-breakpoint
ALTER TABLE "error_reports" ADD CONSTRAINT "error_reports_one_subject" CHECK (("error_reports"."article_id" IS NULL) <> ("error_reports"."event_id" IS NULL));--> statement-breakpoint
-- Hand-written (keep at the end when renumbering): the archived comments show under public
-- article pages, so their changes must reach the other processes' page caches (see 0010, 0019).
CREATE TRIGGER article_comments_public_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON article_comments
  FOR EACH STATEMENT EXECUTE FUNCTION essaim_public_changed();
