using PredictiveLeads.Learning.Metrics;
using PredictiveLeads.Scoring.Training;

namespace PredictiveLeads.Api.Dashboard;

/// <summary>Judges model and rules on the leads of a <see cref="ComparedLeads"/> whose outcome is known, as the dashboard shows them.</summary>
public static class Comparison
{
    public static ComparisonResponse Build(ComparedLeads leads, string outcome, string version)
    {
        var known = Enumerable.Range(0, leads.Count).Where(i => leads.Actual[i] is not null).ToArray();
        var labels = known.Select(i => leads.Actual[i]!.Value).ToArray();
        var step = 1;
        MethodResult? Method(string name, IReadOnlyList<double>? ranking, IReadOnlyList<double>? probabilities)
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
            return new MethodResult(name,
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
        return new ComparisonResponse(leads.Source, outcome, version, known.Length, labels.Count(l => l == 1), leads.Weeks is { } w ? Math.Round(w, 3) : null,
            leads.From, leads.To, step, model, rules, today);
    }

    /// <summary>Hidden gems and false alarms among all the leads (known outcome or not), without reasons yet.</summary>
    public static (IReadOnlyList<DisagreementLead> HiddenGems, IReadOnlyList<DisagreementLead> FalseAlarms) Disagree(ComparedLeads leads, int count)
    {
        if (leads.Model is not { } model || leads.RuleStages is not { } stages)
            return ([], []);
        var sorted = model.Order().ToArray();
        DisagreementLead Lead(int i) => new(leads.Ids[i], leads.Accounts[i], model[i], Math.Round(Percentile(sorted, model[i]), 4),
            leads.RulePoints?[i], stages[i], leads.Actual[i], []);
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
