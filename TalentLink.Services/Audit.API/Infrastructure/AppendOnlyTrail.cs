namespace TalentLink.Audit.Infrastructure;

/// <summary>
/// The database itself refuses to change the trail: an UPDATE or DELETE of <c>audit_entries</c>
/// (and, on PostgreSQL, a TRUNCATE) raises an error, whoever sends it. Installed by each
/// provider's Initial migration.
/// </summary>
public static class AppendOnlyTrail
{
    public const string Message = "audit_entries is append-only";

    public const string SqliteUp = $"""
        CREATE TRIGGER audit_entries_no_update BEFORE UPDATE ON audit_entries
        BEGIN SELECT RAISE(ABORT, '{Message}'); END;
        CREATE TRIGGER audit_entries_no_delete BEFORE DELETE ON audit_entries
        BEGIN SELECT RAISE(ABORT, '{Message}'); END;
        """;

    public const string SqliteDown = """
        DROP TRIGGER IF EXISTS audit_entries_no_update;
        DROP TRIGGER IF EXISTS audit_entries_no_delete;
        """;

    public const string PostgresUp = $"""
        CREATE FUNCTION audit_entries_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            RAISE EXCEPTION '{Message}' USING ERRCODE = 'insufficient_privilege';
        END
        $$;
        CREATE TRIGGER audit_entries_no_change BEFORE UPDATE OR DELETE ON audit_entries
            FOR EACH ROW EXECUTE FUNCTION audit_entries_refuse_change();
        CREATE TRIGGER audit_entries_no_truncate BEFORE TRUNCATE ON audit_entries
            FOR EACH STATEMENT EXECUTE FUNCTION audit_entries_refuse_change();
        """;

    public const string PostgresDown = """
        DROP TRIGGER IF EXISTS audit_entries_no_truncate ON audit_entries;
        DROP TRIGGER IF EXISTS audit_entries_no_change ON audit_entries;
        DROP FUNCTION IF EXISTS audit_entries_refuse_change();
        """;
}
