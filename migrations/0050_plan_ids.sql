-- 0050: a plan id is never reused. plans.id was INTEGER PRIMARY KEY without AUTOINCREMENT (0010):
-- once the scenario holding the newest plan was deleted, the next plan stored took that plan's
-- id, and state keyed by plan id (the TCO view's figures for "the same plan", the plan Results
-- shows, a report of a picked plan) took the new plan for the deleted one. The table is rebuilt
-- with AUTOINCREMENT: SQLite then issues ids above the highest ever issued, to every program that
-- writes, and the id an insert reports (last_insert_rowid) is the row's. (0040's trigger, which
-- moves a row after its insert, would make that report the id before the move.) Nothing refers
-- to plans, so dropping the old table takes no row with it. Ids issued and deleted before this
-- migration are not known: the count starts at the largest left (a document is migrated when it
-- is opened, before anything holds one of its ids).
ALTER TABLE plans RENAME TO plans_0040;

CREATE TABLE plans (
  id            INTEGER PRIMARY KEY AUTOINCREMENT,
  scenario_id   INTEGER NOT NULL REFERENCES scenarios (id) ON DELETE CASCADE,
  solved_at     TEXT NOT NULL,
  input_hash    TEXT NOT NULL CHECK (length(input_hash) = 64),
  status        TEXT NOT NULL CHECK (status IN ('optimal', 'time_limit', 'no_plan', 'infeasible')),
  input         TEXT CHECK (input IS NULL OR json_valid(input)),
  result        TEXT NOT NULL CHECK (json_valid(result)),
  result_format INTEGER NOT NULL DEFAULT 2 CHECK (result_format IN (1, 2))
) STRICT;

-- copied under their own ids (no change logged: the old table's trigger goes with it, unfired)
INSERT INTO plans (id, scenario_id, solved_at, input_hash, status, input, result, result_format)
  SELECT id, scenario_id, solved_at, input_hash, status, input, result, result_format FROM plans_0040;

DROP TABLE plans_0040;

CREATE INDEX plans_scenario ON plans (scenario_id, id);

CREATE TRIGGER plans_logged_insert AFTER INSERT ON plans BEGIN
  INSERT INTO changes (kind, key, op) VALUES ('plan', coalesce((SELECT name FROM scenarios WHERE id = new.scenario_id), ''), 'insert');
END;
