-- The schema of perfdesk file version 1 (before indicator_extra), frozen for the
-- migration test. Never edit: files of this version exist on clerks' disks.
CREATE TABLE form (id TEXT PRIMARY KEY, position INTEGER NOT NULL, kind TEXT NOT NULL, year INTEGER,
  department TEXT NOT NULL, framework TEXT NOT NULL, filler_unit TEXT NOT NULL, unit_head TEXT NOT NULL,
  finance_head TEXT NOT NULL, preparer TEXT NOT NULL, phone TEXT NOT NULL, fill_date TEXT NOT NULL);
CREATE TABLE task (id TEXT PRIMARY KEY, form_id TEXT NOT NULL REFERENCES form(id) ON DELETE CASCADE,
  position INTEGER NOT NULL, name TEXT NOT NULL, content TEXT NOT NULL, total TEXT, fiscal TEXT, other TEXT);
CREATE TABLE goal (id TEXT PRIMARY KEY, form_id TEXT NOT NULL REFERENCES form(id) ON DELETE CASCADE,
  position INTEGER NOT NULL, text TEXT NOT NULL);
CREATE TABLE level1 (id TEXT PRIMARY KEY, form_id TEXT NOT NULL REFERENCES form(id) ON DELETE CASCADE,
  position INTEGER NOT NULL, name TEXT NOT NULL);
CREATE TABLE level2 (id TEXT PRIMARY KEY, level1_id TEXT NOT NULL REFERENCES level1(id) ON DELETE CASCADE,
  position INTEGER NOT NULL, name TEXT NOT NULL);
CREATE TABLE indicator (id TEXT PRIMARY KEY, level2_id TEXT NOT NULL REFERENCES level2(id) ON DELETE CASCADE,
  position INTEGER NOT NULL, name TEXT NOT NULL, value TEXT NOT NULL);
CREATE TABLE info (key TEXT PRIMARY KEY, value TEXT NOT NULL);
INSERT INTO info VALUES ('written_by', 'perfdesk 0.0.1');
INSERT INTO form VALUES ('f1', 0, 'department_overall', 2021, '旧版单位', '2015', '', '张三', '', '', '', '');
INSERT INTO task VALUES ('t1', 'f1', 0, '人员保障', '工资', '99999999.999999', '99999999.999999', '0.00');
INSERT INTO goal VALUES ('g1', 'f1', 0, '保障运转');
INSERT INTO level1 VALUES ('a', 'f1', 0, '产出指标');
INSERT INTO level2 VALUES ('b', 'a', 0, '数量指标');
INSERT INTO indicator VALUES ('c', 'b', 0, '保障人数', '>=10人');
PRAGMA application_id = 1346663275;
PRAGMA user_version = 1;
