// The first schema. Frozen: a later change is a new migration, never an edit of this one.
import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    -- Reference data -------------------------------------------------------------------------
    CREATE TABLE divisions (
      code        char(6) PRIMARY KEY CHECK (code ~ '^[0-9]{6}$'),
      name        text NOT NULL,
      parent_code char(6) REFERENCES divisions(code),
      level       smallint NOT NULL CHECK (level BETWEEN 1 AND 3)
    );
    CREATE INDEX divisions_parent_idx ON divisions (parent_code);

    CREATE TABLE departments (
      code    text PRIMARY KEY,
      name_zh text NOT NULL,
      name_en text NOT NULL,
      is_lead boolean NOT NULL DEFAULT false
    );

    -- Personal data, kept apart from cases so that nothing else needs to hold it ---------------
    CREATE TABLE persons (
      person_id        uuid PRIMARY KEY,
      id_number        text NOT NULL UNIQUE,
      name             text NOT NULL,
      birth_date       date NOT NULL,
      sex              text NOT NULL CHECK (sex IN ('male', 'female')),
      hukou_type       text NOT NULL CHECK (hukou_type IN ('urban', 'rural', 'pastoral')),
      disability       jsonb,
      serious_illness  boolean NOT NULL DEFAULT false,
      in_full_time_education_until date,
      bank_account     jsonb,
      created_at       timestamptz NOT NULL DEFAULT now(),
      updated_at       timestamptz NOT NULL DEFAULT now()
    );

    -- Case read model: projected from the workflow, never the source of truth for the process --
    CREATE TABLE cases (
      case_id          text PRIMARY KEY,
      person_id        uuid NOT NULL REFERENCES persons(person_id),
      institution_id   text NOT NULL,
      division_code    char(6) NOT NULL REFERENCES divisions(code),
      stage            text NOT NULL,
      pathway          text,
      adulthood_date   date NOT NULL,
      assessment       jsonb,
      recommendation   jsonb,
      proposal         jsonb,
      reviews          jsonb NOT NULL DEFAULT '[]',
      subsidy          jsonb,
      withdrawal       jsonb,
      projection_version integer NOT NULL DEFAULT 0,
      created_at       timestamptz NOT NULL DEFAULT now(),
      updated_at       timestamptz NOT NULL DEFAULT now(),
      closed_at        timestamptz
    );
    -- One open case per person (and so per resident ID number), ever at most one at a time.
    CREATE UNIQUE INDEX cases_one_open_per_person ON cases (person_id)
      WHERE stage NOT IN ('closed', 'withdrawn');
    CREATE INDEX cases_division_idx ON cases (division_code, created_at, case_id);
    CREATE INDEX cases_institution_idx ON cases (institution_id, created_at, case_id);
    CREATE INDEX cases_stage_idx ON cases (stage);

    CREATE TABLE tasks (
      task_id          text PRIMARY KEY,
      case_id          text NOT NULL REFERENCES cases(case_id),
      kind             text NOT NULL,
      assignee_role    text NOT NULL CHECK (assignee_role IN ('institution', 'department', 'civil_affairs', 'finance')),
      department       text REFERENCES departments(code),
      institution_id   text,
      division_code    char(6) NOT NULL REFERENCES divisions(code),
      assignee_sub     text,
      status           text NOT NULL CHECK (status IN ('open', 'done', 'blocked', 'cancelled')),
      due_at           timestamptz NOT NULL,
      due_date_warning text,
      reminded_at      timestamptz,
      escalation_level smallint NOT NULL DEFAULT 0,
      escalated_to     char(6) REFERENCES divisions(code),
      outcome          text,
      note             text,
      block_reason     text,
      details          jsonb NOT NULL DEFAULT '{}',
      completed_by     jsonb,
      completed_at     timestamptz,
      projection_version integer NOT NULL DEFAULT 0,
      created_at       timestamptz NOT NULL DEFAULT now(),
      updated_at       timestamptz NOT NULL DEFAULT now()
    );
    CREATE INDEX tasks_department_inbox ON tasks (department, status, due_at, task_id);
    CREATE INDEX tasks_institution_inbox ON tasks (institution_id, status, due_at, task_id);
    CREATE INDEX tasks_role_inbox ON tasks (assignee_role, status, due_at, task_id);
    CREATE INDEX tasks_case_idx ON tasks (case_id);

    -- Corrections carry personal values, so they wait here and the workflow sees only their id.
    CREATE TABLE case_corrections (
      correction_id    uuid PRIMARY KEY,
      case_id          text NOT NULL REFERENCES cases(case_id),
      changes          jsonb NOT NULL,
      reason           text NOT NULL,
      requested_by     jsonb NOT NULL,
      status           text NOT NULL CHECK (status IN ('pending', 'applied', 'refused')),
      created_at       timestamptz NOT NULL DEFAULT now(),
      applied_at       timestamptz
    );

    -- Policy: every version kept, chosen by effective date ------------------------------------
    CREATE TABLE subsidy_standards (
      standard_id      uuid PRIMARY KEY,
      division_code    char(6) NOT NULL REFERENCES divisions(code),
      amount_fen       bigint NOT NULL CHECK (amount_fen > 0),
      effective_from   date NOT NULL,
      basis            text NOT NULL,
      status           text NOT NULL CHECK (status IN ('proposed', 'effective')),
      proposed_by      jsonb NOT NULL,
      cosigned_by      jsonb,
      cosigned_at      timestamptz,
      created_at       timestamptz NOT NULL DEFAULT now()
    );
    CREATE INDEX subsidy_standards_lookup ON subsidy_standards (division_code, status, effective_from);

    CREATE TABLE policies (
      policy_id        uuid PRIMARY KEY,
      name             text NOT NULL CHECK (name IN ('durations', 'task_plan', 'destitute_criteria')),
      division_code    char(6) NOT NULL REFERENCES divisions(code),
      effective_from   date NOT NULL,
      body             jsonb NOT NULL,
      note             text NOT NULL DEFAULT '',
      created_at       timestamptz NOT NULL DEFAULT now(),
      UNIQUE (name, division_code, effective_from)
    );

    -- The official working-day calendar, extended each year when the State Council publishes it.
    CREATE TABLE calendar_years (
      year             integer PRIMARY KEY,
      source           text NOT NULL,
      loaded_at        timestamptz NOT NULL DEFAULT now()
    );
    CREATE TABLE calendar_days (
      day              date PRIMARY KEY,
      kind             text NOT NULL CHECK (kind IN ('holiday', 'makeup_workday')),
      name             text NOT NULL
    );

    -- Payment ledger: one row per attempt; the key is what the bank deduplicates on ----------
    CREATE TABLE disbursements (
      disbursement_id  uuid PRIMARY KEY,
      case_id          text NOT NULL REFERENCES cases(case_id),
      attempt          integer NOT NULL CHECK (attempt >= 1),
      idempotency_key  text NOT NULL UNIQUE,
      gateway          text NOT NULL CHECK (gateway IN ('manual', 'http')),
      amount_fen       bigint NOT NULL CHECK (amount_fen > 0),
      regional_share_fen bigint NOT NULL CHECK (regional_share_fen >= 0),
      local_share_fen  bigint NOT NULL CHECK (local_share_fen >= 0),
      standard_id      uuid NOT NULL REFERENCES subsidy_standards(standard_id),
      status           text NOT NULL CHECK (status IN ('pending', 'awaiting_confirmation', 'paid', 'rejected')),
      bank_reference   text,
      voucher_no       text,
      failure_reason   text,
      approved_by      jsonb NOT NULL,
      confirmed_by     jsonb,
      created_at       timestamptz NOT NULL DEFAULT now(),
      updated_at       timestamptz NOT NULL DEFAULT now(),
      UNIQUE (case_id, attempt),
      CHECK (regional_share_fen + local_share_fen = amount_fen)
    );
    -- At most one successful payment per case, whatever happens above this table.
    CREATE UNIQUE INDEX disbursements_one_paid_per_case ON disbursements (case_id) WHERE status = 'paid';

    -- Audit chain: append-only, hash-linked per chain (a case, or the subsidy standards) -------
    CREATE TABLE audit_events (
      chain_id         text NOT NULL,
      seq              integer NOT NULL CHECK (seq >= 1),
      event_key        text NOT NULL,
      at               timestamptz NOT NULL,
      actor            jsonb NOT NULL,
      action           text NOT NULL,
      data             jsonb NOT NULL,
      workflow_id      text,
      run_id           text,
      prev_hash        text NOT NULL,
      hash             text NOT NULL,
      PRIMARY KEY (chain_id, seq),
      UNIQUE (chain_id, event_key)
    );
    CREATE INDEX audit_events_at_idx ON audit_events (at);
    CREATE TABLE audit_heads (
      chain_id         text PRIMARY KEY,
      seq              integer NOT NULL,
      hash             text NOT NULL,
      division_code    char(6),
      updated_at       timestamptz NOT NULL DEFAULT now()
    );

    -- API idempotency: the first answer to a key, replayed for the same body ---------------
    CREATE TABLE idempotency_keys (
      principal        text NOT NULL,
      key              text NOT NULL,
      method           text NOT NULL,
      path             text NOT NULL,
      body_hash        text NOT NULL,
      status_code      integer,
      response         jsonb,
      created_at       timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (principal, key)
    );

    -- Reminders and escalations, for a notification service to deliver ----------------------
    CREATE TABLE notifications (
      notification_id  text PRIMARY KEY,
      case_id          text NOT NULL REFERENCES cases(case_id),
      task_id          text REFERENCES tasks(task_id),
      kind             text NOT NULL CHECK (kind IN ('reminder', 'escalation')),
      recipient_role   text NOT NULL,
      recipient_org    text,
      division_code    char(6) NOT NULL REFERENCES divisions(code),
      message          text NOT NULL,
      created_at       timestamptz NOT NULL DEFAULT now()
    );
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    DROP TABLE notifications, idempotency_keys, audit_heads, audit_events, disbursements,
      calendar_days, calendar_years, policies, subsidy_standards, case_corrections, tasks, cases,
      persons, departments, divisions;
  `.execute(db);
}
