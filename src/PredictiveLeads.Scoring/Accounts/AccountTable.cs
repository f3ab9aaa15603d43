using PredictiveLeads.Learning.Data;
using PredictiveLeads.Learning.Preprocessing;
using PredictiveLeads.Scoring.Rules;

namespace PredictiveLeads.Scoring.Accounts;

/// <summary>Turns a table of leads into a table of accounts: one row per account, its aggregated features and outcome.</summary>
public static class AccountTable
{
    /// <summary>The aggregation a lead model's inputs suggest: numbers aggregated, small categoricals covered.</summary>
    public static AccountFeatureSpec SpecFor(FeaturePipeline leadPipeline, string? createdAt) => new()
    {
        NumericFields = [.. leadPipeline.Columns.Where(c => c.Kind is ColumnKind.Numeric or ColumnKind.Boolean).Select(c => c.Column)],
        CoverageFields = leadPipeline.Columns.Where(c => c.Kind == ColumnKind.Categorical && c.Levels.Count <= AccountFeatureSpec.MaxCoverageLevels)
            .ToDictionary(c => c.Column, c => c.Levels),
        CreatedAt = createdAt,
    };

    /// <summary>Accounts of the given lead rows, in order of first appearance, with the row lists that make them up.</summary>
    public static IReadOnlyList<(string Account, int[] Rows)> Group(DataTable leads, string accountColumn, IEnumerable<int> rows)
    {
        var column = leads[accountColumn];
        var groups = new Dictionary<string, List<int>>(StringComparer.Ordinal);
        var order = new List<string>();
        foreach (var row in rows)
        {
            if (column.IsMissing(row))
                continue;
            var account = column.FormatValue(row);
            if (!groups.TryGetValue(account, out var members))
            {
                groups[account] = members = [];
                order.Add(account);
            }
            members.Add(row);
        }
        return [.. order.Select(a => (a, groups[a].ToArray()))];
    }

    /// <summary>A table with one row per account: its features, and <paramref name="outcome"/> = 1 when any contact reached it.</summary>
    public static DataTable Build(DataTable leads, IReadOnlyList<(string Account, int[] Rows)> accounts, AccountFeatureSpec spec,
        PointsRules? rules, string outcome, double[] labels, double asOfDay)
    {
        var names = spec.FeatureNames();
        var columns = names.Select(_ => new double[accounts.Count]).ToArray();
        var outcomes = new double[accounts.Count];
        for (var a = 0; a < accounts.Count; a++)
        {
            var contacts = accounts[a].Rows.Select(r => (IParsedRow)new TableRow(leads) { Row = r }).ToList();
            var features = spec.Compute(contacts, rules, asOfDay);
            for (var f = 0; f < features.Length; f++)
                columns[f][a] = features[f];
            var known = accounts[a].Rows.Select(r => labels[r]).Where(v => !double.IsNaN(v)).ToList();
            outcomes[a] = known.Count == 0 ? double.NaN : known.Max();
        }
        var table = new List<DataColumn>();
        for (var f = 0; f < names.Count; f++)
            table.Add(new NumericColumn(names[f], ColumnKind.Numeric, columns[f]));
        table.Add(new NumericColumn(outcome, ColumnKind.Boolean, outcomes));
        return new DataTable(leads.Source + " (accounts)", table, [.. accounts.Select(a => leads.LineNumbers[a.Rows[0]])]);
    }
}
