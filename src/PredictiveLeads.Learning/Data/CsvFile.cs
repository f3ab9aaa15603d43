using System.Text;
using CsvHelper;

namespace PredictiveLeads.Learning.Data;

/// <summary>
/// One forward pass over a CSV file with CsvHelper: the header, then each record's fields as
/// UTF-16 spans (valid until the next <see cref="Read"/>), with every format problem turned into a
/// <see cref="DataFormatException"/> naming the file and line.
/// </summary>
internal sealed class CsvFile : IDisposable
{
    private readonly string _path;
    private readonly FileStream _stream;
    private readonly CsvReader _reader;
    private char[] _buffer = new char[256];

    private CsvFile(string path, FileStream stream, char delimiter)
    {
        _path = path;
        _stream = stream;
        Delimiter = delimiter;
        _reader = CsvReader.Create(stream, new CsvReaderOptions
        {
            Separator = delimiter,
            HasHeader = true,
            TrackLineNumbers = true,
            AllowLineBreaksInQuotes = true,
            SkipEmptyLines = true,
            FieldCountMismatch = CsvFieldCountHandling.Allow,
            MalformedData = CsvMalformedDataHandling.Recover,
            OnMalformedRecord = RejectUnterminatedQuote,
            Encoding = new UTF8Encoding(false, throwOnInvalidBytes: true),
        });
        Header = [.. ReadHeader()];
    }

    public char Delimiter { get; }

    public string[] Header { get; }

    public long Length => _stream.Length;

    public long Position => _reader.ByteOffset;

    /// <summary>The line on which the current record starts.</summary>
    public long Line => _reader.LineNumber;

    public int FieldCount => _reader.FieldCount;

    public static CsvFile Open(string path, char? delimiter)
    {
        if (Directory.Exists(path))
            throw DataFormatException.At(path, 0, null, "is a directory; expected a CSV file");
        if (!File.Exists(path))
            throw DataFormatException.At(path, 0, null, "file not found");
        var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan);
        try
        {
            var head = ReadHead(stream);
            if (head.AsSpan().Contains((byte)0))
                throw DataFormatException.At(path, 0, null, "is not a text CSV file (it contains NUL bytes); expected UTF-8 text with a header line");
            var text = DecodeFirstLine(path, head);
            if (text.Trim().Length == 0)
                throw DataFormatException.At(path, 0, null, "the file is empty; expected a header line with column names");
            return new CsvFile(path, stream, delimiter ?? DelimiterDetector.Detect(text));
        }
        catch
        {
            stream.Dispose();
            throw;
        }
    }

    public bool Read()
    {
        try
        {
            return _reader.Read();
        }
        catch (Exception e) when (e is CsvFormatException or DecoderFallbackException)
        {
            throw Error(e is DecoderFallbackException ? "is not valid UTF-8 text" : $"malformed CSV: {e.Message}");
        }
    }

    public ReadOnlySpan<char> Field(int index)
    {
        var bytes = _reader.GetSpan(index);
        if (bytes.Length > _buffer.Length)
            _buffer = new char[Math.Max(bytes.Length, _buffer.Length * 2)];
        try
        {
            var count = Encoding.UTF8.GetChars(bytes, _buffer);
            return _buffer.AsSpan(0, count);
        }
        catch (DecoderFallbackException)
        {
            throw Error($"field {index + 1} is not valid UTF-8 text");
        }
    }

    /// <summary>A field's UTF-8 bytes, as the file has them once unquoted (valid until the next <see cref="Read"/>).</summary>
    public ReadOnlySpan<byte> FieldBytes(int index) => _reader.GetSpan(index);

    public DataFormatException Error(string problem) => DataFormatException.At(_path, Line, null, problem);

    public void Dispose()
    {
        _reader.Dispose();
        _stream.Dispose();
    }

    private IReadOnlyList<string> ReadHeader()
    {
        try
        {
            _reader.ReadHeader();
            return _reader.Headers;
        }
        catch (Exception e) when (e is CsvFormatException or DecoderFallbackException)
        {
            throw DataFormatException.At(_path, 1, null, $"the header line is malformed: {e.Message}");
        }
    }

    private void RejectUnterminatedQuote(CsvMalformedRecord record)
    {
        if (record.Reason == CsvMalformedReason.UnterminatedQuote)
            throw DataFormatException.At(_path, record.LineNumber, null, "a quoted field is never closed (a \" with no matching \")");
    }

    private static byte[] ReadHead(FileStream stream)
    {
        var head = new byte[(int)Math.Min(stream.Length, 1 << 16)];
        stream.ReadExactly(head);
        stream.Position = 0;
        return head;
    }

    private static string DecodeFirstLine(string path, byte[] head)
    {
        var span = head.AsSpan();
        if (span.StartsWith(Encoding.UTF8.Preamble))
            span = span[3..];
        var end = span.IndexOfAny((byte)'\n', (byte)'\r');
        if (end >= 0)
            span = span[..end];
        try
        {
            return new UTF8Encoding(false, true).GetString(span);
        }
        catch (DecoderFallbackException)
        {
            throw DataFormatException.At(path, 1, null, "is not valid UTF-8 text");
        }
    }
}
