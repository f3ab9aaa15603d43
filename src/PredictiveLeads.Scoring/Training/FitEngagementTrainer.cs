using PredictiveLeads.Learning.Common;
using PredictiveLeads.Learning.Data;
using PredictiveLeads.Learning.Metrics;
using PredictiveLeads.Learning.Models;
using PredictiveLeads.Learning.Training;
using PredictiveLeads.Scoring.FitEngagement;

namespace PredictiveLeads.Scoring.Training;

/// <summary>
/// Trains an outcome's fit and engagement sub-models: the same learner and settings as the outcome's model, on the same
/// fit and validation leads, reading only the group's fields that the model reads too. Grades are the quarters of the
/// test leads' sub-model probabilities. Sub-models rather than TreeSHAP summed per group, because grades belong on every
/// response and a sub-model costs a few microseconds per lead where TreeSHAP costs about half a millisecond.
/// </summary>
internal static class FitEngagementTrainer
{
    public static FitEngagementResult Train(DataTable table, Schema.ExportSchema schema, TrainingOptions outcomeOptions, BinaryModel model,
        double[] labels, HoldoutSplit split, Action<string, double>? progress, CancellationToken cancellation)
    {
        var modelFields = model.Pipeline.Columns.Select(c => c.Column).ToHashSet(StringComparer.Ordinal);
        var notes = new List<string>();
        GroupResult? Group(string name, IReadOnlyList<string> declared)
        {
            if (declared.Count == 0)
            {
                notes.Add($"the schema declares no {name} fields (\"{name}\": [...]; profile proposes them)");
                return null;
            }
            var fields = declared.Where(modelFields.Contains).ToList();
            if (fields.Count == 0)
            {
                notes.Add($"none of the {name} fields is read by the model of {outcomeOptions.Label} ({string.Join(", ", declared)} were left out as identifiers, constants or leaks)");
                return null;
            }
            cancellation.ThrowIfCancellationRequested();
            var options = outcomeOptions with { Ignore = [.. table.Columns.Select(c => c.Name).Where(c => !fields.Contains(c))] };
            var trainer = new ModelTrainer(options) { Progress = (step, fraction) => progress?.Invoke($"{step} ({outcomeOptions.Label}, {name})", fraction) };
            TrainingResult training;
            try
            {
                training = trainer.Train(table, split.Fit, split.Validation, cancellation);
            }
            catch (DataFormatException e)
            {
                notes.Add($"the {name} sub-model could not be trained: {e.Message}");
                return null;
            }
            var probabilities = training.Model.PredictProbabilities(table.Select(split.Test), outcomeOptions.Boosting.Threads);
            var cutoffs = GroupGrades.QuarterCutoffs(probabilities);
            var grades = new GroupGrades { ModelFile = "", Fields = fields, Cutoffs = cutoffs };
            var known = Enumerable.Range(0, split.Test.Length).Where(i => !double.IsNaN(labels[split.Test[i]])).ToArray();
            var knownLabels = known.Select(i => labels[split.Test[i]]).ToArray();
            var test = knownLabels.Distinct().Count() == 2 ? ClassifierEvaluation.Compute([.. known.Select(i => probabilities[i])], knownLabels) : null;
            return new GroupResult(name, fields, training, cutoffs, [.. probabilities.Select(grades.Grade)], test);
        }

        var fit = Group("fit", schema.Fit);
        var engagement = Group("engagement", schema.Engagement);
        var actual = split.Test.Select(r => double.IsNaN(labels[r]) ? (int?)null : (int)labels[r]).ToArray();
        return new FitEngagementResult
        {
            Fit = fit,
            Engagement = engagement,
            Grid = fit is null || engagement is null ? null : GradeGrid.Of(fit.TestGrades, engagement.TestGrades, actual),
            Notes = notes,
        };
    }
}
