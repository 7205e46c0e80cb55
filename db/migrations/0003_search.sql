-- Full-text search (FTS5) over chat titles, comparison titles and message content + reasoning.
-- External-content tables: the text lives once, in its own table; the index is kept in sync by triggers.
-- A message is indexed only once it is no longer 'streaming': a streaming answer's text is rewritten by every
-- flush, and indexing each flush would rewrite index pages too (WAL bytes per answer). Deletes remove exactly
-- what was indexed, with the old values. Comparison columns (comparison_id set) are found through their
-- messages; their titles are the comparison's, indexed once from `comparisons`.
CREATE VIRTUAL TABLE `messages_fts` USING fts5(
	content, reasoning,
	content='messages', content_rowid='rowid',
	tokenize='unicode61 remove_diacritics 2'
);
--> statement-breakpoint
CREATE TRIGGER `messages_fts_insert` AFTER INSERT ON `messages` WHEN new.status <> 'streaming' BEGIN
	INSERT INTO messages_fts (rowid, content, reasoning) VALUES (new.rowid, new.content, new.reasoning);
END;
--> statement-breakpoint
CREATE TRIGGER `messages_fts_delete` AFTER DELETE ON `messages` WHEN old.status <> 'streaming' BEGIN
	INSERT INTO messages_fts (messages_fts, rowid, content, reasoning)
		VALUES ('delete', old.rowid, old.content, old.reasoning);
END;
--> statement-breakpoint
CREATE TRIGGER `messages_fts_update` AFTER UPDATE OF content, reasoning, status ON `messages`
WHEN (old.status = 'streaming') <> (new.status = 'streaming')
	OR (new.status <> 'streaming' AND (old.content IS NOT new.content OR old.reasoning IS NOT new.reasoning))
BEGIN
	INSERT INTO messages_fts (messages_fts, rowid, content, reasoning)
		SELECT 'delete', old.rowid, old.content, old.reasoning WHERE old.status <> 'streaming';
	INSERT INTO messages_fts (rowid, content, reasoning)
		SELECT new.rowid, new.content, new.reasoning WHERE new.status <> 'streaming';
END;
--> statement-breakpoint
INSERT INTO messages_fts (rowid, content, reasoning)
	SELECT rowid, content, reasoning FROM messages WHERE status <> 'streaming';
--> statement-breakpoint
CREATE VIRTUAL TABLE `conversations_fts` USING fts5(
	title,
	content='conversations', content_rowid='rowid',
	tokenize='unicode61 remove_diacritics 2'
);
--> statement-breakpoint
CREATE TRIGGER `conversations_fts_insert` AFTER INSERT ON `conversations` WHEN new.comparison_id IS NULL BEGIN
	INSERT INTO conversations_fts (rowid, title) VALUES (new.rowid, new.title);
END;
--> statement-breakpoint
CREATE TRIGGER `conversations_fts_delete` AFTER DELETE ON `conversations` WHEN old.comparison_id IS NULL BEGIN
	INSERT INTO conversations_fts (conversations_fts, rowid, title) VALUES ('delete', old.rowid, old.title);
END;
--> statement-breakpoint
CREATE TRIGGER `conversations_fts_update` AFTER UPDATE OF title, comparison_id ON `conversations`
WHEN old.title IS NOT new.title OR old.comparison_id IS NOT new.comparison_id
BEGIN
	INSERT INTO conversations_fts (conversations_fts, rowid, title)
		SELECT 'delete', old.rowid, old.title WHERE old.comparison_id IS NULL;
	INSERT INTO conversations_fts (rowid, title) SELECT new.rowid, new.title WHERE new.comparison_id IS NULL;
END;
--> statement-breakpoint
INSERT INTO conversations_fts (rowid, title) SELECT rowid, title FROM conversations WHERE comparison_id IS NULL;
--> statement-breakpoint
CREATE VIRTUAL TABLE `comparisons_fts` USING fts5(
	title,
	content='comparisons', content_rowid='rowid',
	tokenize='unicode61 remove_diacritics 2'
);
--> statement-breakpoint
CREATE TRIGGER `comparisons_fts_insert` AFTER INSERT ON `comparisons` BEGIN
	INSERT INTO comparisons_fts (rowid, title) VALUES (new.rowid, new.title);
END;
--> statement-breakpoint
CREATE TRIGGER `comparisons_fts_delete` AFTER DELETE ON `comparisons` BEGIN
	INSERT INTO comparisons_fts (comparisons_fts, rowid, title) VALUES ('delete', old.rowid, old.title);
END;
--> statement-breakpoint
CREATE TRIGGER `comparisons_fts_update` AFTER UPDATE OF title ON `comparisons` WHEN old.title IS NOT new.title
BEGIN
	INSERT INTO comparisons_fts (comparisons_fts, rowid, title) VALUES ('delete', old.rowid, old.title);
	INSERT INTO comparisons_fts (rowid, title) VALUES (new.rowid, new.title);
END;
--> statement-breakpoint
INSERT INTO comparisons_fts (rowid, title) SELECT rowid, title FROM comparisons;
