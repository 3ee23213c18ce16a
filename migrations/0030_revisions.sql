-- 0030: the document's revision. Every change to a row a user edits (workloads, sites, catalog
-- options and models, scenario settings) and every stored plan appends one row to `changes`,
-- by trigger, whichever program writes: the revision is the last row's number. A write based
-- on an older revision is refused when its rows changed since (electron/backend/repo/changes.ts);
-- `before` keeps the row as it was, so the refusal can name what changed.
CREATE TABLE changes (
  revision   INTEGER PRIMARY KEY AUTOINCREMENT,
  kind       TEXT NOT NULL CHECK (kind IN ('workload', 'site', 'option', 'model', 'scenario', 'active', 'plan')),
  key        TEXT NOT NULL,
  op         TEXT NOT NULL CHECK (op IN ('insert', 'update', 'delete')),
  renamed_to TEXT,
  before     TEXT CHECK (before IS NULL OR json_valid(before)),
  at         TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
) STRICT;
CREATE INDEX changes_key ON changes (kind, key);

-- Only the recent history is needed (a window that read before it was pruned is told to reload).
CREATE TRIGGER changes_pruned AFTER INSERT ON changes WHEN new.revision % 1000 = 0 BEGIN
  DELETE FROM changes WHERE revision <= new.revision - 10000;
END;

CREATE TRIGGER workloads_logged_insert AFTER INSERT ON workloads BEGIN
  INSERT INTO changes (kind, key, op) VALUES ('workload', new.name, 'insert');
END;
CREATE TRIGGER workloads_logged_update AFTER UPDATE ON workloads BEGIN
  INSERT INTO changes (kind, key, op, renamed_to, before)
    VALUES ('workload', old.name, 'update', CASE WHEN new.name IS NOT old.name THEN new.name END, json_object('name', old.name, 'model', old.model, 'avg_output_tps', old.avg_output_tps, 'peak_to_avg', old.peak_to_avg, 'input_per_output', old.input_per_output, 'response_tokens', old.response_tokens, 'max_latency_ms', old.max_latency_ms, 'monthly_growth_pct', old.monthly_growth_pct, 'placement', old.placement, 'tiers', old.tiers, 'endpoints', old.endpoints));
END;
CREATE TRIGGER workloads_logged_delete AFTER DELETE ON workloads BEGIN
  INSERT INTO changes (kind, key, op, before) VALUES ('workload', old.name, 'delete', json_object('name', old.name, 'model', old.model, 'avg_output_tps', old.avg_output_tps, 'peak_to_avg', old.peak_to_avg, 'input_per_output', old.input_per_output, 'response_tokens', old.response_tokens, 'max_latency_ms', old.max_latency_ms, 'monthly_growth_pct', old.monthly_growth_pct, 'placement', old.placement, 'tiers', old.tiers, 'endpoints', old.endpoints));
END;

CREATE TRIGGER sites_logged_insert AFTER INSERT ON sites BEGIN
  INSERT INTO changes (kind, key, op) VALUES ('site', new.name, 'insert');
END;
CREATE TRIGGER sites_logged_update AFTER UPDATE ON sites BEGIN
  INSERT INTO changes (kind, key, op, renamed_to, before)
    VALUES ('site', old.name, 'update', CASE WHEN new.name IS NOT old.name THEN new.name END, json_object('name', old.name, 'it_power_kw', old.it_power_kw, 'racks', old.racks, 'rack_units', old.rack_units, 'rack_kw', old.rack_kw, 'liquid_cooling', old.liquid_cooling, 'pue', old.pue, 'usd_per_kwh', old.usd_per_kwh, 'usd_per_rack_month', old.usd_per_rack_month));
END;
CREATE TRIGGER sites_logged_delete AFTER DELETE ON sites BEGIN
  INSERT INTO changes (kind, key, op, before) VALUES ('site', old.name, 'delete', json_object('name', old.name, 'it_power_kw', old.it_power_kw, 'racks', old.racks, 'rack_units', old.rack_units, 'rack_kw', old.rack_kw, 'liquid_cooling', old.liquid_cooling, 'pue', old.pue, 'usd_per_kwh', old.usd_per_kwh, 'usd_per_rack_month', old.usd_per_rack_month));
END;

CREATE TRIGGER options_logged_insert AFTER INSERT ON options BEGIN
  INSERT INTO changes (kind, key, op) VALUES ('option', new.id, 'insert');
END;
CREATE TRIGGER options_logged_update AFTER UPDATE ON options BEGIN
  INSERT INTO changes (kind, key, op, renamed_to, before)
    VALUES ('option', old.id, 'update', CASE WHEN new.id IS NOT old.id THEN new.id END, NULL);
END;
CREATE TRIGGER options_logged_delete AFTER DELETE ON options BEGIN
  INSERT INTO changes (kind, key, op, before) VALUES ('option', old.id, 'delete', NULL);
END;

CREATE TRIGGER models_logged_insert AFTER INSERT ON models BEGIN
  INSERT INTO changes (kind, key, op) VALUES ('model', new.id, 'insert');
END;
CREATE TRIGGER models_logged_update AFTER UPDATE ON models BEGIN
  INSERT INTO changes (kind, key, op, renamed_to, before)
    VALUES ('model', old.id, 'update', CASE WHEN new.id IS NOT old.id THEN new.id END, json_object('id', old.id, 'params_b', old.params_b, 'active_params_b', old.active_params_b));
END;
CREATE TRIGGER models_logged_delete AFTER DELETE ON models BEGIN
  INSERT INTO changes (kind, key, op, before) VALUES ('model', old.id, 'delete', json_object('id', old.id, 'params_b', old.params_b, 'active_params_b', old.active_params_b));
END;

-- Scenarios: a settings change or rename is a change of the scenario; switching the active one
-- is its own kind (it changes what every view shows, not what a scenario holds).
CREATE TRIGGER scenarios_logged_insert AFTER INSERT ON scenarios BEGIN
  INSERT INTO changes (kind, key, op) VALUES ('scenario', new.name, 'insert');
END;
CREATE TRIGGER scenarios_logged_update AFTER UPDATE OF name, settings ON scenarios
  WHEN new.name IS NOT old.name OR new.settings IS NOT old.settings BEGIN
  INSERT INTO changes (kind, key, op, renamed_to, before)
    VALUES ('scenario', old.name, 'update', CASE WHEN new.name IS NOT old.name THEN new.name END, old.settings);
END;
CREATE TRIGGER scenarios_logged_delete AFTER DELETE ON scenarios BEGIN
  INSERT INTO changes (kind, key, op, before) VALUES ('scenario', old.name, 'delete', old.settings);
END;
CREATE TRIGGER scenarios_logged_active AFTER UPDATE OF active ON scenarios WHEN new.active = 1 AND old.active = 0 BEGIN
  INSERT INTO changes (kind, key, op) VALUES ('active', new.name, 'update');
END;

CREATE TRIGGER plans_logged_insert AFTER INSERT ON plans BEGIN
  INSERT INTO changes (kind, key, op) VALUES ('plan', coalesce((SELECT name FROM scenarios WHERE id = new.scenario_id), ''), 'insert');
END;
