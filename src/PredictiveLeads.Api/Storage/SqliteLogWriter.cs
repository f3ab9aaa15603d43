using System.Globalization;
using System.Text;
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
    /// <summary>Bytes of the reused buffer: ids, names and times fit; longer reasons are bound from a copy.</summary>
    private const int TextBuffer = 4096;

    /// <summary>The row statement; <see cref="Insert"/> binds its parameters by these positions.</summary>
    private const string InsertRow = "INSERT INTO predictions (time, key_name, model_version, lead_id, account_id, outcome, probability, rule_points, rule_stage, reasons, cell, segment, owner, grade, " +
        "challenger_version, challenger_probability) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16)";

    /// <summary>Inserts the rows in order and returns their ids.</summary>
    public static long[] Insert(SqliteConnection connection, IReadOnlyList<PredictionRecord> predictions)
    {
        var ids = new long[predictions.Count];
        var db = connection.Handle ?? throw new InvalidOperationException("The SQLite connection is not open.");
        Check(raw.sqlite3_prepare_v2(db, InsertRow, out var statement), db);
        Span<byte> utf8 = stackalloc byte[TextBuffer];
        using (statement)
        {
            for (var row = 0; row < predictions.Count; row++)
            {
                var p = predictions[row];
                Check(Time(statement, 1, p.Time, utf8), db);
                Check(Text(statement, 2, p.KeyName, utf8), db);
                Check(Text(statement, 3, p.ModelVersion, utf8), db);
                Check(Text(statement, 4, p.LeadId, utf8), db);
                Check(Text(statement, 5, p.AccountId, utf8), db);
                Check(Text(statement, 6, p.Outcome, utf8), db);
                Check(Number(statement, 7, p.Probability), db);
                Check(Number(statement, 8, p.RulePoints), db);
                Check(Text(statement, 9, p.RuleStage, utf8), db);
                Check(Text(statement, 10, p.Reasons, utf8), db);
                Check(Text(statement, 11, p.Cell, utf8), db);
                Check(Text(statement, 12, p.Segment, utf8), db);
                Check(Text(statement, 13, p.Owner, utf8), db);
                Check(Text(statement, 14, p.Grade, utf8), db);
                Check(Text(statement, 15, p.ChallengerVersion, utf8), db);
                Check(Number(statement, 16, p.ChallengerProbability), db);
                var step = raw.sqlite3_step(statement);
                if (step != raw.SQLITE_DONE)
                    Check(step, db);
                ids[row] = raw.sqlite3_last_insert_rowid(db);
                Check(raw.sqlite3_reset(statement), db);
            }
        }
        return ids;
    }

    /// <summary>
    /// Binds text as UTF-8, the database's own encoding, through a reused buffer (SQLite copies it): bound as UTF-16 it
    /// was converted inside SQLite, and SQLitePCL's string overload allocates a copy per value.
    /// </summary>
    private static int Text(sqlite3_stmt statement, int index, string? value, Span<byte> utf8)
    {
        if (value is null)
            return raw.sqlite3_bind_null(statement, index);
        if (Encoding.UTF8.GetMaxByteCount(value.Length) > utf8.Length)
            return raw.sqlite3_bind_text(statement, index, value);
        return raw.sqlite3_bind_text(statement, index, utf8[..Encoding.UTF8.GetBytes(value, utf8)]);
    }

    /// <summary>The time in <see cref="SqlPredictionStore.Time"/>'s format, formatted straight into the buffer.</summary>
    private static int Time(sqlite3_stmt statement, int index, DateTime time, Span<byte> utf8)
    {
        if (!time.ToUniversalTime().TryFormat(utf8, out var written, SqlPredictionStore.TimeFormat, CultureInfo.InvariantCulture))
            throw new InvalidOperationException($"The time {time:O} could not be formatted.");
        return raw.sqlite3_bind_text(statement, index, utf8[..written]);
    }

    private static int Number(sqlite3_stmt statement, int index, double? value) =>
        value is { } number ? raw.sqlite3_bind_double(statement, index, number) : raw.sqlite3_bind_null(statement, index);

    private static void Check(int code, sqlite3 db)
    {
        if (code != raw.SQLITE_OK)
            SqliteException.ThrowExceptionForRC(code, db);
    }
}
