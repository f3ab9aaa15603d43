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
                // SQLite keeps a statement's values across resets, so only what differs from the row before is bound:
                // a lead's outcomes share most of their columns, and a batch mostly one key and model version.
                var last = row == 0 ? null : predictions[row - 1];
                if (last is null || p.Time != last.Time)
                    Check(Time(statement, 1, p.Time, utf8), db);
                BindText(statement, 2, p.KeyName, last?.KeyName, last is null, utf8, db);
                BindText(statement, 3, p.ModelVersion, last?.ModelVersion, last is null, utf8, db);
                BindText(statement, 4, p.LeadId, last?.LeadId, last is null, utf8, db);
                BindText(statement, 5, p.AccountId, last?.AccountId, last is null, utf8, db);
                BindText(statement, 6, p.Outcome, last?.Outcome, last is null, utf8, db);
                BindNumber(statement, 7, p.Probability, last?.Probability, last is null, db);
                BindNumber(statement, 8, p.RulePoints, last?.RulePoints, last is null, db);
                BindText(statement, 9, p.RuleStage, last?.RuleStage, last is null, utf8, db);
                BindText(statement, 10, p.Reasons, last?.Reasons, last is null, utf8, db);
                BindText(statement, 11, p.Cell, last?.Cell, last is null, utf8, db);
                BindText(statement, 12, p.Segment, last?.Segment, last is null, utf8, db);
                BindText(statement, 13, p.Owner, last?.Owner, last is null, utf8, db);
                BindText(statement, 14, p.Grade, last?.Grade, last is null, utf8, db);
                BindText(statement, 15, p.ChallengerVersion, last?.ChallengerVersion, last is null, utf8, db);
                BindNumber(statement, 16, p.ChallengerProbability, last?.ChallengerProbability, last is null, db);
                var step = raw.sqlite3_step(statement);
                if (step != raw.SQLITE_DONE)
                    Check(step, db);
                ids[row] = raw.sqlite3_last_insert_rowid(db);
                Check(raw.sqlite3_reset(statement), db);
            }
        }
        return ids;
    }

    private static void BindText(sqlite3_stmt statement, int index, string? value, string? bound, bool first, Span<byte> utf8, sqlite3 db)
    {
        if (first || !string.Equals(value, bound, StringComparison.Ordinal))
            Check(Text(statement, index, value, utf8), db);
    }

    private static void BindNumber(sqlite3_stmt statement, int index, double? value, double? bound, bool first, sqlite3 db)
    {
        if (first || !Nullable.Equals(value, bound))
            Check(Number(statement, index, value), db);
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
