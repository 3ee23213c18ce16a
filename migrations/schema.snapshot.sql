PRAGMA user_version = 50;

CREATE INDEX changes_key ON changes (kind, key);

CREATE INDEX operating_points_model ON operating_points (model_id);

CREATE INDEX operating_points_option ON operating_points (option_id, seq);

CREATE INDEX plans_scenario ON plans (scenario_id, id);

CREATE UNIQUE INDEX scenarios_one_active ON scenarios (active) WHERE active = 1;

CREATE TABLE changes (
  revision   INTEGER PRIMARY KEY AUTOINCREMENT,
  kind       TEXT NOT NULL CHECK (kind IN ('workload', 'site', 'option', 'model', 'scenario', 'active', 'plan')),
  key        TEXT NOT NULL,
  op         TEXT NOT NULL CHECK (op IN ('insert', 'update', 'delete')),
  renamed_to TEXT,
  before     TEXT CHECK (before IS NULL OR json_valid(before)),
  at         TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
) STRICT;

CREATE TABLE field_sources (
  option_id TEXT NOT NULL REFERENCES options (id) ON DELETE CASCADE ON UPDATE CASCADE,
  field     TEXT NOT NULL,
  source    TEXT NOT NULL,
  as_of     TEXT NOT NULL,
  estimate  INTEGER NOT NULL DEFAULT 0 CHECK (estimate IN (0, 1)),
  note      TEXT,
  PRIMARY KEY (option_id, field)
) STRICT;

CREATE TABLE meta (
  key   TEXT PRIMARY KEY,
  value TEXT NOT NULL
) STRICT;

CREATE TABLE models (
  id              TEXT PRIMARY KEY CHECK (length(trim(id)) > 0),
  params_b        REAL NOT NULL CHECK (params_b > 0),
  active_params_b REAL NOT NULL CHECK (active_params_b > 0)
) STRICT;

CREATE TABLE operating_points (
  id        INTEGER PRIMARY KEY,
  option_id TEXT NOT NULL REFERENCES options (id) ON DELETE CASCADE ON UPDATE CASCADE,
  model_id  TEXT NOT NULL,
  seq       INTEGER NOT NULL,
  user_tps  REAL NOT NULL CHECK (user_tps > 0),
  unit_tps  REAL CHECK (unit_tps IS NULL OR unit_tps > 0),
  ttft_ms   REAL NOT NULL CHECK (ttft_ms >= 0)
) STRICT;

CREATE TABLE option_models (
  option_id         TEXT NOT NULL REFERENCES options (id) ON DELETE CASCADE ON UPDATE CASCADE,
  model_id          TEXT NOT NULL,
  units_per_replica INTEGER NOT NULL DEFAULT 1 CHECK (units_per_replica >= 1),
  PRIMARY KEY (option_id, model_id)
) STRICT;

CREATE TABLE options (
  id             TEXT PRIMARY KEY CHECK (length(trim(id)) > 0),
  name           TEXT NOT NULL,
  vendor         TEXT NOT NULL,
  tier           TEXT NOT NULL CHECK (tier IN ('premium', 'commodity', 'edge')),
  kind           TEXT NOT NULL CHECK (kind IN ('system', 'cloud_instance', 'cloud_api', 'edge_device')),
  source         TEXT NOT NULL,
  as_of          TEXT NOT NULL,
  available_from TEXT CHECK (available_from IS NULL OR available_from GLOB '[0-9][0-9][0-9][0-9]-[01][0-9]'),
  notes          TEXT,
  -- system (and edge_device: price_usd, typical_power_kw, lifetime_months)
  rack_units           REAL CHECK (rack_units IS NULL OR rack_units > 0),
  max_power_kw         REAL CHECK (max_power_kw IS NULL OR max_power_kw >= 0),
  typical_power_kw     REAL CHECK (typical_power_kw IS NULL OR typical_power_kw >= 0),
  cooling              TEXT CHECK (cooling IS NULL OR cooling IN ('air', 'liquid')),
  price_usd            REAL CHECK (price_usd IS NULL OR price_usd >= 0),
  support_pct_per_year REAL CHECK (support_pct_per_year IS NULL OR support_pct_per_year >= 0),
  lifetime_months      REAL CHECK (lifetime_months IS NULL OR lifetime_months > 0),
  -- cloud_instance
  usd_per_hour     REAL CHECK (usd_per_hour IS NULL OR usd_per_hour >= 0),
  -- cloud_api
  usd_per_m_input  REAL CHECK (usd_per_m_input IS NULL OR usd_per_m_input >= 0),
  usd_per_m_output REAL CHECK (usd_per_m_output IS NULL OR usd_per_m_output >= 0),
  -- edge_device: id of a cloud_api (not a foreign key: a catalog may be imported in any order)
  inference_via    TEXT, racks_per_unit INTEGER CHECK (racks_per_unit IS NULL OR racks_per_unit >= 1),
  CHECK (kind <> 'system' OR (rack_units IS NOT NULL AND max_power_kw IS NOT NULL AND typical_power_kw IS NOT NULL
         AND cooling IS NOT NULL AND price_usd IS NOT NULL AND support_pct_per_year IS NOT NULL
         AND lifetime_months IS NOT NULL)),
  CHECK (kind <> 'cloud_instance' OR usd_per_hour IS NOT NULL),
  CHECK (kind <> 'cloud_api' OR (usd_per_m_input IS NOT NULL AND usd_per_m_output IS NOT NULL)),
  CHECK (kind <> 'edge_device' OR (price_usd IS NOT NULL AND typical_power_kw IS NOT NULL AND lifetime_months IS NOT NULL)),
  CHECK (kind = 'edge_device' OR inference_via IS NULL)
) STRICT;

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

CREATE TABLE scenarios (
  id         INTEGER PRIMARY KEY,
  name       TEXT NOT NULL UNIQUE CHECK (length(trim(name)) > 0),
  settings   TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(settings)),
  active     INTEGER NOT NULL DEFAULT 0 CHECK (active IN (0, 1)),
  created_at TEXT NOT NULL
) STRICT;

CREATE TABLE sites (
  id                 INTEGER PRIMARY KEY,
  name               TEXT NOT NULL UNIQUE CHECK (length(trim(name)) > 0),
  it_power_kw        REAL NOT NULL CHECK (it_power_kw >= 0),
  racks              INTEGER NOT NULL CHECK (racks >= 0),
  rack_units         REAL NOT NULL DEFAULT 42 CHECK (rack_units > 0),
  rack_kw            REAL NOT NULL DEFAULT 15 CHECK (rack_kw > 0),
  liquid_cooling     INTEGER NOT NULL DEFAULT 0 CHECK (liquid_cooling IN (0, 1)),
  pue                REAL NOT NULL DEFAULT 1.4 CHECK (pue >= 1),
  usd_per_kwh        REAL NOT NULL DEFAULT 0.1 CHECK (usd_per_kwh >= 0),
  usd_per_rack_month REAL NOT NULL DEFAULT 0 CHECK (usd_per_rack_month >= 0)
) STRICT;

CREATE TABLE workloads (
  id                 INTEGER PRIMARY KEY,
  name               TEXT NOT NULL UNIQUE CHECK (length(trim(name)) > 0),
  model              TEXT NOT NULL,
  avg_output_tps     REAL NOT NULL CHECK (avg_output_tps > 0),
  peak_to_avg        REAL NOT NULL DEFAULT 1.5 CHECK (peak_to_avg >= 1),
  input_per_output   REAL NOT NULL DEFAULT 3 CHECK (input_per_output >= 0),
  response_tokens    REAL NOT NULL DEFAULT 250 CHECK (response_tokens > 0),
  max_latency_ms     REAL CHECK (max_latency_ms IS NULL OR max_latency_ms > 0),
  monthly_growth_pct REAL NOT NULL DEFAULT 0 CHECK (monthly_growth_pct > -100),
  placement          TEXT NOT NULL DEFAULT 'any' CHECK (placement IN ('any', 'onprem', 'cloud', 'edge')),
  tiers              TEXT NOT NULL DEFAULT 'premium;commodity;edge' CHECK (tiers IN (
                       'premium', 'commodity', 'edge', 'premium;commodity', 'premium;edge',
                       'commodity;edge', 'premium;commodity;edge')),
  endpoints          INTEGER NOT NULL DEFAULT 0 CHECK (endpoints >= 0)
) STRICT;

CREATE TRIGGER changes_pruned AFTER INSERT ON changes WHEN new.revision % 1000 = 0 BEGIN
  DELETE FROM changes WHERE revision <= new.revision - 10000;
END;

CREATE TRIGGER models_logged_delete AFTER DELETE ON models BEGIN
  INSERT INTO changes (kind, key, op, before) VALUES ('model', old.id, 'delete', json_object('id', old.id, 'params_b', old.params_b, 'active_params_b', old.active_params_b));
END;

CREATE TRIGGER models_logged_insert AFTER INSERT ON models BEGIN
  INSERT INTO changes (kind, key, op) VALUES ('model', new.id, 'insert');
END;

CREATE TRIGGER models_logged_update AFTER UPDATE ON models BEGIN
  INSERT INTO changes (kind, key, op, renamed_to, before)
    VALUES ('model', old.id, 'update', CASE WHEN new.id IS NOT old.id THEN new.id END, json_object('id', old.id, 'params_b', old.params_b, 'active_params_b', old.active_params_b));
END;

CREATE TRIGGER options_logged_delete AFTER DELETE ON options BEGIN
  INSERT INTO changes (kind, key, op, before) VALUES ('option', old.id, 'delete', NULL);
END;

CREATE TRIGGER options_logged_insert AFTER INSERT ON options BEGIN
  INSERT INTO changes (kind, key, op) VALUES ('option', new.id, 'insert');
END;

CREATE TRIGGER options_logged_update AFTER UPDATE ON options BEGIN
  INSERT INTO changes (kind, key, op, renamed_to, before)
    VALUES ('option', old.id, 'update', CASE WHEN new.id IS NOT old.id THEN new.id END, NULL);
END;

CREATE TRIGGER plans_logged_insert AFTER INSERT ON plans BEGIN
  INSERT INTO changes (kind, key, op) VALUES ('plan', coalesce((SELECT name FROM scenarios WHERE id = new.scenario_id), ''), 'insert');
END;

CREATE TRIGGER scenarios_id_never_reused AFTER INSERT ON scenarios BEGIN
  UPDATE scenarios SET id = (SELECT CAST(value AS INTEGER) + 1 FROM meta WHERE key = 'scenario_last_id')
    WHERE id = new.id AND new.id <= (SELECT CAST(value AS INTEGER) FROM meta WHERE key = 'scenario_last_id');
  UPDATE meta SET value = (SELECT CAST(max(id) AS TEXT) FROM scenarios) WHERE key = 'scenario_last_id';
END;

CREATE TRIGGER scenarios_logged_active AFTER UPDATE OF active ON scenarios WHEN new.active = 1 AND old.active = 0 BEGIN
  INSERT INTO changes (kind, key, op) VALUES ('active', new.name, 'update');
END;

CREATE TRIGGER scenarios_logged_delete AFTER DELETE ON scenarios BEGIN
  INSERT INTO changes (kind, key, op, before) VALUES ('scenario', old.name, 'delete', old.settings);
END;

CREATE TRIGGER scenarios_logged_insert AFTER INSERT ON scenarios BEGIN
  INSERT INTO changes (kind, key, op) VALUES ('scenario', new.name, 'insert');
END;

CREATE TRIGGER scenarios_logged_update AFTER UPDATE OF name, settings ON scenarios
  WHEN new.name IS NOT old.name OR new.settings IS NOT old.settings BEGIN
  INSERT INTO changes (kind, key, op, renamed_to, before)
    VALUES ('scenario', old.name, 'update', CASE WHEN new.name IS NOT old.name THEN new.name END, old.settings);
END;

CREATE TRIGGER sites_logged_delete AFTER DELETE ON sites BEGIN
  INSERT INTO changes (kind, key, op, before) VALUES ('site', old.name, 'delete', json_object('name', old.name, 'it_power_kw', old.it_power_kw, 'racks', old.racks, 'rack_units', old.rack_units, 'rack_kw', old.rack_kw, 'liquid_cooling', old.liquid_cooling, 'pue', old.pue, 'usd_per_kwh', old.usd_per_kwh, 'usd_per_rack_month', old.usd_per_rack_month));
END;

CREATE TRIGGER sites_logged_insert AFTER INSERT ON sites BEGIN
  INSERT INTO changes (kind, key, op) VALUES ('site', new.name, 'insert');
END;

CREATE TRIGGER sites_logged_update AFTER UPDATE ON sites BEGIN
  INSERT INTO changes (kind, key, op, renamed_to, before)
    VALUES ('site', old.name, 'update', CASE WHEN new.name IS NOT old.name THEN new.name END, json_object('name', old.name, 'it_power_kw', old.it_power_kw, 'racks', old.racks, 'rack_units', old.rack_units, 'rack_kw', old.rack_kw, 'liquid_cooling', old.liquid_cooling, 'pue', old.pue, 'usd_per_kwh', old.usd_per_kwh, 'usd_per_rack_month', old.usd_per_rack_month));
END;

CREATE TRIGGER workloads_logged_delete AFTER DELETE ON workloads BEGIN
  INSERT INTO changes (kind, key, op, before) VALUES ('workload', old.name, 'delete', json_object('name', old.name, 'model', old.model, 'avg_output_tps', old.avg_output_tps, 'peak_to_avg', old.peak_to_avg, 'input_per_output', old.input_per_output, 'response_tokens', old.response_tokens, 'max_latency_ms', old.max_latency_ms, 'monthly_growth_pct', old.monthly_growth_pct, 'placement', old.placement, 'tiers', old.tiers, 'endpoints', old.endpoints));
END;

CREATE TRIGGER workloads_logged_insert AFTER INSERT ON workloads BEGIN
  INSERT INTO changes (kind, key, op) VALUES ('workload', new.name, 'insert');
END;

CREATE TRIGGER workloads_logged_update AFTER UPDATE ON workloads BEGIN
  INSERT INTO changes (kind, key, op, renamed_to, before)
    VALUES ('workload', old.name, 'update', CASE WHEN new.name IS NOT old.name THEN new.name END, json_object('name', old.name, 'model', old.model, 'avg_output_tps', old.avg_output_tps, 'peak_to_avg', old.peak_to_avg, 'input_per_output', old.input_per_output, 'response_tokens', old.response_tokens, 'max_latency_ms', old.max_latency_ms, 'monthly_growth_pct', old.monthly_growth_pct, 'placement', old.placement, 'tiers', old.tiers, 'endpoints', old.endpoints));
END;
