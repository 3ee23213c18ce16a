-- 0020: phased procurement (purchase periods, price trends, replicas, rack-scale systems).
-- Documents written before keep their meaning: one purchase at month 0, no price trends.

-- Whole racks one unit of a system occupies (1 for every system so far; NULL for other kinds).
ALTER TABLE options ADD COLUMN racks_per_unit INTEGER CHECK (racks_per_unit IS NULL OR racks_per_unit >= 1);
UPDATE options SET racks_per_unit = 1 WHERE kind = 'system';

-- One row per (option, model) performance entry: the figures that belong to the entry rather
-- than to one operating point. units_per_replica: units that together hold one copy of the model.
CREATE TABLE option_models (
  option_id         TEXT NOT NULL REFERENCES options (id) ON DELETE CASCADE ON UPDATE CASCADE,
  model_id          TEXT NOT NULL,
  units_per_replica INTEGER NOT NULL DEFAULT 1 CHECK (units_per_replica >= 1),
  PRIMARY KEY (option_id, model_id)
) STRICT;
INSERT INTO option_models (option_id, model_id) SELECT DISTINCT option_id, model_id FROM operating_points;

-- Existing scenarios bought everything at month 0: their purchase interval is their horizon.
UPDATE scenarios SET settings = json_set(settings,
    '$.purchase_interval_months', coalesce(json_extract(settings, '$.horizon_months'), 36),
    '$.hardware_price_change_pct_per_year', 0,
    '$.cloud_price_change_pct_per_year', 0)
  WHERE json_type(settings, '$.purchase_interval_months') IS NULL;

-- The inputs stored with a plan say the same of the settings it was solved with.
UPDATE plans SET input = json_set(input,
    '$.settings.purchase_interval_months', coalesce(json_extract(input, '$.settings.horizon_months'), 36),
    '$.settings.hardware_price_change_pct_per_year', 0,
    '$.settings.cloud_price_change_pct_per_year', 0)
  WHERE input IS NOT NULL AND json_type(input, '$.settings') = 'object'
    AND json_type(input, '$.settings.purchase_interval_months') IS NULL;

-- The shape of a stored result: 1 = one purchase at month 0, fractional cloud instances (read
-- through an upgrade to the period shape); 2 = per-period plans. New rows are 2.
ALTER TABLE plans ADD COLUMN result_format INTEGER NOT NULL DEFAULT 2 CHECK (result_format IN (1, 2));
UPDATE plans SET result_format = 1;
