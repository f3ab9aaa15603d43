using PredictiveLeads.Learning.Metrics;
using PredictiveLeads.Learning.Models;
using PredictiveLeads.Scoring.FitEngagement;

namespace PredictiveLeads.Scoring.Training;

/// <summary>One field group's sub-model of an outcome: the fields it reads, its cut-offs, and the test leads' grades.</summary>
public sealed record GroupResult(string Group, IReadOnlyList<string> Fields, TrainingResult Training, IReadOnlyList<double> Cutoffs, IReadOnlyList<int> TestGrades,
    ClassifierEvaluation? Test);

/// <summary>The fit and engagement sub-models of an outcome and the grid they make on the test leads; or why there are none.</summary>
public sealed record FitEngagementResult
{
    public GroupResult? Fit { get; init; }
    public GroupResult? Engagement { get; init; }

    /// <summary>Leads and conversions per cell on the test leads with a known outcome, when both groups are graded.</summary>
    public IReadOnlyList<GradeGridCell>? Grid { get; init; }

    /// <summary>Why a group is not graded (not declared, no field of it is a feature, too few leads); empty when both are.</summary>
    public IReadOnlyList<string> Notes { get; init; } = [];
}
