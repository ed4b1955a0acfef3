-- Every document of every store, one row each. `doc` is json, not jsonb: json keeps the text as written,
-- so a double reads back exactly as JavaScript wrote it (jsonb would turn 1e-300 into 300 digits) and the
-- order of the fields stays; documents are never queried inside.
CREATE TABLE documents (
  store text NOT NULL,
  key text COLLATE "C" NOT NULL,
  doc json NOT NULL,
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (store, key)
);
