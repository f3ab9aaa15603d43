namespace PredictiveLeads.Learning.Data;

/// <summary>
/// One pass over a CSV file's records in blocks: the reading thread checks each record and copies its fields into a
/// block, then the block's columns are worked on in parallel (each column by one thread, in row order, so the result
/// does not depend on the number of threads) while the reader fills the next block. A problem is reported at the first
/// row, and within it the first column, that has one: the problem a one-thread pass would have stopped at.
/// </summary>
internal static class ColumnPass
{
    /// <summary>Works on one field of a column; returns null, or what is wrong with the value.</summary>
    public delegate string? FieldWork(int column, int row, ReadOnlySpan<char> field);

    /// <summary>Runs the pass over at most <paramref name="maxRows"/> records and returns how many there were.</summary>
    /// <param name="csv">The file, positioned after its header.</param>
    /// <param name="path">The file's path, for messages.</param>
    /// <param name="header">Column names, for messages.</param>
    /// <param name="skip">Columns not worked on.</param>
    /// <param name="threads">Columns worked on at once; with one, reading and working alternate on the calling thread.</param>
    /// <param name="maxRows">Records read at most.</param>
    /// <param name="check">Called on the reading thread with each record and its row index, before its fields are copied.</param>
    /// <param name="work">Called for each field of each column not skipped.</param>
    /// <param name="progress">Called with the reader's byte position after each block.</param>
    public static int Run(CsvFile csv, string path, string[] header, bool[] skip, int threads, int maxRows, Action<CsvFile, int> check, FieldWork work,
        Action<long>? progress)
    {
        var columns = Enumerable.Range(0, skip.Length).Where(c => !skip[c]).ToArray();
        var buffers = columns.Select(_ => new char[256]).ToArray();
        var blocks = new[] { new FieldBlock(skip.Length), new FieldBlock(skip.Length) };
        Task? working = null;
        var rows = 0;
        try
        {
            for (var turn = 0; ; turn ^= 1)
            {
                var block = blocks[turn];
                block.Reset(rows);
                DataFormatException? unreadable = null;
                try
                {
                    while (!block.IsFull && rows < maxRows && csv.Read())
                    {
                        check(csv, rows);
                        block.Add(csv, skip);
                        rows++;
                    }
                }
                catch (DataFormatException e)
                {
                    unreadable = e;
                }
                // The previous block is finished first: its problems come from earlier rows.
                working?.GetAwaiter().GetResult();
                working = null;
                var last = unreadable is not null || !block.IsFull || rows == maxRows;
                if (threads <= 1 || last)
                    WorkOn(block, columns, buffers, threads, work, path, header);
                else
                    working = Task.Run(() => WorkOn(block, columns, buffers, threads, work, path, header));
                progress?.Invoke(csv.Position);
                if (unreadable is not null)
                    throw unreadable;
                if (last)
                    return rows;
            }
        }
        finally
        {
            // Only reached with work still running when the reader failed unexpectedly; the block must not outlive the pass.
            if (working is not null)
                ((IAsyncResult)working).AsyncWaitHandle.WaitOne();
        }
    }

    private static void WorkOn(FieldBlock block, int[] columns, char[][] buffers, int threads, FieldWork work, string path, string[] header)
    {
        // Per column, the first record with a problem (-1: none) and the problem (null: the bytes are not UTF-8).
        var failures = new (int Index, string? Problem)[columns.Length];
        void Column(int i)
        {
            var column = columns[i];
            ref var buffer = ref buffers[i];
            for (var index = 0; index < block.Count; index++)
            {
                if (!block.TryDecode(index, column, ref buffer, out var field))
                {
                    failures[i] = (index, null);
                    return;
                }
                if (work(column, block.FirstRow + index, field) is { } problem)
                {
                    failures[i] = (index, problem);
                    return;
                }
            }
            failures[i] = (-1, null);
        }
        if (threads <= 1)
        {
            for (var i = 0; i < columns.Length; i++)
                Column(i);
        }
        else
        {
            Parallel.For(0, columns.Length, new ParallelOptions { MaxDegreeOfParallelism = threads }, Column);
        }
        var first = -1;
        for (var i = 0; i < columns.Length; i++)
        {
            if (failures[i].Index >= 0 && (first < 0 || failures[i].Index < failures[first].Index))
                first = i;
        }
        if (first < 0)
            return;
        var (failed, message) = failures[first];
        var line = block.Line(failed);
        throw message is null
            ? DataFormatException.At(path, line, null, $"field {columns[first] + 1} is not valid UTF-8 text")
            : DataFormatException.At(path, line, header[columns[first]], message);
    }
}
