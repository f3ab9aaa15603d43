using PredictiveLeads.Learning.Data;
using PredictiveLeads.Learning.Models;

namespace PredictiveLeads.Scoring.FitEngagement;

/// <summary>Grades a lead with a fit or engagement sub-model and its cut-offs.</summary>
internal sealed record GroupScorer(BinaryModel Model, GroupGrades Grades)
{
    /// <param name="models">Sub-models by their file name in the bundle.</param>
    /// <param name="grades">The group's grades; null when the outcome has none.</param>
    public static GroupScorer? For(IReadOnlyDictionary<string, BinaryModel> models, GroupGrades? grades) => grades is null ? null : new(models[grades.ModelFile], grades);

    public int Grade(ParsedRow lead)
    {
        Span<double> features = Model.FeatureCount <= 512 ? stackalloc double[Model.FeatureCount] : new double[Model.FeatureCount];
        Model.Pipeline.Transform(lead, features);
        return Grades.Grade(Model.PredictProbability(features));
    }
}
