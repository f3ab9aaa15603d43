using PredictiveLeads.Learning.Binning;

namespace PredictiveLeads.Learning.Trees;

/// <summary>
/// The rows of every leaf of the tree being grown, as contiguous ranges of one index array.
/// Splitting a leaf reorders its range stably: left rows first, then right rows. Large ranges are
/// split in fixed blocks on several threads; block boundaries depend only on the range, so the
/// order is the same for any thread count.
/// </summary>
public sealed class RowPartition(int capacity, int threads)
{
    private const int BlockRows = 1 << 15;

    private readonly int[] _left = new int[capacity];
    private readonly int[] _right = new int[capacity];
    private readonly ParallelOptions _parallel = new() { MaxDegreeOfParallelism = threads };

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

    /// <summary>Splits the range [start, start + count) by the split's rule; returns the left count.</summary>
    public int Split(int start, int count, BinnedDataset data, SplitCandidate split)
    {
        var goesLeft = new bool[256];
        var missingBin = data.Binnings[split.Feature].MissingBin;
        for (var bin = 0; bin < goesLeft.Length; bin++)
            goesLeft[bin] = split.GoesLeft(bin, missingBin);

        var blocks = (count + BlockRows - 1) / BlockRows;
        var leftCounts = new int[blocks];
        var rightCounts = new int[blocks];
        if (blocks == 1)
            SplitBlock(0, start, count, data, split.Feature, goesLeft, leftCounts, rightCounts);
        else
            Parallel.For(0, blocks, _parallel, b => SplitBlock(b, start, count, data, split.Feature, goesLeft, leftCounts, rightCounts));

        // Gather: all left parts in block order, then all right parts.
        var write = start;
        for (var b = 0; b < blocks; b++)
        {
            Array.Copy(_left, start + b * BlockRows, Rows, write, leftCounts[b]);
            write += leftCounts[b];
        }
        var leftTotal = write - start;
        for (var b = 0; b < blocks; b++)
        {
            Array.Copy(_right, start + b * BlockRows, Rows, write, rightCounts[b]);
            write += rightCounts[b];
        }
        return leftTotal;
    }

    private void SplitBlock(int block, int start, int count, BinnedDataset data, int feature, bool[] goesLeft, int[] leftCounts, int[] rightCounts)
    {
        var from = start + block * BlockRows;
        var to = Math.Min(start + count, from + BlockRows);
        var bins = data.Columns[feature];
        int left = from, right = from;
        for (var i = from; i < to; i++)
        {
            var row = Rows[i];
            if (goesLeft[bins[row]])
                _left[left++] = row;
            else
                _right[right++] = row;
        }
        leftCounts[block] = left - from;
        rightCounts[block] = right - from;
    }
}
