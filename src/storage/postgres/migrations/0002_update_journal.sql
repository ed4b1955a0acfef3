-- The updates acknowledged to Telegram and not yet handled, shared by every instance: a row is written
-- before the update is answered 200. `holder` is the run of an instance that handles it and `held_until`
-- its lease, renewed while that run lives; a row whose lease ran out belongs to a run that died, and any
-- instance may take it over. A handled row keeps its id (its doc cleared) for a day, so that the same
-- update delivered again, to any instance, is not handled twice.
CREATE TABLE update_journal (
  update_id bigint PRIMARY KEY,
  -- Whose turn the update waits for (one member in one chat); NULL when it has none.
  member_key text COLLATE "C",
  doc json,
  received_at timestamptz NOT NULL DEFAULT now(),
  holder text NOT NULL,
  held_until timestamptz NOT NULL,
  done_at timestamptz
);

-- A member's unfinished updates, in update_id order.
CREATE INDEX update_journal_member ON update_journal (member_key, update_id) WHERE done_at IS NULL;
-- A run's unfinished updates (its lease is renewed for them), and those whose lease ran out.
CREATE INDEX update_journal_holder ON update_journal (holder) WHERE done_at IS NULL;
CREATE INDEX update_journal_lease ON update_journal (held_until) WHERE done_at IS NULL;
-- Handled rows, removed after a day.
CREATE INDEX update_journal_done ON update_journal (done_at) WHERE done_at IS NOT NULL;
