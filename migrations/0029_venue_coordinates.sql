ALTER TABLE "venues" ADD COLUMN "latitude" double precision;--> statement-breakpoint
ALTER TABLE "venues" ADD COLUMN "longitude" double precision;--> statement-breakpoint
ALTER TABLE "venues" ADD CONSTRAINT "venues_coordinates" CHECK (("venues"."latitude" IS NULL) = ("venues"."longitude" IS NULL) AND "venues"."latitude" BETWEEN -90 AND 90 AND "venues"."longitude" BETWEEN -180 AND 180);