using System.Globalization;
using System.Net;
using System.Text;
using PredictiveLeads.Scoring.FitEngagement;
using PredictiveLeads.Scoring.Training;

namespace PredictiveLeads.Scoring.Reports;

/// <summary>One field group's sub-model in the report: the fields it reads, its cut-offs, and its ROC AUC on the test leads.</summary>
public sealed record GroupReport(IReadOnlyList<string> Fields, IReadOnlyList<double> Cutoffs, double? RocAuc);

/// <summary>The fit and engagement grades of an outcome: each group's sub-model and the 4 × 4 grid on the test leads.</summary>
public sealed record FitEngagementReport(GroupReport? Fit, GroupReport? Engagement, IReadOnlyList<GradeGridCell>? Grid, IReadOnlyList<string> Notes)
{
    internal static FitEngagementReport? Of(FitEngagementResult? result) => result is null ? null
        : new(Group(result.Fit), Group(result.Engagement), result.Grid, result.Notes);

    private static GroupReport? Group(GroupResult? group) => group is null ? null
        : new(group.Fields, [.. group.Cutoffs.Select(c => Math.Round(c, 6))], MetricsReport.Round(group.Test?.RocAuc));

    /// <summary>The grid as a Markdown table: fit grades down, engagement grades across, leads and conversion rate in each cell.</summary>
    internal string Markdown()
    {
        var md = new StringBuilder("\n**Fit × engagement** on the test leads (fit A–D: who the lead is; engagement 1–4: what it did; each a quarter of the test leads):\n\n");
        if (Grid is null)
            return md.Append(string.Join("; ", Notes)).Append(".\n").ToString();
        md.Append("| fit \\ engagement | 1 | 2 | 3 | 4 |\n|---|---|---|---|---|\n");
        foreach (var row in Grid.GroupBy(c => c.Fit))
            md.Append(CultureInfo.InvariantCulture, $"| {row.Key} | {string.Join(" | ", row.Select(Cell))} |\n");
        return md.ToString();
    }

    internal string Html()
    {
        var html = new StringBuilder("<h3>Fit × engagement</h3><p>On the test leads: fit A–D (who the lead is), engagement 1–4 (what it did), each grade a quarter of the test leads; leads and conversion rate per cell.</p>");
        if (Grid is null)
            return html.Append("<p>").Append(WebUtility.HtmlEncode(string.Join("; ", Notes))).Append(".</p>").ToString();
        html.Append("<table class='grid'><tr><th>fit \\ engagement</th><th>1</th><th>2</th><th>3</th><th>4</th></tr>");
        foreach (var row in Grid.GroupBy(c => c.Fit))
            html.Append(CultureInfo.InvariantCulture, $"<tr><th>{row.Key}</th>{string.Concat(row.Select(c => $"<td>{Cell(c)}</td>"))}</tr>");
        return html.Append("</table>").ToString();
    }

    private static string Cell(GradeGridCell cell) =>
        cell.Rate is { } rate ? string.Create(CultureInfo.InvariantCulture, $"{cell.Leads:N0} · {rate:P1}") : "0";
}
