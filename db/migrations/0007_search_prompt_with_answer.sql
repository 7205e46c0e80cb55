-- A turn's prompt is indexed with its answer, at the answer's end, instead of in the turn's first transaction:
-- FTS5 writes a segment (and its structure record, and the incremental merges it triggers) per transaction, so one
-- transaction instead of two writes about a third fewer WAL pages per turn (README, Data and durability). The
-- turn inserts its streaming answer before the prompt (db/queries/turn.ts appendTurn); a message inserted while
-- an answer to it streams waits for that answer to end (complete, stopped, failed or marked interrupted).
-- Whether a row is indexed is read from the index itself (its docsize row), so a delete or a rewrite removes
-- exactly what was indexed, whichever rule indexed it and whether it was indexed before this migration.
DROP TRIGGER `messages_fts_insert`;
--> statement-breakpoint
CREATE TRIGGER `messages_fts_insert` AFTER INSERT ON `messages`
WHEN new.status <> 'streaming' AND NOT EXISTS (
	SELECT 1 FROM messages a WHERE a.conversation_id = new.conversation_id AND a.parent_id = new.id AND a.status = 'streaming'
)
BEGIN
	INSERT INTO messages_fts (rowid, content, reasoning) VALUES (new.rowid, new.content, new.reasoning);
END;
--> statement-breakpoint
DROP TRIGGER `messages_fts_delete`;
--> statement-breakpoint
CREATE TRIGGER `messages_fts_delete` AFTER DELETE ON `messages`
WHEN EXISTS (SELECT 1 FROM messages_fts_docsize WHERE id = old.rowid)
BEGIN
	INSERT INTO messages_fts (messages_fts, rowid, content, reasoning)
		VALUES ('delete', old.rowid, old.content, old.reasoning);
END;
--> statement-breakpoint
DROP TRIGGER `messages_fts_update`;
--> statement-breakpoint
CREATE TRIGGER `messages_fts_update` AFTER UPDATE OF content, reasoning, status ON `messages`
WHEN (old.status = 'streaming') <> (new.status = 'streaming')
	OR (new.status <> 'streaming' AND (old.content IS NOT new.content OR old.reasoning IS NOT new.reasoning))
BEGIN
	INSERT INTO messages_fts (messages_fts, rowid, content, reasoning)
		SELECT 'delete', old.rowid, old.content, old.reasoning
		WHERE EXISTS (SELECT 1 FROM messages_fts_docsize WHERE id = old.rowid);
	INSERT INTO messages_fts (rowid, content, reasoning)
		SELECT new.rowid, new.content, new.reasoning
		WHERE new.status <> 'streaming' AND NOT EXISTS (
			SELECT 1 FROM messages a
			WHERE a.conversation_id = new.conversation_id AND a.parent_id = new.id AND a.status = 'streaming'
		);
	-- An answer that ends brings the prompt that waited for it into the same FTS5 transaction.
	INSERT INTO messages_fts (rowid, content, reasoning)
		SELECT p.rowid, p.content, p.reasoning FROM messages p
		WHERE old.status = 'streaming' AND new.status <> 'streaming'
			AND p.conversation_id = new.conversation_id AND p.id = new.parent_id AND p.status <> 'streaming'
			AND NOT EXISTS (SELECT 1 FROM messages_fts_docsize WHERE id = p.rowid);
END;
