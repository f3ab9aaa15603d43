using System.Text;

namespace PredictiveLeads.Learning.Data;

/// <summary>
/// A run of CSV records whose kept fields were copied out of the reader as UTF-8 bytes, so that the columns can be
/// worked on, each by one thread, while the reader fills the next block.
/// </summary>
internal sealed class FieldBlock(int width)
{
    public const int Capacity = 8192;

    private readonly int[] _ends = new int[Capacity * width];
    private readonly long[] _lines = new long[Capacity];
    private byte[] _bytes = new byte[1 << 20];
    private int _used;

    /// <summary>The number of records held.</summary>
    public int Count { get; private set; }

    /// <summary>The file's row index (0 for the first data row) of the block's first record.</summary>
    public int FirstRow { get; private set; }

    public bool IsFull => Count == Capacity;

    public void Reset(int firstRow)
    {
        FirstRow = firstRow;
        Count = 0;
        _used = 0;
    }

    /// <summary>Copies the current record's fields of the columns not skipped (the others are held as empty).</summary>
    public void Add(CsvFile csv, bool[] skip)
    {
        _lines[Count] = csv.Line;
        var ends = _ends.AsSpan(Count * width, width);
        for (var c = 0; c < width; c++)
        {
            if (!skip[c])
            {
                var field = csv.FieldBytes(c);
                if (_used + field.Length > _bytes.Length)
                    Array.Resize(ref _bytes, Math.Max(_bytes.Length * 2, _used + field.Length));
                field.CopyTo(_bytes.AsSpan(_used));
                _used += field.Length;
            }
            ends[c] = _used;
        }
        Count++;
    }

    /// <summary>The line on which record <paramref name="index"/> of the block starts.</summary>
    public long Line(int index) => _lines[index];

    /// <summary>A field decoded into <paramref name="buffer"/> (grown when short); false when its bytes are not UTF-8.</summary>
    public bool TryDecode(int index, int column, ref char[] buffer, out ReadOnlySpan<char> field)
    {
        var cell = index * width + column;
        var start = cell == 0 ? 0 : _ends[cell - 1];
        var bytes = _bytes.AsSpan(start, _ends[cell] - start);
        if (bytes.Length > buffer.Length)
            buffer = new char[Math.Max(bytes.Length, buffer.Length * 2)];
        try
        {
            field = buffer.AsSpan(0, Encoding.UTF8.GetChars(bytes, buffer));
            return true;
        }
        catch (DecoderFallbackException)
        {
            field = default;
            return false;
        }
    }
}
