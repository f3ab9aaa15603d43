namespace PredictiveLeads.Learning.Trees;

/// <summary>
/// The rows of every leaf of the tree being grown, as contiguous ranges of one index array.
/// Splitting a leaf reorders its range stably: left rows first, then right rows.
/// </summary>
public sealed class RowPartition(int capacity)
{
    private readonly int[] _scratch = new int[capacity];

    public int[] Rows { get; } = new int[capacity];

    public int Count { get; private set; }

    /// <summary>Starts a tree with the given rows, or all rows 0..n-1 when <paramref name="rows"/> is null.</summary>
    public void Reset(int rowCount, int[]? rows)
    {
        if (rows is null)
        {
            for (var i = 0; i < rowCount; i++)
                Rows[i] = i;
            Count = rowCount;
        }
        else
        {
            rows.CopyTo(Rows, 0);
            Count = rows.Length;
        }
    }

    /// <summary>Splits the range [start, start + count) by the split's rule on <paramref name="bins"/>; returns the left count.</summary>
    public int Split(int start, int count, byte[] bins, SplitCandidate split, int missingBin)
    {
        Span<bool> goesLeft = stackalloc bool[256];
        for (var bin = 0; bin < goesLeft.Length; bin++)
            goesLeft[bin] = split.GoesLeft(bin, missingBin);
        var rows = Rows.AsSpan(start, count);
        var left = 0;
        var right = 0;
        foreach (var row in rows)
        {
            if (goesLeft[bins[row]])
                rows[left++] = row;
            else
                _scratch[right++] = row;
        }
        _scratch.AsSpan(0, right).CopyTo(rows[left..]);
        return left;
    }
}
