using System.Text;
using System.Text.Json;
using PredictiveLeads.Api.Contracts;

namespace PredictiveLeads.Api.Tests.Contracts;

/// <summary>Field names are kept once and found by their bytes, and reading one never gives another's name or accepts bytes the reader would refuse.</summary>
public sealed class FieldNamesTests
{
    private static string Read(byte[] json)
    {
        var reader = new Utf8JsonReader(json);
        reader.Read();
        reader.Read();
        return FieldNames.Read(ref reader);
    }

    private static byte[] Object(string name) => Encoding.UTF8.GetBytes($"{{\"{name}\": 1}}");

    [Fact]
    public void A_name_read_again_is_the_same_string()
    {
        var first = Read(Object("pricing_page_views"));

        Assert.Same(first, Read(Object("pricing_page_views")));
        Assert.Equal("pricing_page_views", first);
    }

    [Fact]
    public void Thousands_of_names_sharing_the_table_are_each_read_as_themselves()
    {
        var names = Enumerable.Range(0, 20_000).Select(i => $"field_{i}").ToList();

        foreach (var name in names.Concat(names).Concat(Enumerable.Reverse(names)))
            Assert.Equal(name, Read(Object(name)));
    }

    [Fact]
    public void Names_that_are_not_utf8_are_refused_as_the_reader_refuses_them_every_time()
    {
        byte[] invalid = [.. "{\""u8, 0x70, 0xC3, 0x28, .. "\": 1}"u8];

        Assert.Throws<InvalidOperationException>(() => Read(invalid));
        Assert.Throws<InvalidOperationException>(() => Read(invalid));
    }
}
