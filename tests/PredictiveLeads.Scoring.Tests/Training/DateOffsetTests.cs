using System.Globalization;
using System.Text;
using PredictiveLeads.Learning.Data;
using PredictiveLeads.Learning.Models;
using PredictiveLeads.Scoring.Bundles;
using PredictiveLeads.Scoring.Live;
using PredictiveLeads.Scoring.Schema;
using PredictiveLeads.Scoring.Training;

namespace PredictiveLeads.Scoring.Tests.Training;

/// <summary>A date-time written with an offset means one instant, in training, in the saved bundle and in scoring.</summary>
public sealed class DateOffsetTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public void A_date_with_an_offset_survives_training_and_scoring_unchanged()
    {
        var (path, lines) = WriteExport(1200);
        var schema = new ExportSchema { Id = "lead_id", CreatedAt = "created_at", Outcomes = ["became_sql"] };
        var table = CsvTableReader.Read(path);
        var trained = new BundleTrainer(new BundleTrainingOptions
        {
            Schema = schema,
            Model = new TrainingOptions { Label = "became_sql", Boosting = new() { Trees = 40, Threads = 1 } },
        }).Train(table);
        var folder = Path.Combine(_temp.Path, "bundle");
        trained.ToBundle(schema).Save(folder);
        var bundle = ModelBundle.Load(folder);
        var holdout = HoldoutScores.Load(Path.Combine(folder, HoldoutScores.FileName));
        var scorer = new LeadScorer(bundle);

        Assert.Equal(ColumnKind.DateTime, bundle.Models["became_sql"].Pipeline.ColumnKinds["last_visit"]);
        var newestTestLead = holdout.Ids.Select(id => lines[id]["created_at"]!).Select(Instant).Max();
        Assert.Equal(newestTestLead, holdout.To);
        var model = holdout.Outcomes["became_sql"].Model!;
        for (var i = 0; i < holdout.Ids.Count; i++)
        {
            var lead = scorer.Parse(lines[holdout.Ids[i]]);
            var score = scorer.Score(lead, explain: true);

            Assert.Equal(Instant(lines[holdout.Ids[i]]["last_visit"]!), DayNumber.ToDateTime(lead["last_visit"].Number));
            Assert.Equal(model[i], score.Outcomes[0].Probability, 6);
            Assert.All(score.Outcomes[0].Positive.Concat(score.Outcomes[0].Negative).Where(r => r.Field == "last_visit"),
                r => Assert.Equal(lines[holdout.Ids[i]]["last_visit"], r.Value));
        }
    }

    private static DateTime Instant(string text) => DateTimeOffset.Parse(text, CultureInfo.InvariantCulture).UtcDateTime;

    /// <summary>Leads whose times carry offsets from −05:00 to +05:30, and whose recent visits convert more.</summary>
    private (string Path, Dictionary<string, Dictionary<string, string?>> Lines) WriteExport(int count)
    {
        string[] offsets = ["+02:00", "-05:00", "+05:30", "+00:00"];
        var random = new Random(11);
        var csv = new StringBuilder("lead_id,created_at,last_visit,visits,became_sql\n");
        var lines = new Dictionary<string, Dictionary<string, string?>>(StringComparer.Ordinal);
        var start = new DateTime(2025, 1, 1, 9, 0, 0);
        for (var i = 0; i < count; i++)
        {
            var offset = offsets[i % offsets.Length];
            var created = start.AddMinutes(97 * i).ToString("yyyy-MM-ddTHH:mm:ss", CultureInfo.InvariantCulture) + offset;
            var daysAgo = random.Next(60);
            var visit = start.AddMinutes(97 * i).AddDays(-daysAgo).AddSeconds(random.Next(86_400)).ToString("yyyy-MM-ddTHH:mm:ss", CultureInfo.InvariantCulture) + offset;
            var visits = random.Next(12).ToString(CultureInfo.InvariantCulture);
            var converted = random.NextDouble() < (daysAgo < 10 ? 0.6 : 0.15) ? "1" : "0";
            var id = $"L{i:D5}";
            csv.Append(CultureInfo.InvariantCulture, $"{id},{created},{visit},{visits},{converted}\n");
            lines[id] = new Dictionary<string, string?> { ["lead_id"] = id, ["created_at"] = created, ["last_visit"] = visit, ["visits"] = visits };
        }
        return (_temp.Write("offsets.csv", csv.ToString()), lines);
    }
}
