ALTER TABLE "member_profiles" ADD COLUMN "attendance_visible" boolean DEFAULT false NOT NULL;--> statement-breakpoint
-- Hand-written: the event page's "who's going" list reads member_profiles (who chose to be shown), so a
-- change of that choice must reach every process's page cache, as writes to the tables of 0010 do.
CREATE TRIGGER member_profiles_public_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON member_profiles
  FOR EACH STATEMENT EXECUTE FUNCTION essaim_public_changed();
