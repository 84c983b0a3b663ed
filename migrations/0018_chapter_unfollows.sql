CREATE TABLE "chapter_unfollows" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"network_id" uuid NOT NULL,
	"chapter_id" uuid NOT NULL,
	"followed_at" timestamp with time zone NOT NULL,
	"unfollowed_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "chapter_unfollows" ADD CONSTRAINT "chapter_unfollows_network_id_networks_id_fk" FOREIGN KEY ("network_id") REFERENCES "public"."networks"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "chapter_unfollows" ADD CONSTRAINT "chapter_unfollows_chapter_id_chapters_id_fk" FOREIGN KEY ("chapter_id") REFERENCES "public"."chapters"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "chapter_unfollows_chapter" ON "chapter_unfollows" USING btree ("network_id","chapter_id","unfollowed_at");