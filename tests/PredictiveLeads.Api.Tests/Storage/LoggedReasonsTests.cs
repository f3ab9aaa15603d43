using PredictiveLeads.Api.Storage;

namespace PredictiveLeads.Api.Tests.Storage;

/// <summary>Stored reasons read back as they were written, and a value that is not what the log writes reads as none.</summary>
public sealed class LoggedReasonsTests
{
    [Fact]
    public void Reasons_read_back_as_written_however_many_and_whatever_their_names()
    {
        LoggedReason[] written = [.. Enumerable.Range(0, 400).Select(i => new LoggedReason($"field_{i}_ünïcode \"quoted\"", (i - 200) / 1000.0))];

        Assert.Equal(written, LoggedReasons.Parse(LoggedReasons.Format(written)));
    }

    [Theory]
    [InlineData("""[["a", 0.5], ["b", -1]]""", "a:0.5 b:-1")]
    [InlineData("""[[null, 0.25]]""", ":0.25")]
    [InlineData("""[["a", 0.5, "extra", [1, [2]], {"x": 1}]]""", "a:0.5")]
    [InlineData("""  [ ]  """, "")]
    public void Stored_shapes_read_as_pairs(string stored, string expected) =>
        Assert.Equal(expected, string.Join(' ', LoggedReasons.Parse(stored).Select(r => $"{r.Field}:{r.Contribution}")));

    [Theory]
    [InlineData("not json")]
    [InlineData("""{"a": 0.5}""")]
    [InlineData("""[["a"]]""")]
    [InlineData("""[["a", "0.5"]]""")]
    [InlineData("""[[1, 0.5]]""")]
    [InlineData("""["a", 0.5]""")]
    [InlineData("""[["a", 0.5]""")]
    [InlineData("""[["a", 0.5]] trailing""")]
    [InlineData("""[["a", 0.5]] []""")]
    public void Anything_else_reads_as_no_reasons(string stored) => Assert.Empty(LoggedReasons.Parse(stored));
}
