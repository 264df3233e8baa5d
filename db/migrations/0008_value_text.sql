-- plancon database, version 8: the change log writes an indicator's value
-- the way plancon shows it everywhere (3200, 65.5, 63.05), not the way
-- SQLite turns a REAL into text (3200.0). printf('%.15g') is the SQL twin
-- of model_value_format: up to 15 significant digits, no trailing zeros.
-- The triggers are version 7's (who, and the actor beside) with that one
-- change. Rows already in the log keep the text they were written with:
-- the log is append-only.

DROP TRIGGER indicator_actuals_audit_insert;
CREATE TRIGGER indicator_actuals_audit_insert AFTER INSERT ON indicator_actuals WHEN NEW.note IS NOT NULL
BEGIN
	INSERT INTO changes (who, actor, kind, item, field, old, new, note)
	SELECT ifnull(NEW.recorded_by, '?'), nullif(NEW.actor, NEW.recorded_by), 'indicator', i.name,
	       'actual ' || NEW.year, NULL, printf('%.15g', NEW.value), NEW.note
	FROM indicators i WHERE i.id = NEW.indicator_id;
END;

DROP TRIGGER indicator_actuals_audit_update;
CREATE TRIGGER indicator_actuals_audit_update AFTER UPDATE OF value ON indicator_actuals
WHEN NEW.value IS NOT OLD.value
BEGIN
	INSERT INTO changes (who, actor, kind, item, field, old, new, note)
	SELECT ifnull(NEW.recorded_by, '?'), nullif(NEW.actor, NEW.recorded_by), 'indicator', i.name,
	       'actual ' || NEW.year, printf('%.15g', OLD.value), printf('%.15g', NEW.value), ifnull(NEW.note, '')
	FROM indicators i WHERE i.id = NEW.indicator_id;
END;
