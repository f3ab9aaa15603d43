using System.Globalization;
using PredictiveLeads.Learning.Models;
using PredictiveLeads.Scoring.Bundles;
using PredictiveLeads.Scoring.Funnel;
using PredictiveLeads.Scoring.Reports;
using PredictiveLeads.Scoring.Training;

namespace PredictiveLeads.Trainer.Output;

/// <summary>The readable summary printed at the end of <c>train</c>: per outcome, model next to rules on the same test leads.</summary>
internal static class TrainingSummary
{
    public static void Write(TextWriter output, BundleTrainingResult result, string directory, double seconds)
    {
        var c = CultureInfo.InvariantCulture;
        void Line(FormattableString text) => output.WriteLine(text.ToString(c));
        var split = result.Split;
        Line($"Bundle written to {directory} ({seconds:F1} s): bundle.json, one model per outcome, report.html / report.md / report.json");
        Line($"  split: {split.Method}: {split.Fit.Length:N0} fit, {split.Validation.Length:N0} validation (early stopping, calibration), {split.Test.Length:N0} test");
        if (split.TestDates is { } testDates)
            Line($"         fit {split.FitDates}, validation {split.ValidationDates}, test {testDates}");
        if (result.Rules is { } compared)
            Line($"  compared with: {compared.Name}");
        else if (result.NoRulesReason is { } why)
            Line($"  compared with: nothing: {why}");
        foreach (var nested in result.Nesting)
            Line($"  funnel: {ReportWriter.NestingText(nested)}");
        foreach (var note in result.ReadingNotes)
            Line($"  {note}");
        foreach (var excluded in result.Excluded.Where(e => e.ByValues))
            Line($"  not a feature: '{excluded.Column}', {excluded.Reason} (keep it with --keep)");
        foreach (var outcome in result.Outcomes)
        {
            output.WriteLine();
            Line($"  {outcome.Label}: {outcome.Positives:N0} positives, {outcome.Negatives:N0} negatives");
            if (outcome.StageGuessed && outcome.Stage is { } stage)
                Line($"    funnel stage: {stage.Name()}, read from the name: recorded live stages count a lead positive once it reaches {stage.Name()} or later (say otherwise with \"stages\" in --schema)");
            else if (outcome.Stage is null)
                Line($"    funnel stage: none (the name does not say one): record live outcomes by name, {{\"outcome\": \"{outcome.Label}\", \"value\": true}}, or give its stage with \"stages\" in --schema");
            if (outcome.Source == OutcomeSource.Rules)
                Line($"    served by the points rules: {outcome.Reason}");
            if (outcome.ModelTest is { } model)
            {
                var training = outcome.Training!;
                Line($"    model  test ROC AUC {model.RocAuc:F4}   log loss {model.LogLoss:F4}   Brier {model.Brier:F4}   ECE {model.ExpectedCalibrationError:F4}   ({(training.Model.Learner.GrowsTrees() ? $"{training.Trees} trees" : "logistic regression")}, {training.Model.FeatureCount} features)");
            }
            if (outcome.RulesTest is { } rules)
                Line($"    rules  test ROC AUC {rules.RocAuc:F4}   log loss {rules.LogLoss:F4}   Brier {rules.Brier:F4}   ECE {rules.ExpectedCalibrationError:F4}   (points AUC {outcome.RulesPointsAuc:F4})");
            if (outcome.Workload is { } w)
            {
                Line($"    same workload: the rules hand {w.RulesHandOver:N0} of {w.TestLeads:N0} test leads to sales and catch {w.RulesFind:N0} of {w.Positives:N0}; the model's top {w.RulesHandOver:N0} catch {w.ModelFindAtSameWorkload:N0}");
                Line($"    same catch: the model needs {w.ModelLeadsForSameFinds:N0} leads to catch what the rules catch with {w.RulesHandOver:N0}");
            }
            if (outcome.FitEngagement is { } grades)
            {
                foreach (var group in new[] { grades.Fit, grades.Engagement }.OfType<GroupResult>())
                {
                    var auc = group.Test is { } test ? $"test ROC AUC {test.RocAuc:F4}" : "not tested (the test leads hold one class)";
                    Line($"    {group.Group} grades: a sub-model of {string.Join(", ", group.Fields)}; {auc}");
                }
                foreach (var note in grades.Notes)
                    Line($"    no fit × engagement grid: {note}");
            }
            if (outcome.Account is { } account)
                Line($"    accounts: account model test ROC AUC {account.ModelTest.RocAuc:F4} (log loss {account.ModelTest.LogLoss:F4}) vs roll-up of lead probabilities {account.RollupTest.RocAuc:F4} (log loss {account.RollupTest.LogLoss:F4}) on {account.TestAccounts:N0} test accounts");
            foreach (var suspect in outcome.Leakage.Where(f => f.Suspect))
            {
                var action = outcome.KeptSuspects.Contains(suspect.Column) ? "KEPT on request (--keep)" : "EXCLUDED (keep it with --keep)";
                Line($"    WARNING leakage suspect '{suspect.Column}': {suspect.Reason}; {action}");
            }
            if (outcome.Training is { } t)
            {
                Line($"    strongest features: {string.Join(", ", t.Importance.Take(5).Select(i => i.Feature))}");
                foreach (var note in t.Notes)
                    Line($"    note: {note}");
            }
        }
    }
}
