using PredictiveLeads.Learning.Data;
using PredictiveLeads.Scoring.Funnel;

namespace PredictiveLeads.Scoring.Rules;

/// <summary>How often one rule (or the SQL rule's criteria) fires on an export.</summary>
public sealed record RuleFiring(string Rule, string Field, int Leads, double Share);

/// <summary>A rules file run on every lead of an export: how many leads each rule fires on, and how many become MQLs and SQLs.</summary>
public sealed record RulesCheckResult(int Leads, IReadOnlyList<RuleFiring> Firings, int Mqls, int Sqls)
{
    public IEnumerable<RuleFiring> NeverFiring => Firings.Where(f => f.Leads == 0);

    public bool Passed => !NeverFiring.Any();
}

public static class RulesCheck
{
    /// <summary>The fields <paramref name="rules"/> reads that <paramref name="header"/> lacks.</summary>
    public static IReadOnlyList<string> UnknownFields(PointsRules rules, IReadOnlyCollection<string> header) =>
        [.. rules.Fields().Where(f => !header.Contains(f))];

    /// <summary>Runs every rule on every row of <paramref name="table"/>, which must hold every field the rules read.</summary>
    public static RulesCheckResult Run(PointsRules rules, DataTable table)
    {
        var lead = new TableRow(table);
        var fires = new int[rules.Rules.Count];
        var sqlCriteria = rules.Sql?.RequireAll ?? [];
        var criteriaMet = new int[sqlCriteria.Count];
        int mqls = 0, sqls = 0;
        for (var row = 0; row < table.RowCount; row++)
        {
            lead.Row = row;
            for (var r = 0; r < fires.Length; r++)
            {
                if (rules.Rules[r].When.Matches(lead))
                    fires[r]++;
            }
            for (var c = 0; c < criteriaMet.Length; c++)
            {
                if (sqlCriteria[c].Matches(lead))
                    criteriaMet[c]++;
            }
            var stage = rules.Score(lead).Stage;
            mqls += stage.Reached(FunnelStage.Mql) ? 1 : 0;
            sqls += stage.Reached(FunnelStage.Sql) ? 1 : 0;
        }
        double Share(int count) => table.RowCount == 0 ? 0 : (double)count / table.RowCount;
        var firings = rules.Rules.Select((rule, r) => new RuleFiring(rule.Name, rule.When.Field, fires[r], Share(fires[r])))
            .Concat(sqlCriteria.Select((condition, c) => new RuleFiring($"SQL criterion on {condition.Field}", condition.Field, criteriaMet[c], Share(criteriaMet[c]))));
        return new RulesCheckResult(table.RowCount, [.. firings], mqls, sqls);
    }
}
