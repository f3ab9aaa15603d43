using System.Globalization;
using PredictiveLeads.Learning.Data;
using PredictiveLeads.Scoring.Funnel;
using PredictiveLeads.Scoring.Rules;

namespace PredictiveLeads.Scoring.Accounts;

/// <summary>
/// How an account's contacts become account features: how many contacts, how many are engaged (at MQL or
/// above by the points rules), the highest and mean value of each numeric lead field, which levels of each
/// small categorical field are covered (e.g. which seniorities of the buying group have shown up), and how
/// recently the newest contact arrived. Saved in the bundle so the API aggregates contacts the same way.
/// </summary>
public sealed record AccountFeatureSpec
{
    /// <summary>Categorical fields with at most this many levels get one coverage flag per level.</summary>
    public const int MaxCoverageLevels = 8;

    public required IReadOnlyList<string> NumericFields { get; init; }

    /// <summary>Categorical fields and the levels whose presence is flagged.</summary>
    public required IReadOnlyDictionary<string, IReadOnlyList<string>> CoverageFields { get; init; }

    /// <summary>The contact creation-time field, for recency; null when the export has none.</summary>
    public string? CreatedAt { get; init; }

    /// <summary>Feature names, in the order <see cref="Compute"/> writes them.</summary>
    public IReadOnlyList<string> FeatureNames() =>
    [
        "contacts", "engaged_contacts",
        .. NumericFields.SelectMany(f => new[] { $"max:{f}", $"mean:{f}" }),
        .. CoverageFields.SelectMany(c => c.Value.Select(level => $"has:{c.Key}={level}").Prepend($"levels:{c.Key}")),
        .. CreatedAt is null ? Array.Empty<string>() : ["days_since_newest_contact"],
    ];

    /// <summary>
    /// The features of one account from its contacts. <paramref name="asOfDay"/> (days since 1970-01-01) is the
    /// moment recency is measured from: the end of the training data, or now when scoring.
    /// </summary>
    public double[] Compute(IReadOnlyList<IParsedRow> contacts, PointsRules? rules, double asOfDay)
    {
        var features = new List<double>(FeatureNames().Count)
        {
            contacts.Count,
            rules is null ? double.NaN : contacts.Count(c => rules.Score(c).Stage.Reached(FunnelStage.Mql)),
        };
        foreach (var field in NumericFields)
        {
            var values = contacts.Select(c => RuleCondition.Number(c[field])).OfType<double>().ToList();
            features.Add(values.Count == 0 ? double.NaN : values.Max());
            features.Add(values.Count == 0 ? double.NaN : values.Average());
        }
        foreach (var (field, levels) in CoverageFields)
        {
            var present = contacts.Select(c => c[field]).Where(v => !v.IsMissing).Select(v => v.ToString()).ToHashSet(StringComparer.OrdinalIgnoreCase);
            features.Add(present.Count);
            features.AddRange(levels.Select(level => present.Contains(level) ? 1.0 : 0.0));
        }
        if (CreatedAt is not null)
        {
            var newest = contacts.Select(c => Day(c[CreatedAt]))
                .Where(d => !double.IsNaN(d)).DefaultIfEmpty(double.NaN).Max();
            features.Add(double.IsNaN(newest) ? double.NaN : Math.Max(0, asOfDay - newest));
        }
        return [.. features];
    }

    /// <summary>A contact's creation time as a day number: parsed as a date already, or text in one of the date formats we read.</summary>
    private static double Day(ParsedValue value) => value switch
    {
        { Kind: ColumnKind.DateTime } => value.Number,
        { Text: { } text } when FieldParser.TryParseDate(text, out var day) => day,
        _ => double.NaN,
    };

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{FeatureNames().Count} account features");
}
