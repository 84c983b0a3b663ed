-- Custom SQL migration file, put your code below! --
-- Hand-written (no drizzle schema change), the sequel of 0010_public_pages_notify: the tables that
-- landed since and whose rows anonymous pages, feeds or the public API show must tell the other
-- processes' page caches too, or a second server (or one beside the CLI's WordPress import) keeps
-- serving the old news list for up to its TTL.
-- News: articles, their bylines and terms (lists, article pages, feeds, sitemap), the public
-- correction notes of error reports, and redirects (old addresses answering 301).
-- Calls: the public calls pages (calls, their stages and versions) and the programme (sessions,
-- speakers). Money has no anonymous page (budgets, expenses, reports and the venue dashboard all
-- need a sign-in, and signed-in answers are never cached), so no money table is listed.
-- Statement-level, as in 0010: a batch import of 200 articles costs one trigger call per statement.
DO $$
DECLARE t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['articles', 'article_authors', 'article_categories', 'article_tags', 'news_authors',
                           'news_categories', 'news_tags', 'error_reports', 'redirects',
                           'calls', 'call_stages', 'call_versions', 'event_sessions', 'speakers', 'session_speakers'] LOOP
    EXECUTE format(
      'CREATE TRIGGER %I AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON %I FOR EACH STATEMENT EXECUTE FUNCTION essaim_public_changed()',
      t || '_public_changed', t);
  END LOOP;
END
$$;
