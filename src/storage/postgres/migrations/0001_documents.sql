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

-- A perceptron of 1,000 rows x 32 decimals is 600 KB of text: the default pglz compression takes about
-- 60 ms to write it, lz4 about 6. A server built without lz4 keeps pglz.
DO $$
BEGIN
  ALTER TABLE documents ALTER COLUMN doc SET COMPRESSION lz4;
EXCEPTION WHEN OTHERS THEN
  RAISE NOTICE 'lz4 is not available here; documents are compressed with pglz';
END
$$;
