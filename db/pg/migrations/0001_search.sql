-- Full-text search: what db/migrations/0003_search.sql (FTS5) gives SQLite, as generated tsvector columns with
-- GIN indexes. The columns are not declared in db/pg/schema.ts, so selecting a row never reads them.
-- The configuration: 'simple' (every word kept, lower-cased, no stemming) with accents removed first, as
-- SQLite's unicode61 remove_diacritics 2 — "cafe" finds "Café", and ts_headline marks it.
-- `unaccent` is a trusted extension: the database owner may create it without being a superuser.
CREATE EXTENSION IF NOT EXISTS unaccent;
--> statement-breakpoint
CREATE TEXT SEARCH CONFIGURATION playground_search (COPY = pg_catalog.simple);
--> statement-breakpoint
ALTER TEXT SEARCH CONFIGURATION playground_search
	ALTER MAPPING FOR word, hword, hword_part WITH unaccent, simple;
--> statement-breakpoint
-- A tsvector holds at most 1 MB. Ordinary prose stays far below that, but model output is untrusted: an
-- answer of a million distinct tokens must still be stored, so the text indexed is halved until it fits
-- (only such an answer loses matches in its tail). content is weighted A, reasoning B.
-- search_path is pinned: a restore (pg_dump sets an empty search_path) must still find the configuration.
CREATE FUNCTION playground_message_vector(content text, reasoning text) RETURNS tsvector
	LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE SET search_path FROM CURRENT AS $$
DECLARE
	n integer := greatest(length(content), length(reasoning), 1);
BEGIN
	LOOP
		BEGIN
			RETURN setweight(to_tsvector('playground_search', left(coalesce(content, ''), n)), 'A')
				|| setweight(to_tsvector('playground_search', left(coalesce(reasoning, ''), n)), 'B');
		EXCEPTION WHEN program_limit_exceeded THEN
			n := n / 2;
		END;
	END LOOP;
END
$$;
--> statement-breakpoint
-- NULL while streaming: a streaming answer is rewritten by every flush, and indexing each flush would rewrite
-- the index too. The final write (or the interrupted sweep) indexes it once.
ALTER TABLE "messages" ADD COLUMN "search_vector" tsvector GENERATED ALWAYS AS (
	CASE WHEN status = 'streaming' THEN NULL ELSE playground_message_vector(content, reasoning) END
) STORED;
--> statement-breakpoint
CREATE INDEX "messages_search" ON "messages" USING gin ("search_vector");
--> statement-breakpoint
-- A comparison's column is found through its messages; its title is the comparison's, indexed there.
ALTER TABLE "conversations" ADD COLUMN "search_vector" tsvector GENERATED ALWAYS AS (
	CASE WHEN comparison_id IS NULL THEN to_tsvector('playground_search', title) END
) STORED;
--> statement-breakpoint
CREATE INDEX "conversations_search" ON "conversations" USING gin ("search_vector");
--> statement-breakpoint
ALTER TABLE "comparisons" ADD COLUMN "search_vector" tsvector GENERATED ALWAYS AS (
	to_tsvector('playground_search', title)
) STORED;
--> statement-breakpoint
CREATE INDEX "comparisons_search" ON "comparisons" USING gin ("search_vector");
