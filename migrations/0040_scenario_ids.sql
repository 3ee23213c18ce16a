-- 0040: a scenario id is never reused. scenarios.id is INTEGER PRIMARY KEY without AUTOINCREMENT
-- (0010): a new scenario took the id of the last one deleted, and state keyed by id (Compare's
-- pick, the TCO view's binding, a sensitivity run's or a solve's scenario) moved to it. The highest
-- id issued is kept in meta; an insert that took one at or below it is moved above it, by trigger,
-- whichever program writes. (Rebuilding the table with AUTOINCREMENT would drop it under its
-- plans: foreign keys stay on in a migration, and ON DELETE CASCADE would take them with it.)
-- Ids issued and deleted before this migration are not known: the count starts at the largest left.
INSERT OR REPLACE INTO meta (key, value) VALUES ('scenario_last_id', (SELECT CAST(coalesce(max(id), 0) AS TEXT) FROM scenarios));

CREATE TRIGGER scenarios_id_never_reused AFTER INSERT ON scenarios BEGIN
  UPDATE scenarios SET id = (SELECT CAST(value AS INTEGER) + 1 FROM meta WHERE key = 'scenario_last_id')
    WHERE id = new.id AND new.id <= (SELECT CAST(value AS INTEGER) FROM meta WHERE key = 'scenario_last_id');
  UPDATE meta SET value = (SELECT CAST(max(id) AS TEXT) FROM scenarios) WHERE key = 'scenario_last_id';
END;
