using System.Text;
using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace PredictiveLeads.Api.Storage;

/// <summary>
/// Reads the rows of a query through SQLite's own calls. Live evaluation reads tens of thousands of short rows per
/// request, and ADO.NET's per-value bookkeeping costs more than SQLite's reading (see <see cref="SqliteLogWriter"/>
/// for the same on writes).
/// </summary>
internal static class SqliteRows
{
    public static List<T> Read<T>(SqliteConnection connection, string sql, IReadOnlyList<(string Name, string Value)> parameters, Func<sqlite3_stmt, T> read)
    {
        var db = connection.Handle ?? throw new InvalidOperationException("The SQLite connection is not open.");
        Check(raw.sqlite3_prepare_v2(db, sql, out var statement), db);
        using (statement)
        {
            foreach (var (name, value) in parameters)
                Check(raw.sqlite3_bind_text16(statement, raw.sqlite3_bind_parameter_index(statement, name), value), db);
            var rows = new List<T>();
            int step;
            while ((step = raw.sqlite3_step(statement)) == raw.SQLITE_ROW)
                rows.Add(read(statement));
            if (step != raw.SQLITE_DONE)
                Check(step, db);
            return rows;
        }
    }

    /// <summary>The column's text; its bytes are read first, and only an empty value asks whether it is NULL.</summary>
    public static string? Text(sqlite3_stmt row, int column)
    {
        var bytes = raw.sqlite3_column_blob(row, column);
        return bytes.IsEmpty && raw.sqlite3_column_type(row, column) == raw.SQLITE_NULL ? null : Encoding.UTF8.GetString(bytes);
    }

    public static double? Number(sqlite3_stmt row, int column) =>
        raw.sqlite3_column_type(row, column) == raw.SQLITE_NULL ? null : raw.sqlite3_column_double(row, column);

    private static void Check(int code, sqlite3 db)
    {
        if (code != raw.SQLITE_OK)
            SqliteException.ThrowExceptionForRC(code, db);
    }
}
