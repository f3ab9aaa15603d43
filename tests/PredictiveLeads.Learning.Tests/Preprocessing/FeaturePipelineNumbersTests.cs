using System.Globalization;
using PredictiveLeads.Learning.Data;
using PredictiveLeads.Learning.Preprocessing;

namespace PredictiveLeads.Learning.Tests.Preprocessing;

public sealed class FeaturePipelineNumbersTests
{
    private static FeaturePipeline Fit(bool withCategory)
    {
        var rows = Enumerable.Range(0, 60).ToArray();
        var columns = new List<DataColumn>
        {
            new NumericColumn("contacts", ColumnKind.Numeric, [.. rows.Select(r => r % 7 == 0 ? double.NaN : r * 0.37)]),
            new NumericColumn("any_demo", ColumnKind.Boolean, [.. rows.Select(r => (double)(r % 2))]),
        };
        if (withCategory)
            columns.Add(new CategoricalColumn("industry", [.. rows.Select(r => r % 3)], ["Software", "Retail", "Energy"]));
        var table = new DataTable("accounts", columns, [.. rows.Select(r => (long)r + 2)]);
        return FeaturePipeline.Fit(table, columns.Select(c => c.Name), rows, [], new PreprocessingOptions(), []);
    }

    [Fact]
    public void Numbers_give_the_features_their_exact_text_gives_without_a_trip_through_text()
    {
        var pipeline = Fit(withCategory: false);
        foreach (var (contacts, demo) in new[] { (3.1415926535897931, 1.0), (double.NaN, 0.0), (1e-17, double.NaN) })
        {
            var fromNumbers = new double[pipeline.Features.Count];
            var fromText = new double[pipeline.Features.Count];

            pipeline.TransformNumbers(new Dictionary<string, double> { ["contacts"] = contacts, ["any_demo"] = demo }, fromNumbers);
            Assert.True(pipeline.TryTransformRow(new Dictionary<string, string?>
            {
                ["contacts"] = double.IsNaN(contacts) ? null : contacts.ToString("R", CultureInfo.InvariantCulture),
                ["any_demo"] = double.IsNaN(demo) ? null : demo.ToString("R", CultureInfo.InvariantCulture),
            }, fromText, out _));

            Assert.Equal(fromText, fromNumbers);
        }
    }

    [Fact]
    public void A_categorical_column_cannot_be_given_as_a_number()
    {
        var pipeline = Fit(withCategory: true);

        var error = Assert.Throws<ArgumentException>(() => pipeline.TransformNumbers(new Dictionary<string, double> { ["industry"] = 1 }, new double[pipeline.Features.Count]));

        Assert.Contains("'industry' is categorical", error.Message);
    }
}
