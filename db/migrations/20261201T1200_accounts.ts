// People's accounts and their sign-ins: users, server-side sessions, and recent sign-in failures.
// Frozen: a later change is a new migration, never an edit of this one.
//
// users is shaped for what comes after the password sign-in, so that none of it reshapes the
// table: accounts that sign in only through an identity provider (password_hash NULL, the
// provider's issuer and subject), an administrator's list within a division (division index),
// notification preferences (a JSON document per user), and who created or last changed a row.
// The username charset is the API's rule (api/schemas/auth.ts); the table only refuses what no
// rule would allow (control characters, empty, over-long), so a provider's usernames fit too.
import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE users (
      user_id              uuid PRIMARY KEY,
      username             text NOT NULL CHECK (length(username) BETWEEN 1 AND 254 AND username !~ '[[:cntrl:]]'),
      display_name         text NOT NULL CHECK (length(display_name) BETWEEN 1 AND 100),
      role                 text NOT NULL CHECK (role IN ('institution', 'civil_affairs', 'finance', 'department', 'auditor', 'admin')),
      org                  text NOT NULL CHECK (length(org) BETWEEN 1 AND 100),
      division_code        char(6) NOT NULL REFERENCES divisions(code),
      email                text CHECK (length(email) <= 254),
      disabled             boolean NOT NULL DEFAULT false,
      must_change_password boolean NOT NULL DEFAULT false,
      -- argon2id in PHC string form; NULL: no password, the account signs in through OIDC only.
      password_hash        text,
      password_changed_at  timestamptz,
      oidc_issuer          text,
      oidc_subject         text,
      notification_preferences jsonb NOT NULL DEFAULT '{}',
      last_sign_in_at      timestamptz,
      created_at           timestamptz NOT NULL DEFAULT now(),
      created_by           jsonb NOT NULL,
      updated_at           timestamptz NOT NULL DEFAULT now(),
      updated_by           jsonb NOT NULL,
      CHECK ((oidc_issuer IS NULL) = (oidc_subject IS NULL))
    );
    -- Usernames are unique whatever their case: Admin and admin are one account.
    CREATE UNIQUE INDEX users_username_key ON users (lower(username));
    CREATE UNIQUE INDEX users_oidc_identity ON users (oidc_issuer, oidc_subject) WHERE oidc_issuer IS NOT NULL;
    CREATE INDEX users_division_idx ON users (division_code, user_id);

    -- A session is found by the SHA-256 of the secret in its cookie; the secret itself is never
    -- stored, so a copy of this table signs nobody in. session_id is the public handle that audit
    -- events and administrators name a session by.
    CREATE TABLE sessions (
      session_id     uuid PRIMARY KEY,
      token_hash     text NOT NULL UNIQUE,
      user_id        uuid NOT NULL REFERENCES users(user_id) ON DELETE CASCADE,
      method         text NOT NULL CHECK (method IN ('password', 'oidc')),
      created_at     timestamptz NOT NULL DEFAULT now(),
      last_seen_at   timestamptz NOT NULL DEFAULT now(),
      -- The absolute end, fixed at sign-in; the idle end moves with last_seen_at.
      expires_at     timestamptz NOT NULL,
      address        text
    );
    CREATE INDEX sessions_user_idx ON sessions (user_id);
    CREATE INDEX sessions_expires_idx ON sessions (expires_at);

    -- Failed sign-ins of the last minutes, per username as typed (known or not), so that every
    -- API instance counts the same failures. The key is a SHA-256 of the lower-cased username, so
    -- that a password typed into the username field is not kept in clear; rows older than the
    -- lockout window are purged as new ones arrive.
    CREATE TABLE sign_in_failures (
      username_key   text NOT NULL,
      failed_at      timestamptz NOT NULL DEFAULT clock_timestamp(),
      address        text
    );
    CREATE INDEX sign_in_failures_key_idx ON sign_in_failures (username_key, failed_at);
    CREATE INDEX sign_in_failures_at_idx ON sign_in_failures (failed_at);
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DROP TABLE sign_in_failures, sessions, users;`.execute(db);
}
