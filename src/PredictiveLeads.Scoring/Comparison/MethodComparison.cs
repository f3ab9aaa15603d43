using PredictiveLeads.Learning.Metrics;
using PredictiveLeads.Scoring.Funnel;
using PredictiveLeads.Scoring.Training;

namespace PredictiveLeads.Scoring.Comparison;

/// <summary>
/// One method's ranking and probabilities on the compared leads with known outcomes. Caught[i] is the expected number
/// of positives in its top i·Step leads (the last entry is all leads; see <see cref="CumulativeCatch"/>).
/// </summary>
public sealed record MethodScores(string Method, double? RocAuc, double? LogLoss, double? Brier, double? ExpectedCalibrationError, IReadOnlyList<double> Caught,
    IReadOnlyList<CurvePoint> Roc, IReadOnlyList<CurvePoint> Gains, IReadOnlyList<ReliabilityBin> Reliability);

/// <summary>What the rules do as configured: hand over every lead at MQL or above.</summary>
public sealed record RulesAsConfigured(int HandOver, int Caught);

/// <summary>Model and rules judged on the same leads with known outcomes.</summary>
public sealed record ComparisonSummary(string Source, string Outcome, int Leads, int Positives, double? Weeks, DateTime? From, DateTime? To, int Step,
    MethodScores? Model, MethodScores? Rules, RulesAsConfigured? RulesToday);

/// <summary>A lead model and rules disagree on; ModelPercentile is the share of the compared leads the model ranks below it.</summary>
public sealed record Disagreement(string Id, string? AccountId, double Probability, double ModelPercentile, double? RulePoints, FunnelStage? RuleStage, int? Actual);

/// <summary>Judges model and rules on the leads of a <see cref="ComparedLeads"/>, and finds where they disagree.</summary>
public static class MethodComparison
{
    public static ComparisonSummary Compare(ComparedLeads leads, string outcome)
    {
        var known = Enumerable.Range(0, leads.Count).Where(i => leads.Actual[i] is not null).ToArray();
        var labels = known.Select(i => leads.Actual[i]!.Value).ToArray();
        var step = 1;
        MethodScores? Method(string name, IReadOnlyList<double>? ranking, IReadOnlyList<double>? probabilities)
        {
            if (ranking is null || probabilities is null || known.Length == 0)
                return null;
            var scores = known.Select(i => ranking[i]).ToArray();
            var p = known.Select(i => probabilities[i]).ToArray();
            var y = labels.Select(l => (double)l).ToArray();
            var (caught, s) = CumulativeCatch.Compute(scores, labels);
            step = s;
            var twoClasses = labels.Distinct().Count() == 2;
            var calibration = ProbabilityMetrics.Calibration(p, y);
            return new MethodScores(name,
                twoClasses ? Round(RankingMetrics.RocAuc(scores, y)) : null,
                Round(ProbabilityMetrics.LogLoss(p, y)), Round(ProbabilityMetrics.Brier(p, y)), Round(calibration.ExpectedCalibrationError),
                caught,
                twoClasses ? Curves.Roc(scores, y) : [],
                Curves.Gains(scores, y),
                [.. calibration.Bins.Where(b => b.Rows > 0)]);
        }
        var model = Method("model", leads.Model, leads.Model);
        // The rules rank by their points; their probabilities come from the bundle's fit of points to outcomes.
        var rules = Method("rules", leads.RulePoints, leads.Rules);
        RulesAsConfigured? today = null;
        if (leads.RuleStages is { } stages)
        {
            var handedOver = known.Where(i => Disagreements.IsMql(stages[i])).ToArray();
            today = new RulesAsConfigured(handedOver.Length, handedOver.Count(i => leads.Actual[i] == 1));
        }
        return new ComparisonSummary(leads.Source, outcome, known.Length, labels.Count(l => l == 1), leads.Weeks is { } w ? Math.Round(w, 3) : null,
            leads.From, leads.To, step, model, rules, today);
    }

    /// <summary>Hidden gems and false alarms among all the leads (known outcome or not).</summary>
    public static (IReadOnlyList<Disagreement> HiddenGems, IReadOnlyList<Disagreement> FalseAlarms) Disagree(ComparedLeads leads, int count)
    {
        if (leads.Model is not { } model || leads.RuleStages is not { } stages)
            return ([], []);
        var sorted = model.Order().ToArray();
        Disagreement Lead(int i) => new(leads.Ids[i], leads.Accounts[i], model[i], Math.Round(Percentile(sorted, model[i]), 4),
            leads.RulePoints?[i], stages[i], leads.Actual[i]);
        return ([.. Disagreements.HiddenGems(model, stages, count).Select(Lead)], [.. Disagreements.FalseAlarms(model, stages, count).Select(Lead)]);
    }

    /// <summary>Share of scores strictly below <paramref name="value"/>.</summary>
    private static double Percentile(double[] sorted, double value)
    {
        var index = Array.BinarySearch(sorted, value);
        if (index < 0)
            index = ~index;
        while (index > 0 && sorted[index - 1] >= value)
            index--;
        return sorted.Length == 0 ? 0 : (double)index / sorted.Length;
    }

    private static double? Round(double value) => double.IsFinite(value) ? Math.Round(value, 5) : null;
}
