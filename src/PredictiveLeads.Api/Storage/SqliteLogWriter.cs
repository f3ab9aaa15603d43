using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace PredictiveLeads.Api.Storage;

/// <summary>
/// Writes logged predictions through SQLite's own prepared-statement calls. Every scoring logs a row per outcome,
/// so this is the busiest write of the service; ADO.NET's per-execute bookkeeping (parameter objects, boxing,
/// re-binding checks) cost more than SQLite's insert itself.
/// </summary>
internal static class SqliteLogWriter
{
    /// <summary>The row statement; <see cref="Insert"/> binds its parameters by these positions.</summary>
    private const string InsertRow = "INSERT INTO predictions (time, key_name, model_version, lead_id, account_id, outcome, probability, rule_points, rule_stage, reasons) " +
        "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)";

    public static void Insert(SqliteConnection connection, IReadOnlyList<PredictionRecord> predictions)
    {
        var db = connection.Handle ?? throw new InvalidOperationException("The SQLite connection is not open.");
        Check(raw.sqlite3_prepare_v2(db, InsertRow, out var statement), db);
        using (statement)
        {
            foreach (var p in predictions)
            {
                Check(Text(statement, 1, SqlPredictionStore.Time(p.Time)), db);
                Check(Text(statement, 2, p.KeyName), db);
                Check(Text(statement, 3, p.ModelVersion), db);
                Check(Text(statement, 4, p.LeadId), db);
                Check(Text(statement, 5, p.AccountId), db);
                Check(Text(statement, 6, p.Outcome), db);
                Check(Number(statement, 7, p.Probability), db);
                Check(Number(statement, 8, p.RulePoints), db);
                Check(Text(statement, 9, p.RuleStage), db);
                Check(Text(statement, 10, p.Reasons), db);
                var step = raw.sqlite3_step(statement);
                if (step != raw.SQLITE_DONE)
                    Check(step, db);
                Check(raw.sqlite3_reset(statement), db);
            }
        }
    }

    private static int Text(sqlite3_stmt statement, int index, string? value) =>
        value is null ? raw.sqlite3_bind_null(statement, index) : raw.sqlite3_bind_text16(statement, index, value);

    private static int Number(sqlite3_stmt statement, int index, double? value) =>
        value is { } number ? raw.sqlite3_bind_double(statement, index, number) : raw.sqlite3_bind_null(statement, index);

    private static void Check(int code, sqlite3 db)
    {
        if (code != raw.SQLITE_OK)
            SqliteException.ThrowExceptionForRC(code, db);
    }
}
