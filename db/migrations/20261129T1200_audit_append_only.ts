// The audit trail becomes append-only in the database itself, not only by convention in the code.
//
// Two layers:
// 1. Triggers refuse UPDATE, DELETE and TRUNCATE of audit_events, and DELETE and TRUNCATE of
//    audit_heads (heads move on with every append, but only forward). They bind every role,
//    the tables' owner included; only an owner who deliberately disables them can rewrite
//    history, and the hash chain plus the signed anchor file (activities/auditAnchors.ts) show it.
// 2. A role for the application, resettlement_app, without UPDATE, DELETE or TRUNCATE on
//    audit_events. In production the migration user owns the tables and the API and worker log in
//    as a login role that is a member of it:
//        CREATE ROLE app LOGIN PASSWORD '...' IN ROLE resettlement_app;
//    so that even a compromised application cannot disable the triggers (only an owner may).
//    Tests and `npm start` keep connecting as the owner; see db/README.md.
//
// Roles are cluster-wide and several databases (test clones, other environments) may run this
// migration on one server at once, so the role is created only when missing and a concurrent
// creation is tolerated. Privileges are per database and are granted here every time.
import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE FUNCTION audit_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      RAISE EXCEPTION 'the audit trail is append-only: % on % is refused', TG_OP, TG_TABLE_NAME
        USING HINT = 'audit events are only ever appended (db/repositories/audit.ts)';
    END;
    $$;

    CREATE FUNCTION audit_head_forward_only() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      IF NEW.chain_id <> OLD.chain_id OR NEW.seq < OLD.seq THEN
        RAISE EXCEPTION 'the audit trail is append-only: a chain head only moves forward (chain head % at seq %)', OLD.chain_id, OLD.seq;
      END IF;
      RETURN NEW;
    END;
    $$;

    CREATE TRIGGER audit_events_no_update_delete BEFORE UPDATE OR DELETE ON audit_events
      FOR EACH ROW EXECUTE FUNCTION audit_refuse_change();
    CREATE TRIGGER audit_events_no_truncate BEFORE TRUNCATE ON audit_events
      FOR EACH STATEMENT EXECUTE FUNCTION audit_refuse_change();
    CREATE TRIGGER audit_heads_no_delete BEFORE DELETE ON audit_heads
      FOR EACH ROW EXECUTE FUNCTION audit_refuse_change();
    CREATE TRIGGER audit_heads_no_truncate BEFORE TRUNCATE ON audit_heads
      FOR EACH STATEMENT EXECUTE FUNCTION audit_refuse_change();
    CREATE TRIGGER audit_heads_forward_only BEFORE UPDATE ON audit_heads
      FOR EACH ROW EXECUTE FUNCTION audit_head_forward_only();

    -- The jurisdiction export and verification select chains by division.
    CREATE INDEX audit_heads_division_idx ON audit_heads (division_code, chain_id);
  `.execute(db);

  await sql`
    DO $$
    BEGIN
      IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'resettlement_app') THEN
        BEGIN
          CREATE ROLE resettlement_app NOLOGIN;
        EXCEPTION WHEN duplicate_object OR unique_violation THEN
          NULL; -- another database on this server created it a moment ago
        END;
      END IF;
    END
    $$;
  `.execute(db);

  await sql`
    GRANT USAGE ON SCHEMA public TO resettlement_app;
    GRANT ALL ON ALL TABLES IN SCHEMA public TO resettlement_app;
    GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO resettlement_app;
    -- Tables that later migrations create (as the migration user) get the same by default; a
    -- later table that must be append-only revokes what it does not need, as below.
    ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT ALL ON TABLES TO resettlement_app;
    ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT USAGE, SELECT ON SEQUENCES TO resettlement_app;

    REVOKE ALL ON audit_events, audit_heads FROM resettlement_app;
    GRANT SELECT, INSERT ON audit_events TO resettlement_app;
    GRANT SELECT, INSERT, UPDATE ON audit_heads TO resettlement_app;
    -- The application never migrates; the migration history is the migration user's alone.
    REVOKE ALL ON kysely_migration, kysely_migration_lock FROM resettlement_app;
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  // The role stays: it is cluster-wide and other databases on the server may rely on it.
  await sql`
    ALTER DEFAULT PRIVILEGES IN SCHEMA public REVOKE ALL ON TABLES FROM resettlement_app;
    ALTER DEFAULT PRIVILEGES IN SCHEMA public REVOKE ALL ON SEQUENCES FROM resettlement_app;
    REVOKE ALL ON ALL TABLES IN SCHEMA public FROM resettlement_app;
    REVOKE ALL ON ALL SEQUENCES IN SCHEMA public FROM resettlement_app;
    REVOKE USAGE ON SCHEMA public FROM resettlement_app;
    DROP INDEX audit_heads_division_idx;
    DROP TRIGGER audit_heads_forward_only ON audit_heads;
    DROP TRIGGER audit_heads_no_truncate ON audit_heads;
    DROP TRIGGER audit_heads_no_delete ON audit_heads;
    DROP TRIGGER audit_events_no_truncate ON audit_events;
    DROP TRIGGER audit_events_no_update_delete ON audit_events;
    DROP FUNCTION audit_head_forward_only();
    DROP FUNCTION audit_refuse_change();
  `.execute(db);
}
